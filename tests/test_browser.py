"""The site as a reader meets it, in Debian's Chromium: every request to anything but the local
server is blocked and recorded, and console errors fail the test."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from _site import nav_pages as pages_in_nav
from conftest import page_url

pytestmark = pytest.mark.browser

SEARCHES = [
    # (what a reader types, the page the first result must be on, a word the result must show)
    ("DistBelief", "background/", "DistBelief"),
    ("TorchServe archived", "answers/", "TorchServe"),
    ("retracing", "graph-models/", "Retracing"),
    ("GradientTape", "graph-models/", "GradientTape"),  # the Glossary is not searched
    ("torch.compile graph break", "graph-models/", "graph break"),
]


def assert_clean(page):
    watch = page.watch
    assert not watch.outside, f"requests outside the site: {watch.outside}"
    assert not watch.console_errors, f"console errors: {watch.console_errors}"
    assert not watch.page_errors, f"script errors: {watch.page_errors}"
    assert not watch.csp_violations, f"Content-Security-Policy violations: {watch.csp_violations}"


def test_every_page_loads_with_no_outside_request_and_no_error(open_page, nav_pages):
    for src in nav_pages:
        page = open_page(page_url(src))
        assert page.locator("article h1").count() == 1, src
        assert_clean(page)


def search(page, query: str):
    page.locator(
        "label.md-header__button[for='__search']:visible, input.md-search__input:visible"
    ).first.click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=20)
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"\d+ matching"), timeout=10_000
    )
    results = page.locator(".md-search-result__item a")
    try:
        results.first.wait_for(timeout=10_000)
    except Exception as error:
        state = page.evaluate("""() => ({search_open: document.getElementById('__search').checked,
            url: location.href,
            meta: document.querySelector('.md-search-result__meta').innerText})""")
        raise AssertionError(f"search results not shown: {state}") from error
    return results


@pytest.mark.parametrize("query,expected_page,word", SEARCHES)
def test_search_lands_on_the_right_page(open_page, server, query, expected_page, word):
    page = open_page("")
    search(page, query)
    item = page.locator(".md-search-result__item").first
    first = item.locator("a").first
    href = first.get_attribute("href")
    assert href.split("?")[0] == server + expected_page, href
    assert word.lower() in item.inner_text().lower()
    first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.split("?")[0] == server + expected_page
    assert_clean(page)


def test_search_starts_without_any_outside_request(open_page):
    page = open_page("background/")
    search(page, "Keras")
    meta = page.locator(".md-search-result__meta").inner_text()
    assert "Initializing" not in meta and re.search(r"\d+ matching", meta), meta
    assert_clean(page)


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_color_scheme_follows_the_system_and_the_toggle_cycles(open_page):
    # Material applies a scheme that follows the system once its script runs: wait for it.
    expect(open_page("", color_scheme="dark").locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate"
    )
    page = open_page("", color_scheme="light")
    assert scheme(page) == "default"
    seen = []
    for _ in range(3):
        page.locator("form[data-md-component='palette'] label:visible").first.click()
        seen.append(
            (scheme(page), page.evaluate("document.body.getAttribute('data-md-color-media')"))
        )
    assert seen == [
        ("default", "(prefers-color-scheme: light)"),
        ("slate", "(prefers-color-scheme: dark)"),
        ("default", "(prefers-color-scheme)"),
    ]
    page.reload(wait_until="networkidle")
    assert scheme(page) == "default"
    assert_clean(page)


def test_a_first_visit_on_a_dark_system_is_dark_before_materials_bundle_runs(open_page, server):
    """No light flash: the scheme comes from the inline scripts in the page, not from the bundle
    at its end (here blocked, so that only the inline scripts can have set it)."""
    page = open_page(None, color_scheme="dark")
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(server + "background/", wait_until="load")
    assert scheme(page) == "slate"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    page.watch.expected(
        "console_errors", r"^Failed to load resource: net::ERR_FAILED$"
    )  # the bundle


def test_footnote_shows_its_source_on_hover(open_page):
    page = open_page("background/")
    ref = page.locator("a.footnote-ref").first
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(timeout=5_000)
    assert "Torch7" in tooltip.inner_text()


# One test per page, scheme and width: a failure names all three, and a check of one page (as
# scripts/mutation_check.py runs it) need not open the others. Both schemes on a desktop, and the
# phone layout in the dark scheme: the phone's own elements (header, drawer, search) are checked
# in one scheme, and every colour of the content in both, for three runs per page instead of four.
@pytest.mark.parametrize("src", pages_in_nav())
@pytest.mark.parametrize(("color_scheme", "width"), [("light", 1280), ("dark", 1280),
                                                     ("dark", 390)],
                         ids=["light-desktop", "dark-desktop", "dark-phone"])
def test_axe_finds_no_violations(open_page, src, color_scheme, width):
    page = open_page(
        page_url(src),
        color_scheme=color_scheme,
        width=width,
        height=844 if width < 600 else 900,
    )
    expected = "slate" if color_scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    # Material makes each scrollable code block focusable from its script, after layout; wait for
    # it (a block it never marks still fails, here or in axe), so axe does not race the script.
    page.wait_for_function("""() => [...document.querySelectorAll('pre > code')].every(
        code => code.scrollWidth <= code.clientWidth || code.hasAttribute('tabindex'))""",
                           timeout=5000)
    # Full detail for violations only: on the longest pages listing every passing node took
    # more than half of axe's time (axe-core's resultTypes option), and passes are not read here.
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    assert not results.violations_count, (f"{src} ({color_scheme}, {width} px):\n"
                                          f"{results.generate_report()}")


def test_the_content_security_policy_blocks_injected_scripts_and_reports_them(open_page):
    """The policy is live (not only present in the markup) and the violation listener that every
    browser test relies on works: a script injected into the page does not run."""
    page = open_page("graph-models/")
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.injected = true';
        document.body.append(s);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected === undefined")
    # Expected here, and Chromium's own report of it; anything else fails the test.
    page.watch.expected("csp_violations", r"^CSP violation: script-src-elem blocked inline")
    page.watch.expected("console_errors", r"^Executing inline script violates the following "
                                          r"Content Security Policy")


def test_instant_navigation_through_every_page_keeps_to_the_policy(open_page, nav_pages):
    """Instant navigation runs the next page's inline scripts under the first page's policy."""
    page = open_page("")
    for src in nav_pages[1:]:
        href = page_url(src)
        page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{href}']").first.evaluate(
            "a => a.click()"
        )
        page.wait_for_url(f"**/{href}")
        page.locator(f"article h1#{src.removesuffix('.md')}").wait_for()
    # Material closes the search 125 ms after every change of location (a reader cannot type that
    # fast); opening it sooner would see it closed under the test.
    page.wait_for_timeout(500)
    search(page, "tf.function")
    assert_clean(page)


@pytest.mark.parametrize("path", ["ecosystems/", "applications/"])
def test_wide_tables_become_one_block_per_row_on_a_phone(open_page, path):
    """The ecosystem matrix and the documented uses: nothing to scroll sideways at 390 px, each
    cell under its column's name, and the table's structure still there for screen readers."""
    page = open_page(path, width=390, height=844)
    table = page.locator(".stack-on-phones table")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first_cell = table.locator("td").first
    label = first_cell.evaluate("td => getComputedStyle(td, '::before').content")
    header = table.locator("thead th").nth(1).inner_text()
    assert label.startswith(f'"{header}"'), (label, header)
    tree = table.aria_snapshot()
    assert "- columnheader" in tree and "- rowheader" in tree and "- cell" in tree
    own_text = first_cell.inner_text().split()[:3]  # the ::before label is not part of it
    assert f'cell "{" ".join(own_text)}' in tree, ("the visual label is read out on top of the "
                                                   "column header")
    assert_clean(page)
