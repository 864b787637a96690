"""Renders the files under data/ into pages, where a page holds a marker such as
`<!-- render: timeline -->`, and appends the glossary's hover abbreviations to every page.

Each renderer returns Markdown, so citations it writes as `[@key]` become footnotes like any
other, and tables get the same styling as hand-written ones.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _bib
import _data as d

MARKER = re.compile(r"<!-- render: ([\w-]+) -->")
# Blocks rendered later, from the built HTML (see bibliography.py), pass through untouched.
LATER = {"bibliography"}
MONTHS = ("January February March April May June July August September October November December").split()

TIMELINE_SCHEMA = {
    "date": (d.partial_date, True),
    "project": (d.one_of("TensorFlow", "PyTorch", "Keras", "JAX"), True),
    "event": (d.text, True),
    "source": (d.cites, True),
    "checked": (d.date, True),
}
GLOSSARY_SCHEMA = {
    "term": (d.text, True),
    "id": (d.slug, True),
    "definition": (d.text, True),
    "source": (d.cites, True),
    "hover": (d.text, False),
    "see": (d.text, False),
}
ECOSYSTEM_ROW_SCHEMA = {
    "job": (d.text, True),
    "id": (d.slug, True),
    "tensorflow": (lambda value: value, True),  # lists of tools, checked with TOOL_SCHEMA
    "pytorch": (lambda value: value, True),
}
TOOL_SCHEMA = {
    "name": (d.text, True),
    "status": (d.one_of("active", "maintenance", "deprecated", "archived"), True),
    "basis": (d.one_of("announcement", "release-history"), False),
    "party": (d.one_of("first", "third"), False),
    "note": (d.text, True),
    "source": (d.cites, True),
    "checked": (d.date, True),
}
FRAMEWORK_COLUMNS = (("tensorflow", "TensorFlow"), ("pytorch", "PyTorch"))
RELEASE_PACKAGE_SCHEMA = {
    "name": (d.text, True),
    "project": (d.text, True),
    "source": (d.cite, True),
    "releases": (d.list_of(d.text), True),
}


def human_date(value: str | dt.date) -> str:
    """'2015-11-09' -> '9 November 2015'; '2017-01' -> 'January 2017'."""
    parts = (value.isoformat() if isinstance(value, dt.date) else value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def citations(keys: list[str]) -> str:
    return "[" + "; ".join(f"@{key}" for key in keys) + "]"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def timeline() -> list[dict]:
    rows = d.check_entries("data/timeline.yml", d.load_yaml("data/timeline.yml"), TIMELINE_SCHEMA, "event")
    return sorted(rows, key=lambda row: row["date"])


def render_timeline() -> str:
    lines = [
        "| Date | Project | Event | Source checked |",
        "|---|---|---|---|",
    ]
    for row in timeline():
        when = f'<time datetime="{row["date"]}">{human_date(row["date"])}</time>'
        lines.append(
            f"| {when} | {row['project']} | {cell(row['event'])} {citations(row['source'])} "
            f"| {row['checked'].isoformat()} |"
        )
    lines += ["", "/// table-caption", "Milestones of TensorFlow, Keras and PyTorch, oldest first.", "///"]
    return "\n".join(lines)


def glossary() -> list[dict]:
    rows = d.check_entries("data/glossary.yml", d.load_yaml("data/glossary.yml"), GLOSSARY_SCHEMA, "term")
    seen = set()
    for row in rows:
        if row["id"] in seen:
            raise PluginError(f"data/glossary.yml: entry ({row['term']}): field 'id': '{row['id']}' is used twice")
        seen.add(row["id"])
    return sorted(rows, key=lambda row: row["term"].lower())


def render_glossary() -> str:
    blocks = []
    for row in glossary():
        # API names such as tf.function read as code
        title = f"`{row['term']}`" if "." in row["term"] else row["term"]
        see = f"\n\nSee {row['see']}." if "see" in row else ""
        blocks.append(f"## {title} {{#{row['id']}}}\n\n{row['definition'].strip()} {citations(row['source'])}{see}\n")
    return "\n".join(blocks)


def abbreviations() -> str:
    return "\n".join(f"*[{row['term']}]: {row['hover']}" for row in glossary() if "hover" in row)


def releases() -> tuple[dt.date, list[dict]]:
    raw = d.load_yaml("data/releases.yml")
    if not isinstance(raw, dict) or "checked" not in raw or "packages" not in raw:
        raise PluginError("data/releases.yml: expected the fields 'checked' and 'packages'")
    try:
        checked = d.date(raw["checked"])
    except d.Invalid as problem:
        raise PluginError(f"data/releases.yml: field 'checked': {problem}") from None
    packages = d.check_entries("data/releases.yml", raw["packages"], RELEASE_PACKAGE_SCHEMA, "name")
    for package in packages:
        parsed = []
        for item in package["releases"]:
            version, _, day = item.partition(" ")
            try:
                parsed.append((version, d.date(day)))
            except d.Invalid as problem:
                raise PluginError(
                    f"data/releases.yml: entry ({package['name']}): field 'releases': '{item}': {problem}"
                ) from None
        package["releases"] = sorted(parsed, key=lambda release: release[1])
    return checked, packages


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def feature_releases(history: list[tuple[str, dt.date]]) -> list[tuple[str, dt.date]]:
    """The first release of each major.minor line (TensorFlow 2.16 began at 2.16.1 on PyPI)."""
    first: dict[tuple[str, ...], tuple[str, dt.date]] = {}
    for version, day in history:
        first.setdefault(tuple(version.split(".")[:2]), (version, day))
    return sorted(first.values(), key=lambda release: release[1])


def render_releases() -> str:
    checked, packages = releases()
    year_before = checked - dt.timedelta(days=365)
    lines = [
        "| Project (package) | Latest release | Released | Feature releases, past 12 months "
        "| Median days between feature releases, past 3 years |",
        "|---|---|---|---|---:|",
    ]
    for package in packages:
        version, day = max(package["releases"], key=lambda release: version_key(release[0]))
        features = feature_releases(package["releases"])
        recent = [v for v, when in features if when > year_before]
        window = [when for _, when in features if when > checked - dt.timedelta(days=3 * 365)]
        gaps = [(b - a).days for a, b in zip(window, window[1:])]
        median = f"{statistics.median(gaps):.0f}" if gaps else "n/a"
        lines.append(
            f"| {package['project']} (`{package['name']}`) [@{package['source']}] | {version} "
            f"| {human_date(day)} | {', '.join(recent) or 'none'} | {median} |"
        )
    lines += ["", "/// table-caption", f"Releases on PyPI as of {human_date(checked)}.", "///"]
    return "\n".join(lines)


def ecosystem() -> list[dict]:
    path = "data/ecosystem.yml"
    rows = d.check_entries(path, d.load_yaml(path), ECOSYSTEM_ROW_SCHEMA, "job")
    for number, row in enumerate(rows, start=1):
        for column, _ in FRAMEWORK_COLUMNS:
            row[column] = d.check_entries(
                path, row[column], TOOL_SCHEMA, "name", where=f"entry {number} ({row['job']}): ",
                noun=f"{column} tool",
            )
    return rows


def render_tool(tool: dict) -> str:
    status = tool["status"]
    basis = " (by release history)" if tool.get("basis") == "release-history" else ""
    party = ' <span class="party">third party</span>' if tool.get("party") == "third" else ""
    return cell(
        f'<li>**{tool["name"]}**{party} '
        f'<span class="status status--{status}">{status.capitalize()}{basis}</span> '
        f'{tool["note"]} {citations(tool["source"])} '
        f'<span class="checked">Checked {tool["checked"].isoformat()}.</span></li>'
    )


def render_ecosystem_matrix() -> str:
    rows = ecosystem()
    lines = [
        "| Job | " + " | ".join(label for _, label in FRAMEWORK_COLUMNS) + " |",
        "|---|" + "---|" * len(FRAMEWORK_COLUMNS),
    ]
    for row in rows:
        tools = [
            '<ul class="tools">' + "".join(render_tool(t) for t in row[column]) + "</ul>"
            for column, _ in FRAMEWORK_COLUMNS
        ]
        lines.append(f'| <span id="matrix-{row["id"]}"></span>{row["job"]} | ' + " | ".join(tools) + " |")
    newest = max(t["checked"] for row in rows for column, _ in FRAMEWORK_COLUMNS for t in row[column])
    return "\n".join([
        '<div class="ecosystem-matrix" markdown>', "", *lines, "", "</div>", "",
        "/// table-caption",
        f"The tools each framework offers for each job, and their status, as of {human_date(newest)}.",
        "///",
    ])


ROW_HEADER = re.compile(r"<tr>\s*<td>(.*?)</td>", re.S)
MATRIX = re.compile(r'<div class="ecosystem-matrix">.*?</table>', re.S)


def row_headers(html: str) -> str:
    """Markdown tables have no row headers; in the matrix, each row's first cell is its header."""
    def fix(match):
        table = match.group(0).replace("<th>", '<th scope="col">')
        return ROW_HEADER.sub(lambda row: f'<tr>\n<th scope="row">{row.group(1)}</th>', table)

    return MATRIX.sub(fix, html)


