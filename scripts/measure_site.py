"""Prints the site's build time and page weights (a measurement, not a test).

    .venv/bin/python scripts/measure_site.py [--builds N]

- Cold strict build: `mkdocs build --strict` in a fresh process into an empty folder, N times.
- Total size of the built site.
- Per page: the HTML, and everything a first view loads (stylesheets, scripts, the search worker
  and index, images), as requested by Debian's Chromium from a local server; raw bytes and
  gzip-compressed bytes (level 6, as a typical web server sends them).
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from _site import build, launch, pages, served

BUDGET = 150_000  # bytes, gzipped, per page's first view


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def kib(n: int) -> str:
    return f"{n / 1024:8.1f}"


def first_view(site: Path, base: str,
               pages: list[str]) -> list[tuple[str, int, int, int, int, int]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for path in pages:
            context = browser.new_context()  # empty cache: a first view
            page = context.new_page()
            files: list[Path] = []

            def record(response, files=files):  # this page's list, not a later one
                url = urlparse(response.url)
                local = site / unquote(url.path).lstrip("/")
                files.append(local / "index.html" if local.is_dir() else local)

            page.on("response", record)
            page.goto(base + path, wait_until="networkidle")
            context.close()
            html = (site / path / "index.html").read_bytes()
            data = [f.read_bytes() for f in files if f.is_file()]
            rows.append(
                (
                    path or "/",
                    len(html),
                    gz(html),
                    sum(map(len, data)),
                    sum(map(gz, data)),
                    len(files),
                )
            )
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=3, help="cold builds to time (default 3)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        with served(site, build_first=False) as (_, base):
            times = []
            for _ in range(args.builds):
                shutil.rmtree(site, ignore_errors=True)
                times.append(build(site, base))
            print(f"Cold strict build, {args.builds} runs: median {statistics.median(times):.2f} s "
                  f"(min {min(times):.2f} s, max {max(times):.2f} s)")

            files = [f for f in site.rglob("*") if f.is_file()]
            total = sum(f.stat().st_size for f in files)
            print(f"Site: {len(files)} files, {total / 1024 / 1024:.2f} MiB")
            raw = (site / "search" / "search_index.json").read_bytes()
            print(f"Search index: {kib(len(raw)).strip()} KiB raw, "
                  f"{kib(gz(raw)).strip()} KiB gzipped")

            print()
            print(f"{'page':<24}{'HTML KiB':>10}{'HTML gz':>10}{'first view KiB':>16}"
                  f"{'first view gz':>15}{'requests':>10}")
            over = []
            for path, html, html_gz, all_raw, all_gz, count in first_view(site, base, pages()):
                print(f"{path:<24}{kib(html):>10}{kib(html_gz):>10}{kib(all_raw):>16}"
                      f"{kib(all_gz):>15}{count:>10}")
                if all_gz > BUDGET:
                    over.append(path)
            print(f"\nBudget, {BUDGET // 1000} kB gzipped per first view: "
                  + (f"OVER on {', '.join(over)}" if over else "every page within it"))


if __name__ == "__main__":
    main()
