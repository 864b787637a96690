"""Search quality: every query in tests/search_queries.yml is typed into the built site's real
search box; the expected section must be among the first three results for every query, and the
first result for at least 90% of them (93% when this was written). scripts/search_quality.py
prints the same figures with each query's landing place."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import search_quality

QUERIES = search_quality.queries()
HIT_AT_1 = 0.9  # share of queries whose first result is the expected section


def test_the_query_set_is_large_and_points_at_real_sections(site):
    assert len(QUERIES) >= 30
    assert len({q["query"].lower() for q in QUERIES}) == len(QUERIES), "a query is listed twice"
    ids: dict[str, set[str]] = {}  # page -> its element ids, each page parsed once
    for q in QUERIES:
        html = site / q["page"] / "index.html"
        assert html.exists(), f"{q['query']!r}: no page {q['page']}"
        if q["page"] not in ids:
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
            ids[q["page"]] = {tag["id"] for tag in soup.find_all(id=True)}
        if q.get("section"):
            assert q["section"] in ids[q["page"]], (
                f"{q['query']!r}: no section #{q['section']} on {q['page']}")


@pytest.mark.browser
def test_search_finds_the_expected_section_first_or_in_the_first_three_results(open_page, server):
    page = open_page("")
    evaluated = search_quality.evaluate(page, server)
    hit1, hit3 = search_quality.report(evaluated)  # printed with -s, for the record
    misses = [q["query"] for q, position, _ in evaluated if not position or position > 3]
    not_first = [q["query"] for q, position, _ in evaluated if position != 1]
    assert hit3 == 1, f"hit@3 {hit3:.0%}; not in the first three: {misses}"
    assert hit1 >= HIT_AT_1, f"hit@1 {hit1:.0%}, below {HIT_AT_1:.0%}; not first: {not_first}"


@pytest.mark.browser
def test_the_search_index_loads_only_when_a_reader_starts_to_search(open_page):
    """docs/assets/javascripts/search-on-demand.js: a first view does not grow with the site."""
    requested = []
    page = open_page(None)
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"http://{page.watch.host}/graph-models/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requested if "search_index" in url], "index loaded on page view"
    page.locator("input[name=query]").focus()
    page.keyboard.type("retracing")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert [url for url in requested if url.endswith("/search/search_index.json")]


@pytest.mark.browser
def test_a_shared_search_link_loads_the_index_at_once(open_page):
    page = open_page("graph-models/?q=retracing")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
