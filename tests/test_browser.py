"""The site as a reader meets it, in Debian's Chromium: every request to anything but the local
server is blocked and recorded, and console errors fail the test."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import page_url

pytestmark = pytest.mark.browser

SEARCHES = [
    # (what a reader types, the page the first result must be on, a word the result must show)
    ("DistBelief", "background/", "DistBelief"),
    ("TorchServe maintenance", "ecosystems/", "TorchServe"),
    ("retracing", "graph-models/", "Retracing"),
    ("GradientTape", "glossary/", "GradientTape"),
    ("torch.compile graph break", "graph-models/", "graph break"),
]


def assert_clean(page):
    watch = page.watch
    assert not watch.outside, f"requests outside the site: {watch.outside}"
    assert not watch.console_errors, f"console errors: {watch.console_errors}"
    assert not watch.page_errors, f"script errors: {watch.page_errors}"


def test_every_page_loads_with_no_outside_request_and_no_error(open_page, nav_pages):
    for src in nav_pages:
        page = open_page(page_url(src))
        assert page.locator("article h1").count() == 1, src
        assert_clean(page)


def search(page, query: str):
    page.locator("label.md-header__button[for='__search']:visible, input.md-search__input:visible").first.click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
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
    assert scheme(open_page("", color_scheme="dark")) == "slate"
    page = open_page("", color_scheme="light")
    assert scheme(page) == "default"
    seen = []
    for _ in range(3):
        page.locator("form[data-md-component='palette'] label:visible").first.click()
        seen.append((scheme(page), page.evaluate("document.body.getAttribute('data-md-color-media')")))
    assert seen == [
        ("default", "(prefers-color-scheme: light)"),
        ("slate", "(prefers-color-scheme: dark)"),
        ("default", "(prefers-color-scheme)"),
    ]
    page.reload(wait_until="networkidle")
    assert scheme(page) == "default"
    assert_clean(page)


def test_footnote_shows_its_source_on_hover(open_page):
    page = open_page("background/")
    ref = page.locator("a.footnote-ref").first
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(timeout=5_000)
    assert "Torch7" in tooltip.inner_text()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_no_violations(open_page, nav_pages, color_scheme):
    axe = Axe()
    reports = []
    for src in nav_pages:
        page = open_page(page_url(src), color_scheme=color_scheme)
        expected = "slate" if color_scheme == "dark" else "default"
        assert scheme(page) == expected
        results = axe.run(page)
        if results.violations_count:
            reports.append(f"{src} ({color_scheme}):\n{results.generate_report()}")
    assert not reports, "\n\n".join(reports)
