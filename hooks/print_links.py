"""Marks each link in a page's content with the full address it leads to (data-print-url), so that
the print stylesheet can show link targets on paper. Relative links become absolute with
site_url, so a printed "Serving" link reads as a URL a student can type. Footnote markers,
permalinks, buttons and links whose text already is the address are left alone.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

LINK = re.compile(r"<a\s(?P<attrs>[^>]*)>(?P<text>.*?)</a>", re.S)
HREF = re.compile(r'\bhref="(?P<href>[^"]*)"')
SKIP_CLASSES = ("footnote-ref", "footnote-backref", "headerlink", "md-button")
TAG = re.compile(r"<[^>]+>")


def print_url(attrs: str, text: str, page_url: str) -> str | None:
    match = HREF.search(attrs)
    if not match or "data-print-url" in attrs:
        return None
    classes = re.search(r'\bclass="([^"]*)"', attrs)
    if classes and any(c in classes.group(1).split() for c in SKIP_CLASSES):
        return None
    href = html.unescape(match.group("href"))
    if href.startswith(("mailto:", "javascript:")) or not href:
        return None
    target = urljoin(page_url, href)
    shown = html.unescape(TAG.sub("", text)).strip()
    if shown in (href, target):
        return None
    return target


def on_page_content(content, page, config, **kwargs):
    page_url = urljoin(config["site_url"] or "/", page.url)

    def mark(match):
        target = print_url(match.group("attrs"), match.group("text"), page_url)
        if target is None:
            return match.group(0)
        return (f'<a {match.group("attrs")} '
                f'data-print-url="{html.escape(target)}">{match.group("text")}</a>')

    return LINK.sub(mark, content)
