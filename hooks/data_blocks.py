"""Renders the files under data/ into pages, where a page holds a marker such as
`<!-- render: timeline -->`; appends the glossary's hover abbreviations to every page; and adds
the SVG charts drawn from the data to the site.

Each renderer returns Markdown, so citations it writes as `[@key]` become footnotes like any
other, and its tables get the same styling as hand-written ones. One module per data file
(_background.py, _glossary.py, _ecosystem.py, _equivalences.py, _exercises.py, _routes.py,
_applications.py, _benchmarks.py, _decision.py) holds its schema and renderers.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import _applications
import _background
import _benchmarks
import _bib
import _changes
import _data as d
import _decision
import _ecosystem
import _equivalences
import _exercises
import _glossary
import _open_data
import _routes
import edition

MARKER = re.compile(r"<!-- render: ([\w-]+) -->")
# Blocks rendered later, from the built HTML (see bibliography.py), pass through untouched.
LATER = {"bibliography"}
ROW_HEADER = re.compile(r"<tr>\s*<td>(.*?)</td>", re.S)
ROW_HEADER_TABLE = re.compile(r'<div class="(?P<classes>row-headers[^"]*)">.*?</table>', re.S)
COLUMN_HEADER = re.compile(r'<th scope="col"[^>]*>(.*?)</th>', re.S)
TAGS = re.compile(r"<[^>]+>")


def checked_dates():
    """Every date on which a source of the site was checked."""
    dates = [
        d.date(e.fields["urldate"]) for e in _bib.load().entries.values() if "urldate" in e.fields
    ]
    for module in (_background, _ecosystem, _applications):
        dates += module.checked_dates()
    return dates


def facts_checked() -> str:
    """When the site's sources were checked: one day, or the span from the oldest to the newest."""
    dates = checked_dates()
    oldest, newest = d.human_date(min(dates)), d.human_date(max(dates))
    return f"on {oldest}" if oldest == newest else f"between {oldest} and {newest}"


RENDERERS = {
    "timeline": lambda config, page, files: _background.render_timeline(),
    "releases": lambda config, page, files: _background.render_releases(),
    "glossary": lambda config, page, files: _glossary.render_glossary(),
    "ecosystem-matrix": lambda config, page, files: _ecosystem.render_ecosystem_matrix(),
    "equivalences": lambda config, page, files: _equivalences.render(),
    "equivalence-count": lambda config, page, files: _equivalences.count(),
    "equivalence-examples": lambda config, page, files: _equivalences.example_links(),
    "exercises": lambda config, page, files: _exercises.render(key=False),
    "exercise-key": lambda config, page, files: _exercises.render(key=True),
    "exercise-count": lambda config, page, files: _exercises.count(),
    "porting-routes": lambda config, page, files: _routes.render(),
    "porting-routes-environment": lambda config, page, files: _routes.environment(),
    "applications": lambda config, page, files: _applications.render_uses(),
    "adoption": lambda config, page, files: _applications.render_adoption(),
    "decision-guide": lambda config, page, files: _decision.render_interactive(page, files),
    "decision-rules": lambda config, page, files: _decision.render_static(),
    "decision-scenarios": lambda config, page, files: _decision.render_scenarios(),
    "decision-balance": lambda config, page, files: _decision.render_balance(),
    "facts-checked": lambda config, page, files: facts_checked(),
    "open-data": lambda config, page, files: _open_data.render_catalog(),
    "references-data": lambda config, page, files: "",  # the links line is added below
    "changes-log": lambda config, page, files: _changes.render_log(files),
    "editions": lambda config, page, files: edition.render_list(),
    **{
        f"latest-release-{name}": (
            lambda config, page, files, name=name: _background.render_latest_release(name)
        )
        for name in ("torch", "tensorflow")
    },
    "site-url": lambda config, page, files: config["site_url"],
    "repo-url": lambda config, page, files: config["repo_url"].rstrip("/"),
    "benchmark-environment": lambda config, page, files: _benchmarks.render_environment(),
    "benchmark-results": lambda config, page, files: _benchmarks.render_results(),
    "benchmark-parity": lambda config, page, files: _benchmarks.render_parity(),
    "benchmark-other": lambda config, page, files: _benchmarks.render_other(),
    "benchmark-sweeps": lambda config, page, files: _benchmarks.render_sweeps(),
    "benchmark-reproduction": lambda config, page, files: _benchmarks.render_reproduction(),
    "benchmark-pilots": lambda config, page, files: _benchmarks.render_pilots(),
    "benchmark-repeat": lambda config, page, files: _benchmarks.render_repeat(),
    **{
        f"verdict-{name}": (lambda config, page, files, name=name: _benchmarks.render_verdict(name))
        for name in _benchmarks.VERDICTS
    },
}


def on_files(files, config, **kwargs):
    generated = (_applications.generated_files() | _benchmarks.generated_files()
                 | _open_data.site_files(config))
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    # The feed needs every page's title, known only once pages exist: on_post_build writes it.
    # Listed now, so that links to it are checked like links to any other file.
    files.append(File.generated(config, _changes.FEED, content=""))
    return files


@event_priority(90)  # before bibliography.py checks the citations the blocks write
def on_page_markdown(markdown, page, config, files, **kwargs):
    def replace(match):
        name = match.group(1)
        if name in LATER:
            return match.group(0)
        if name not in RENDERERS:
            raise PluginError(f"{page.file.src_uri}: unknown block '<!-- render: {name} -->'")
        rendered = RENDERERS[name](config, page, files)
        # A block whose table or list is published as open data: a line under it links the files.
        published = _open_data.BY_MARKER.get(name)
        return rendered + _open_data.links(published) if published else rendered

    return MARKER.sub(replace, markdown) + "\n\n" + _glossary.abbreviations() + "\n"


def on_env(env, config, files, **kwargs):
    # Every page is rendered by now, so its anchors are known.
    _decision.check_evidence(files)
    _changes.check_anchors(files)
    feed["text"] = _changes.feed(config, files)
    return env


feed: dict[str, str] = {}  # the changes feed, made in on_env (page titles known), written last


def on_post_build(config, **kwargs):
    (Path(config["site_dir"]) / _changes.FEED).write_text(feed["text"], encoding="utf-8")


def stack_on_phones(table: str) -> str:
    """Prepares a table that extra.css shows as one block per row on narrow screens: each cell
    gets its column's name (data-label) to show above it. (Chromium keeps the table's semantics
    through that display change; a browser test checks it.)"""
    labels = [unescape(TAGS.sub("", label)).strip() for label in COLUMN_HEADER.findall(table)]

    def label_cells(row):
        cells = iter(labels[1:])
        return re.sub(
            r"<td>", lambda _: f'<td data-label="{escape(next(cells, ""))}">', row.group(0)
        )

    return re.sub(r"<tr>.*?</tr>", label_cells, table, flags=re.S)


def on_page_content(html, page, config, files, **kwargs):
    """Markdown tables have no row headers. In tables wrapped in a `row-headers` div, each row's
    first cell becomes its header, and the column headers get their scope. Tables in a div that
    also has the class `stack-on-phones` get what their narrow-screen layout needs."""
    def fix(match):
        # Every header cell, right-aligned ones (<th style=...>) included.
        table = re.sub(r"<th(?=[ >])(?![^>]*scope)", '<th scope="col"', match.group(0))
        table = ROW_HEADER.sub(lambda row: f'<tr>\n<th scope="row">{row.group(1)}</th>', table)
        return stack_on_phones(table) if "stack-on-phones" in match.group("classes") else table

    return ROW_HEADER_TABLE.sub(fix, html)
