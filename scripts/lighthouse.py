"""Lighthouse on every page and, in the same run, on a plain Material page, side by side.

Lighthouse comes from audit/'s npm packages and runs with its mobile profile in Debian's
Chromium. The plain page is the Markdown of our page with the most prose, with tabs, citations
and this site's additions stripped, built by Material with no custom template, CSS or hook.
A measurement, not a test.

    .venv/bin/python scripts/lighthouse.py [--rounds N] [--plain-from PAGE.md] [--doubled]
                                           [PAGE ...]

Each round audits every page and the plain page once, in a new random order, so that a machine
that slows down during the run slows every page alike. Per page it prints the median over the
rounds of the performance score, first contentful paint (FCP), largest contentful paint (LCP),
total blocking time (TBT), cumulative layout shift (CLS), DOM size and the first view's
transferred bytes, and each one's median ratio to the plain page audited in the same round.
Then the other three category scores, and every audit that scored below 100 in any round.

--doubled also builds a copy of the site with every page duplicated and prints, per page, the
first view's bytes (gzipped, from Chromium's requests) and the search index in both sites: what
a page costs must not grow with the number of pages.

The sites are served locally with gzip, as static hosts serve them. Lighthouse's performance
score on a local server measures the page's own weight and work, not a network.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _site import CHROMIUM, ROOT, build_project, copy_project, nav_pages, pages, serve

LIGHTHOUSE = ROOT / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PLAIN = "plain Material"
# (column, Lighthouse audit, unit): the figures printed per page.
FIGURES = [
    ("FCP", "first-contentful-paint", "ms"),
    ("LCP", "largest-contentful-paint", "ms"),
    ("TBT", "total-blocking-time", "ms"),
    ("CLS", "cumulative-layout-shift", ""),
    ("DOM", "dom-size", "elements"),
    ("bytes", "total-byte-weight", "kB"),
]


def audit(url: str, out: Path) -> dict:
    subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox "
                                                      "--disable-gpu"],
        check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM),
    )
    return json.loads(out.read_text(encoding="utf-8"))


def figures(report: dict) -> dict[str, float]:
    values = {c: report["categories"][c]["score"] * 100 for c in CATEGORIES}
    for column, audit_id, _ in FIGURES:
        values[column] = report["audits"][audit_id]["numericValue"]
    values["bytes"] /= 1000
    return values


def shortfalls(report: dict) -> set[str]:
    """Audits that count toward a category score and scored below 1."""
    weighted = {
        ref["id"]
        for cat in report["categories"].values()
        for ref in cat["auditRefs"]
        if ref["weight"] > 0
    }
    return {
        f"{audit_id}: {report['audits'][audit_id]['title']}"
        for audit_id in weighted
        if (report["audits"][audit_id]["score"] is not None
            and report["audits"][audit_id]["score"] < 1)
    }


# --- The plain page -------------------------------------------------------------------------

TAB = re.compile(r'^=== "')
SNIPPET = re.compile(r"^\s*--8<--")
CITATION = re.compile(r"\s*\[@[^\]]+\]")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
MARKER = re.compile(r"^<!--.*-->\s*$")


def plain_markdown(text: str) -> str:
    """The page's prose as plain Material would show it: front matter, tab sets (which hold the
    examples), snippet lines, citations, footnote references and render markers left out;
    collapsible blocks written as admonitions; explicit heading ids kept (attr_list)."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    kept, in_tab = [], False
    for line in text.splitlines():
        if TAB.match(line):
            in_tab = True
            continue
        if in_tab and (line.startswith("    ") or not line.strip()):
            continue
        in_tab = False
        if SNIPPET.match(line) or MARKER.match(line):
            continue
        line = re.sub(r"^(\s*)\?\?\?\+? ", r"\1!!! ", line)
        kept.append(FOOTNOTE.sub("", CITATION.sub("", line)))
    return "\n".join(kept) + "\n"


def plain_project(folder: Path, source: str) -> Path:
    (folder / "docs").mkdir(parents=True)
    markdown = plain_markdown((ROOT / "docs" / source).read_text(encoding="utf-8"))
    (folder / "docs" / "index.md").write_text(markdown, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Plain Material\n"
        "theme:\n  name: material\n  font: false\n"
        "markdown_extensions:\n  - admonition\n  - attr_list\n  - md_in_html\n  - tables\n"
        "  - toc:\n      permalink: true\n"
        # Links to the site's other pages lead nowhere here; they are kept as links.
        "validation:\n  not_found: ignore\n  anchors: ignore\n  unrecognized_links: ignore\n",
        encoding="utf-8",
    )
    return folder


def heaviest() -> str:
    """The page with the most prose once stripped (tables rendered from data/ are left out, so
    the page with the most elements, Porting, would leave little)."""
    return max(nav_pages(), key=lambda src: len(plain_markdown(
        (ROOT / "docs" / src).read_text(encoding="utf-8"))))


# --- The doubled site -----------------------------------------------------------------------

