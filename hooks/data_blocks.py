"""Renders the files under data/ into pages, where a page holds a marker such as
`<!-- render: timeline -->`; appends the glossary's hover abbreviations to every page; and adds
the SVG charts drawn from the data to the site.

Each renderer returns Markdown, so citations it writes as `[@key]` become footnotes like any
other, and its tables get the same styling as hand-written ones. One module per data file
(_background.py, _glossary.py, _ecosystem.py, _applications.py) holds its schema and renderers.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import _applications
import _background
import _bib
import _data as d
import _ecosystem
import _glossary

MARKER = re.compile(r"<!-- render: ([\w-]+) -->")
# Blocks rendered later, from the built HTML (see bibliography.py), pass through untouched.
LATER = {"bibliography"}
ROW_HEADER = re.compile(r"<tr>\s*<td>(.*?)</td>", re.S)
ROW_HEADER_TABLE = re.compile(r'<div class="row-headers[^"]*">.*?</table>', re.S)


def checked_dates():
    """Every date on which a source of the site was checked."""
    dates = [d.date(e.fields["urldate"]) for e in _bib.load().entries.values() if "urldate" in e.fields]
    for module in (_background, _ecosystem, _applications):
        dates += module.checked_dates()
    return dates


RENDERERS = {
    "timeline": lambda config: _background.render_timeline(),
    "releases": lambda config: _background.render_releases(),
    "glossary": lambda config: _glossary.render_glossary(),
    "ecosystem-matrix": lambda config: _ecosystem.render_ecosystem_matrix(),
    "applications": lambda config: _applications.render_uses(),
    "adoption": lambda config: _applications.render_adoption(),
    "facts-checked-newest": lambda config: d.human_date(max(checked_dates())),
    "facts-checked-oldest": lambda config: d.human_date(min(checked_dates())),
    "site-url": lambda config: config["site_url"],
}


def on_files(files, config, **kwargs):
    for path, content in _applications.generated_files().items():
        files.append(File.generated(config, path, content=content))
    return files


@event_priority(90)  # before bibliography.py checks the citations the blocks write
def on_page_markdown(markdown, page, config, files, **kwargs):
    def replace(match):
        name = match.group(1)
        if name in LATER:
            return match.group(0)
        if name not in RENDERERS:
            raise PluginError(f"{page.file.src_uri}: unknown block '<!-- render: {name} -->'")
        return RENDERERS[name](config)

    return MARKER.sub(replace, markdown) + "\n\n" + _glossary.abbreviations() + "\n"


def on_page_content(html, page, config, files, **kwargs):
    """Markdown tables have no row headers. In tables wrapped in a `row-headers` div, each row's
    first cell becomes its header, and the column headers get their scope."""
    def fix(match):
        table = match.group(0).replace("<th>", '<th scope="col">')
        return ROW_HEADER.sub(lambda row: f'<tr>\n<th scope="row">{row.group(1)}</th>', table)

    return ROW_HEADER_TABLE.sub(fix, html)
