"""Printing, as Chromium lays a page out for paper (print media): no navigation, every framework
tab, link targets written out, dark text on white whatever the reader's scheme, nothing wider
than the paper."""

from __future__ import annotations

import re

import pytest

from conftest import page_url

pytestmark = pytest.mark.browser

A4_WIDTH = 718  # CSS pixels inside Chromium's default margins on A4 paper


def printed(open_page, path: str, scheme: str = "light"):
    page = open_page(path, color_scheme=scheme, width=A4_WIDTH, height=1000)
    page.emulate_media(media="print")
    return page


def displayed(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e).display !== 'none'")


def after(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e, '::after').content")


def test_navigation_is_left_off_and_every_tab_is_printed(open_page):
    page = printed(open_page, "graph-models/")
    chromes = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
               ".md-tabs"]
    for chrome in chromes:
        assert not displayed(page, chrome), chrome
    blocks = page.locator(".tabbed-set").first.locator(".tabbed-block")
    assert blocks.count() == 2
    assert all(blocks.nth(i).is_visible() for i in range(2))


def test_link_targets_are_written_out_in_full(open_page, server):
    page = printed(open_page, "background/")
    internal = page.locator("article a[data-print-url*='/ecosystems/#serving']")
    assert internal.count() >= 1
    assert after(page, "article a[data-print-url*='/ecosystems/#serving']") == (
        f'" <{server}ecosystems/#serving>"'
    )
    # Footnote markers and links that already show their address get nothing added.
    assert after(page, "a.footnote-ref") in ("none", "normal")


def test_link_targets_are_written_out_in_full_without_javascript(open_page, server):
    """With JavaScript, Material's instant navigation rewrites every link to its full address;
    without it, the page's links stay relative ("../ecosystems/#serving"), and only the address
    the print_links hook wrote tells the reader where a link leads."""
    page = open_page("background/", javascript=False, width=A4_WIDTH, height=1000)
    page.emulate_media(media="print")
    link = "article a[data-print-url*='/ecosystems/#serving']"
    assert page.locator(link).first.get_attribute("href") == "../ecosystems/#serving"
    assert after(page, link) == f'" <{server}ecosystems/#serving>"'


# Text a printed page holds, and the colors each is drawn in (its own, and the background of
# each element from it up to the root, nearest first).
PRINTED_TEXT = ["article h1", "article h2", "article p", "article li", "article a", "article td",
                "article th", "article code", "article .highlight code span", ".fragment > "
                                                                              ".filename",
                # Elements that extra.css colors for the dark scheme on screen only.
                "article a code", "article .status"]
COLORS = """selector => [...document.querySelectorAll(selector)]
    .filter(e => e.getClientRects().length).slice(0, 5).map(e => {
        const backgrounds = [];
        for (let node = e; node; node = node.parentElement) {
            backgrounds.push(getComputedStyle(node).backgroundColor);
        }
        return [e.outerHTML.slice(0, 60), getComputedStyle(e).color, backgrounds];
    })"""


def rgba(css: str) -> tuple[float, float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (*values[:3], values[3] if len(values) > 3 else 1.0)


def over(top: tuple, bottom: tuple) -> tuple[float, float, float, float]:
    """A color with alpha composited over an opaque one."""
    alpha = top[3]
    return (*(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], bottom[:3], strict=True)), 1.0)


def luminance(color: tuple) -> float:
    """WCAG 2.2 relative luminance."""
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple, b: tuple) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def low_contrast(page) -> list[str]:
    """Printed text below WCAG AA's 4.5:1, on white paper (browsers leave backgrounds out when
    printing) and on its own backgrounds (when a reader prints them)."""
    white = (255.0, 255.0, 255.0, 1.0)
    found = []
    for selector in PRINTED_TEXT:
        for markup, color, backgrounds in page.evaluate(COLORS, selector):
            background = white
            for layer in reversed(backgrounds):  # from the root down to the element
                background = over(rgba(layer), background)
            for name, ground in (("paper", white), ("background", background)):
                ratio = contrast(over(rgba(color), ground), ground)
                if ratio < 4.5:
                    found.append(f"{selector}: {ratio:.2f}:1 on {name} ({color} on {ground}): "
                                 f"{markup}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_text_has_enough_contrast_from_either_scheme(open_page, scheme):
    page = printed(open_page, "graph-models/", scheme=scheme)
    assert page.locator(".fragment > .filename").count(), "the page should hold a fragment label"
    assert not low_contrast(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_ecosystems_page_has_enough_contrast_from_either_scheme(open_page, scheme):
    """The status labels and the code in links, which extra.css colors per scheme on screen."""
    page = printed(open_page, "ecosystems/", scheme=scheme)
    assert page.locator("article .status").count() > 10
    assert page.locator("article a code").count() >= 1
    assert not low_contrast(page)


def test_the_contrast_check_finds_pale_printed_text(open_page):
    """Guards the test above: text made pale for print is found."""
    page = printed(open_page, "graph-models/", scheme="dark")
    page.add_style_tag(content="@media print { article p { color: #aaa !important } }")
    assert any(problem.startswith("article p: 2.32:1 on paper") for problem in low_contrast(page))


def test_the_decision_guide_prints_its_rules_not_its_empty_form(open_page):
    page = printed(open_page, "decision-guide/")
    assert not displayed(page, "#decision-app")
    assert page.locator("#rules-building").is_visible()
    page = printed(open_page, "decision-guide/?building=research&models=huggingface")
    assert not displayed(page, ".decision-form")
    assert page.locator(".decision-output").is_visible()
    assert "/applications/#research-papers" in after(page, ".decision-output a")


def test_nothing_is_wider_than_the_paper(open_page, nav_pages):
    for src in nav_pages:
        page = printed(open_page, page_url(src))
        wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                         && getComputedStyle(e).display !== 'none')
            .slice(0, 3).map(e => e.tagName + ' ' + (e.innerText || '').slice(0, 40))""")
        assert not wide, (src, wide)


def pdf_pages(page) -> int:
    """Pages of the PDF Chromium prints (A4), counted from its page objects."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", page.pdf(format="A4")))


def test_the_exercises_print_as_a_worksheet_and_the_key_with_its_answers(open_page):
    worksheet = printed(open_page, "exercises/")
    assert worksheet.locator("article h3#tf-function-traces").is_visible()
    assert worksheet.locator("article details.answer").count() >= 12
    assert not displayed(worksheet, "article details.answer")
    assert worksheet.locator("article details.answer .hll").first.is_hidden()
    key = printed(open_page, "exercises-key/")
    assert key.locator("article details.answer-key[open]").count() >= 12
    assert key.locator("article details.answer-key .hll").first.is_visible()
    # On paper the answers take room: the key runs to more pages than the worksheet.
    assert pdf_pages(key) > pdf_pages(worksheet) > 0