def doubled_project(folder: Path) -> Path:
    """A copy of the project with every page duplicated as <name>-copy.md, data tables included,
    and listed in the nav."""
    project = copy_project(folder)
    docs = project / "docs"
    copies = []
    for src in nav_pages(project):
        text = (docs / src).read_text(encoding="utf-8")
        copy = src.removesuffix(".md") + "-copy.md"
        (docs / copy).write_text(text, encoding="utf-8")
        copies.append(copy)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entries = "".join(f'      - "{copy}": {copy}\n' for copy in copies)
    text = text.replace("\nmarkdown_extensions:",
                        f"  - Copies:\n{entries}\nmarkdown_extensions:", 1)
    config.write_text(text, encoding="utf-8")
    return project


def build_or_exit(project: Path, site: Path, site_url: str) -> None:
    result = build_project(project, site, site_url)
    if result.returncode:
        sys.exit(f"strict build of {project} failed:\n{result.stdout}{result.stderr}")


def doubled_table(tmp: Path, site: Path, base: str, chosen: list[str]) -> None:
    from measure_site import first_view, gz, kib

    doubled_site = tmp / "doubled-site"
    project = doubled_project(tmp / "doubled")
    with serve(doubled_site, gzip_text=True) as doubled_base:
        build_or_exit(project, doubled_site, doubled_base)
        now = first_view(site, base, chosen)
        doubled = first_view(doubled_site, doubled_base, chosen)
    index = [gz((s / "search" / "search_index.json").read_bytes()) for s in (site, doubled_site)]
    print(f"\nFirst view with every page duplicated ({len(nav_pages(project))} pages instead of "
          f"{len(nav_pages())}), KiB gzipped:")
    print(f"{'page':<24}{'now':>10}{'doubled':>10}{'requests':>10}")
    for (path, *_, gz_now, count), (_, *_, gz_doubled, _) in zip(now, doubled, strict=True):
        print(f"{path:<24}{kib(gz_now):>10}{kib(gz_doubled):>10}{count:>10}")
    print(f"{'search index':<24}{kib(index[0]):>10}{kib(index[1]):>10}   "
          "(loaded when a reader searches)")


# --- The run --------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages as paths, e.g. background/ (default: all)")
    parser.add_argument("--rounds", type=int, default=3, help="audits of each page (default 3)")
    parser.add_argument("--plain-from", metavar="PAGE.md",
                        help="the page the plain page is made from (default: the most prose)")
    parser.add_argument("--doubled", action="store_true",
                        help="also compare first views with a site of twice the pages")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci --prefix audit`")
    chosen = args.pages or pages()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        site, plain_site = tmp / "site", tmp / "plain-site"
        with serve(site, gzip_text=True) as base, serve(plain_site, gzip_text=True) as plain_base:
            build_or_exit(ROOT, site, base)
            source = args.plain_from or heaviest()
            build_or_exit(plain_project(tmp / "plain", source), plain_site, plain_base)
            urls = {path: base + path for path in chosen} | {PLAIN: plain_base}
            version = subprocess.run(["node", str(LIGHTHOUSE), "--version"], capture_output=True,
                                     text=True).stdout.strip()
            print(f"Lighthouse {version}, mobile profile; {args.rounds} rounds; the plain page is "
                  f"{source} as plain Material shows it")

            rounds: list[dict[str, dict[str, float]]] = []
            below: dict[str, set[str]] = {}
            for number in range(args.rounds):
                order = list(urls)
                random.shuffle(order)
                results = {}
                for i, name in enumerate(order, 1):
                    print(f"\r  round {number + 1}/{args.rounds}, page {i}/{len(order)}",
                          end="", file=sys.stderr, flush=True)
                    report = audit(urls[name], tmp / "report.json")
                    results[name] = figures(report)
                    below.setdefault(name, set()).update(shortfalls(report))
                rounds.append(results)
            print(file=sys.stderr)

            def median(name, key):
                return statistics.median(r[name][key] for r in rounds)

            def ratio(name, key):
                return statistics.median(r[name][key] / r[PLAIN][key] if r[PLAIN][key] else
                                         float("nan") for r in rounds)

            header = f"{'page':<22}{'score':>6}{'×':>6}" + "".join(
                f"{c + ' ' + u:>16}{'×':>6}" for c, _, u in FIGURES)
            print(header)
            for name in [PLAIN, *chosen]:
                line = f"{name or '/':<22}{median(name, 'performance'):>6.0f}"
                line += f"{ratio(name, 'performance'):>6.2f}"
                for column, _, _ in FIGURES:
                    value = median(name, column)
                    digits = {"bytes": 1, "CLS": 3}.get(column, 0)
                    line += f"{value:>16.{digits}f}"
                    line += f"{ratio(name, column):>6.2f}"
                print(line)
            print("(× is the median over rounds of the page's figure over the plain page's)")

            others = CATEGORIES[1:]
            print(f"\n{'page':<22}" + "".join(f"{c:>16}" for c in others))
            for name in [PLAIN, *chosen]:
                print(f"{name or '/':<22}" + "".join(
                    f"{min(r[name][c] for r in rounds):>16.0f}" for c in others))
            print("(the lowest score over the rounds)")
            lacking = {name: found for name, found in below.items() if found}
            if lacking:
                print("\nAudits below 100 in any round:")
                for name, found in lacking.items():
                    print(f"  {name or '/'}:\n" + "\n".join(f"    {a}" for a in sorted(found)))
            if args.doubled:
                doubled_table(tmp, site, base, chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