def checked_dates() -> list[dt.date]:
    """Every date on which a source of the site was checked."""
    dates = [d.date(entry.fields["urldate"]) for entry in _bib.load().entries.values() if "urldate" in entry.fields]
    dates += [row["checked"] for row in timeline()]
    dates.append(releases()[0])
    dates += [t["checked"] for row in ecosystem() for column, _ in FRAMEWORK_COLUMNS for t in row[column]]
    return dates


RENDERERS = {
    "timeline": lambda config: render_timeline(),
    "releases": lambda config: render_releases(),
    "glossary": lambda config: render_glossary(),
    "ecosystem-matrix": lambda config: render_ecosystem_matrix(),
    "facts-checked-newest": lambda config: human_date(max(checked_dates())),
    "facts-checked-oldest": lambda config: human_date(min(checked_dates())),
    "site-url": lambda config: config["site_url"],
}


@event_priority(90)  # before bibliography.py checks the citations the blocks write
def on_page_markdown(markdown, page, config, files, **kwargs):
    def replace(match):
        name = match.group(1)
        if name in LATER:
            return match.group(0)
        if name not in RENDERERS:
            raise PluginError(f"{page.file.src_uri}: unknown block '<!-- render: {name} -->'")
        return RENDERERS[name](config)

    return MARKER.sub(replace, markdown) + "\n\n" + abbreviations() + "\n"


def on_page_content(html, page, config, files, **kwargs):
    return row_headers(html)
