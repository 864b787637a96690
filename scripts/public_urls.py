"""The list of public URLs that course pages and readers may link to: every page, every
heading anchor on it, and every published file (the open data and the downloads). The list
lives in tests/public_urls.txt; tests/test_public_urls.py fails when a listed URL no longer
reaches its page and heading (directly or through a redirect), and when the site has a page or
heading the list does not hold yet.

    .venv/bin/python scripts/public_urls.py           # builds the site, prints what changed
    .venv/bin/python scripts/public_urls.py --write   # ... and writes the new list (after review)

A heading may be renamed freely, since its id is explicit ({#id}); a removed or moved one needs a
redirect (mkdocs-redirects, `redirect_maps` in mkdocs.yml) or a restored id.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup

from _site import ROOT, built, pages

LIST = ROOT / "tests" / "public_urls.txt"
MOVED = "data/moved_anchors.yml"
HEADER = """\
# Public URLs: every page and every heading anchor, as paths from the site root.
# Made by scripts/public_urls.py; checked by tests/test_public_urls.py. Never delete a line
# unless its URL redirects (mkdocs.yml, redirects plugin) to a page that holds the same anchor.
"""
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
# Folders of published files that readers and scripts link to: the open data and the downloads.
FILE_FOLDERS = ["data", "downloads"]


def listed() -> list[str]:
    lines = LIST.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def _soup(site: Path, page: str) -> BeautifulSoup | None:
    path = site / page / "index.html"
    return _parsed(str(path), path.stat().st_mtime_ns) if path.is_file() else None


@functools.lru_cache(maxsize=64)
def _parsed(path: str, mtime_ns: int) -> BeautifulSoup:
    """A page parsed once for all its listed URLs (hundreds share a page); a rebuilt page has
    another modification time, so it is parsed again. Callers only read the tree."""
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "lxml")


def _redirect_target(soup: BeautifulSoup, page: str) -> str | None:
    """The page a mkdocs-redirects stub sends readers to, relative to the site root."""
    if soup.title is None or soup.title.get_text() != "Redirecting...":
        return None
    href = soup.find("link", rel="canonical")["href"]
    return urlparse(urljoin("http://site/" + page, href)).path.lstrip("/")


def site_urls(site: Path) -> set[str]:
    """Every page of the nav and every heading anchor on it, in a built site."""
    urls = set()
    for page in pages():
        article = _soup(site, page).select_one("article.md-content__inner")
        urls.add("/" + page)
        urls.update(f"/{page}#{h['id']}" for h in article.find_all(HEADINGS) if h.get("id"))
    for folder in FILE_FOLDERS:
        urls.update("/" + p.relative_to(site).as_posix() for p in (site / folder).rglob("*")
                    if p.is_file())
    return urls


def broken(site: Path, url: str, following: frozenset[str] = frozenset()) -> str | None:
    """Why a listed URL no longer reaches its page and heading, or None when it does.
    `following`: the moved-section links already followed to get here, to catch a loop."""
    page, _, anchor = url.removeprefix("/").partition("#")
    if page.split("/")[0] in FILE_FOLDERS:
        return None if (site / page).is_file() else f"{url}: file is gone; publish it again"
    seen = []
    while True:
        soup = _soup(site, page)
        if soup is None:
            via = f" (redirected from {', '.join(seen)})" if seen else ""
            return f"{url}: page /{page} is gone{via}; add a redirect in mkdocs.yml"
        target = _redirect_target(soup, page)
        if target is None:
            break
        seen.append("/" + page)
        if "/" + target in seen:
            loop = " -> ".join([*seen, "/" + target])
            return f"{url}: redirect loop {loop}; fix redirect_maps in mkdocs.yml"
        page = target
    if anchor and not soup.find(HEADINGS, id=anchor):
        moved = soup.find(id=anchor, class_="moved-anchor")
        if moved is not None:  # a section that moved (data/moved_anchors.yml): follow its link
            target = urlparse(urljoin("http://site/" + page, moved["href"]))
            onward = f"{target.path}#{target.fragment}"
            if onward in following:
                return f"{url}: moved sections link in a loop ({onward}); fix {MOVED}"
            problem = broken(site, onward, following | {onward})
            return f"{url}: moved to {onward}, which is broken: {problem}" if problem else None
        where = f"/{page} (redirected)" if seen else f"/{page}"
        return f"{url}: no heading with id '{anchor}' on {where}; restore the id or add a redirect"
    return None


def main() -> int:
    with built() as site:
        current = site_urls(site)
        old = set(listed()) if LIST.exists() else set()
        problems = [p for url in sorted(old) if (p := broken(site, url))]
    for url in sorted(current - old):
        print(f"new      {url}")
    for problem in problems:
        print(f"BROKEN   {problem}")
    print(f"{len(current)} URLs in the site, {len(old)} listed, {len(current - old)} new, "
          f"{len(problems)} broken")
    if "--write" in sys.argv[1:]:
        if problems:
            print("not written: fix the broken URLs first")
            return 1
        kept = old | current  # redirected URLs stay listed
        LIST.write_text(HEADER + "\n".join(sorted(kept)) + "\n", encoding="utf-8")
        print(f"wrote {LIST.relative_to(ROOT)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
