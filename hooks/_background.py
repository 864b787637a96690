"""The Background page's data: the milestone timeline (data/timeline.yml) and the release
table computed from PyPI's release histories (data/releases.yml)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics

from mkdocs.exceptions import PluginError

import _data as d

TIMELINE = "data/timeline.yml"
RELEASES = "data/releases.yml"
TIMELINE_SCHEMA = {
    "date": (d.partial_date, True),
    "project": (d.one_of("TensorFlow", "PyTorch", "Keras", "JAX"), True),
    "event": (d.text, True),
    "source": (d.cites, True),
    "checked": (d.date, True),
}
RELEASE_PACKAGE_SCHEMA = {
    "name": (d.text, True),
    "project": (d.text, True),
    "source": (d.cite, True),
    "releases": (d.list_of(d.text), True),
}


def timeline() -> list[dict]:
    rows = d.check_entries(TIMELINE, d.load_yaml(TIMELINE), TIMELINE_SCHEMA, "event")
    return sorted(rows, key=lambda row: row["date"])


def render_timeline() -> str:
    lines = ["| Date | Project | Event | Source checked |", "|---|---|---|---|"]
    for row in timeline():
        when = f'<time datetime="{row["date"]}">{d.human_date(row["date"])}</time>'
        lines.append(
            f"| {when} | {row['project']} | {d.cell(row['event'])} {d.citations(row['source'])} "
            f"| {row['checked'].isoformat()} |"
        )
    lines += [
        "",
        "/// table-caption",
        "Milestones of TensorFlow, Keras, PyTorch and JAX, oldest first.",
        "///",
    ]
    return "\n".join(lines)


def releases() -> tuple[dt.date, list[dict]]:
    raw = d.load_yaml(RELEASES)
    if not isinstance(raw, dict) or "checked" not in raw or "packages" not in raw:
        raise PluginError(f"{RELEASES}: expected the fields 'checked' and 'packages'")
    try:
        checked = d.date(raw["checked"])
    except d.Invalid as problem:
        raise PluginError(f"{RELEASES}: field 'checked': {problem}") from None
    packages = d.check_entries(RELEASES, raw["packages"], RELEASE_PACKAGE_SCHEMA, "name")
    for package in packages:
        parsed = []
        for item in package["releases"]:
            version, _, day = item.partition(" ")
            try:
                parsed.append((version, d.date(day)))
            except d.Invalid as problem:
                raise PluginError(
                    f"{RELEASES}: entry ({package['name']}): field 'releases': '{item}': {problem}"
                ) from None
        package["releases"] = sorted(parsed, key=lambda release: release[1])
    return checked, packages


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def latest(package: dict) -> tuple[str, dt.date]:
    """The highest version of a package, with its date."""
    return max(package["releases"], key=lambda release: version_key(release[0]))


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
        version, day = latest(package)
        features = feature_releases(package["releases"])
        recent = [v for v, when in features if when > year_before]
        window = [when for _, when in features if when > checked - dt.timedelta(days=3 * 365)]
        gaps = [(b - a).days for a, b in itertools.pairwise(window)]
        median = f"{statistics.median(gaps):.0f}" if gaps else "n/a"
        lines.append(
            f"| {package['project']} (`{package['name']}`) [@{package['source']}] | {version} "
            f"| {d.human_date(day)} | {', '.join(recent) or 'none'} | {median} |"
        )
    lines += ["", "/// table-caption", f"Releases on PyPI as of {d.human_date(checked)}.", "///"]
    return "\n".join(lines)


def render_latest_release(name: str) -> str:
    """One package's newest release, dated and cited, for a table cell."""
    checked, packages = releases()
    package = next((p for p in packages if p["name"] == name), None)
    if package is None:
        raise PluginError(f"{RELEASES}: no package '{name}'")
    version, day = latest(package)
    return (f"{version}, released {d.human_date(day)} (as of {d.human_date(checked)}) "
            f"[@{package['source']}]")


def checked_dates() -> list[dt.date]:
    return [row["checked"] for row in timeline()] + [releases()[0]]
