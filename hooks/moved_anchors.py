"""Keeps links to sections that moved to another page working (data/moved_anchors.yml).

The old page gets a short list at its end, "Sections on other pages", whose links carry the old
ids: a reader who follows an old link lands on the line that names the section and links to its
new place, and with JavaScript is sent straight on (docs/assets/javascripts/moved-anchors.js).
The links are Markdown, so MkDocs' own anchor validation fails the build when a target is gone.
"""

from __future__ import annotations

import re
from functools import cache

from mkdocs.exceptions import PluginError

import _data as d

DATA = "data/moved_anchors.yml"
PAGE_ANCHOR = re.compile(r"^(?P<page>[\w./-]+\.md)#(?P<anchor>[\w-]+)$")


def page_anchor(value):
    if not isinstance(value, str) or not PAGE_ANCHOR.match(value):
        raise d.Invalid(f"'{value}' is not page.md#anchor")
    return value


SCHEMA = {
    "from": (page_anchor, True),
    "to": (page_anchor, True),
    "title": (d.text, True),
    "moved": (d.date, True),
}


@cache
def moves() -> list[dict]:
    return d.check_entries(DATA, d.load_yaml(DATA), SCHEMA, label="from", unique=("from",))


def split(value: str) -> tuple[str, str]:
    match = PAGE_ANCHOR.match(value)
    return match["page"], match["anchor"]


def on_config(config, **kwargs):
    moves.cache_clear()  # mkdocs serve rebuilds in the same process


def on_files(files, config, **kwargs):
    for move in moves():
        for field in ("from", "to"):
            page, _ = split(move[field])
            if files.get_file_from_path(page) is None:
                raise PluginError(
                    f"{DATA}: entry {move['from']}: field '{field}': no page docs/{page}")
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):
    here = [m for m in moves() if split(m["from"])[0] == page.file.src_uri]
    if not here:
        return markdown
    lines = []
    for move in here:
        anchor = split(move["from"])[1]
        if re.search(rf"\{{\s*#{re.escape(anchor)}\s*\}}", markdown):
            raise PluginError(f"docs/{page.file.src_uri}: heading id '{anchor}' is still on "
                              f"the page, but {DATA} lists it as moved")
        target_page, _ = split(move["to"])
        title = files.get_file_from_path(target_page).page.title  # from the nav
        link = f"[{move['title']}]({move['to']}){{ #{anchor} .moved-anchor }}"
        lines.append(f"- {link}, now on {title} (moved {d.human_date(move['moved'])})")
    section = ("\n\n## Sections on other pages {#moved-sections}\n\n"
               "These sections moved to another page. Old links to them lead here, and on to "
               "their new place:\n\n" + "\n".join(lines) + "\n")
    return markdown.rstrip() + section
