"""Printing, as Chromium lays a page out for paper (print media): no navigation, every framework
tab, link targets written out, dark text on white whatever the reader's scheme, nothing wider
than the paper."""

from __future__ import annotations

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
    for chrome in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-tabs"]:
        assert not displayed(page, chrome), chrome
    blocks = page.locator(".tabbed-set").first.locator(".tabbed-block")
    assert blocks.count() == 2
    assert all(blocks.nth(i).is_visible() for i in range(2))


def test_link_targets_are_written_out_in_full(open_page, server):
    page = printed(open_page, "background/")
    internal = page.locator("article a[data-print-url*='/ecosystems/#serving']")
    assert internal.count() >= 1
    assert after(page, "article a[data-print-url*='/ecosystems/#serving']") == f'" <{server}ecosystems/#serving>"'
    # Footnote markers and links that already show their address get nothing added.
    assert after(page, "a.footnote-ref") in ("none", "normal")


def test_a_page_read_in_the_dark_scheme_prints_dark_on_white(open_page):
    page = printed(open_page, "graph-models/", scheme="dark")
    color = page.locator("article p").first.evaluate("e => getComputedStyle(e).color")
    channels = [float(c) for c in color[color.index("(") + 1:-1].replace("/", ",").split(",")[:3]]
    assert max(channels) < 60, color
    fragment = page.locator(".fragment > .filename").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert fragment != "rgb(61, 46, 26)", "the dark-scheme fragment label would print dark on dark"


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
