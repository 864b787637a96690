"""Types every query in tests/search_queries.yml into the site's real search box (Material's
search, in Debian's Chromium) and prints where each lands, with hit@1 and hit@3.

    .venv/bin/python scripts/search_quality.py     # builds the site, serves it, runs the queries

A query hits at rank k when its expected page is among the first k results and, where a section
is given, that section is one of the result's links. The tests use the same functions.
"""

from __future__ import annotations

import sys

import yaml

from _site import ROOT, launch, served

QUERIES = ROOT / "tests" / "search_queries.yml"


def queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def open_search(page, base: str) -> None:
    page.goto(base, wait_until="networkidle")
    page.locator(
        "label.md-header__button[for='__search']:visible, input.md-search__input:visible"
    ).first.click()


def results(page, base: str, query: str) -> list[list[str]]:
    """The result list for a query: for each result (a page), its links, relative to the site."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.fill("")
    box.press("Backspace")  # an emptied box resets the result list
    meta.filter(has_not_text="matching").wait_for(timeout=10_000)
    # Material reads the box on each keyup: the whole query, then one key, is one search, as
    # when a reader pastes it (typed key by key, each prefix was searched on the way).
    box.fill(query)
    box.press("End")
    meta.filter(has_text="matching").wait_for(timeout=10_000)
    page.wait_for_timeout(100)  # the list settles after the count
    # One read of the rendered list, rather than a browser round trip per link.
    return page.evaluate("""base => [...document.querySelectorAll(".md-search-result__item")].map(
        item => [...item.querySelectorAll("a")].map(a => {
            const href = a.getAttribute("href");
            return href.startsWith(base) ? href.slice(base.length) : href;
        }))""", base)


def rank(result_list: list[list[str]], expected_page: str, section: str | None) -> int | None:
    """1-based rank of the first result on the expected page (and section), or None."""
    for position, links in enumerate(result_list, start=1):
        paths = [link.split("?")[0].split("#")[0] for link in links]
        if expected_page not in paths:
            continue
        if section is None or any(link.endswith("#" + section) for link in links):
            return position
    return None


def evaluate(page, base: str) -> list[tuple[dict, int | None, list[list[str]]]]:
    open_search(page, base)
    return [(q, rank(found := results(page, base, q["query"]), q["page"], q.get("section")), found)
            for q in queries()]


def report(evaluated) -> tuple[float, float]:
    for q, position, found in evaluated:
        where = q["page"] + ("#" + q["section"] if q.get("section") else "")
        first = found[0][0] if found else "no results"
        print(f"{'hit@' + str(position) if position else 'miss':>6}  {q['query']!r:<40} -> "
              f"{where:<45} first: {first}")
    n = len(evaluated)
    hit1 = sum(1 for _, p, _ in evaluated if p == 1) / n
    hit3 = sum(1 for _, p, _ in evaluated if p and p <= 3) / n
    print(f"\n{n} queries: hit@1 {hit1:.0%}, hit@3 {hit3:.0%}")
    return hit1, hit3


def main() -> int:
    from playwright.sync_api import sync_playwright

    with served() as (_, base), sync_playwright() as playwright:
        browser = launch(playwright)
        report(evaluate(browser.new_page(), base))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
