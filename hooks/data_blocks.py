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


def checked_dates() -> list[dt.date]:
    """Every date on which a source of the site was checked."""
    dates = [d.date(entry.fields["urldate"]) for entry in _bib.load().entries.values() if "urldate" in entry.fields]
    dates += [row["checked"] for row in timeline()]
    dates.append(releases()[0])
    return dates


RENDERERS = {
    "timeline": lambda config: render_timeline(),
    "releases": lambda config: render_releases(),
    "glossary": lambda config: render_glossary(),
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
