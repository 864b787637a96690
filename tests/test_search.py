"""Search quality: every query in tests/search_queries.yml is typed into the built site's real
search box, and the expected section must be among the first three results for at least 90% of
them. scripts/search_quality.py prints the same figures with each query's landing place."""

from __future__ import annotations

import sys

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import search_quality  # noqa: E402

QUERIES = search_quality.queries()


def test_the_query_set_is_large_and_points_at_real_sections(site):
    assert len(QUERIES) >= 30
    assert len({q["query"].lower() for q in QUERIES}) == len(QUERIES), "a query is listed twice"
    for q in QUERIES:
        html = site / q["page"] / "index.html"
        assert html.exists(), f"{q['query']!r}: no page {q['page']}"
        if q.get("section"):
            assert BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").find(id=q["section"]), (
                f"{q['query']!r}: no section #{q['section']} on {q['page']}")


@pytest.mark.browser
def test_search_finds_the_expected_section_in_the_first_three_results(open_page, server):
    page = open_page("")
    evaluated = search_quality.evaluate(page, server)
    hit1, hit3 = search_quality.report(evaluated)  # printed with -s, for the record
    misses = [q["query"] for q, position, _ in evaluated if not position or position > 3]
    assert hit3 >= 0.9, f"hit@3 {hit3:.0%} (hit@1 {hit1:.0%}); missed: {misses}"
    assert not page.watch.console_errors and not page.watch.page_errors
