"""The Applications page's data: documented uses (data/applications.yml) and adoption figures
(data/adoption.yml), the latter drawn as an SVG chart with its data table beside it."""

from __future__ import annotations

import datetime as dt

from mkdocs.exceptions import PluginError

import _charts
import _data as d

APPLICATIONS = "data/applications.yml"
ADOPTION = "data/adoption.yml"
FRAMEWORKS = ("TensorFlow", "PyTorch", "JAX", "Keras", "Lua Torch", "Caffe2", "Chainer")
USE_SCHEMA = {
    "organization": (d.text, True),
    "use": (d.text, True),
    "frameworks": (d.list_of(d.one_of(*FRAMEWORKS)), True),
    "reported": (d.partial_date, True),
    "published": (d.one_of("own", "vendor"), True),
    "source": (d.cites, True),
    "later": (d.text, False),
    "later_source": (d.cites, False),
    "checked": (d.date, True),
}


def percent(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise d.Invalid(f"'{value}' is not a percentage from 0 to 100 (or null)")
    return float(value)


def count(value):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise d.Invalid(f"'{value}' is not a positive whole number")
    return value


SURVEY_SCHEMA = {
    "year": (count, True),
    "population": (d.one_of("all", "professional"), True),
    "respondents": (count, True),
    "tensorflow": (percent, False),
    "pytorch": (percent, False),
    "keras": (percent, False),
    "jax": (percent, False),
    "chart": (d.boolean, True),
    "reason": (d.text, False),
    "source": (d.cites, True),
    "checked": (d.date, True),
}
SURVEY_COLUMNS = (("tensorflow", "TensorFlow"), ("pytorch", "Torch/PyTorch"), ("keras", "Keras"),
                  ("jax", "JAX"))
POPULATIONS = {"all": "All respondents", "professional": "Professional developers"}
CHART_FILE = "assets/charts/stack-overflow-frameworks.svg"


def uses() -> list[dict]:
    rows = d.check_entries(APPLICATIONS, d.load_yaml(APPLICATIONS), USE_SCHEMA, "organization")
    for number, row in enumerate(rows, start=1):
        if ("later" in row) != ("later_source" in row):
            raise PluginError(
                f"{APPLICATIONS}: entry {number} ({row['organization']}): "
                "fields 'later' and 'later_source' go together"
            )
    return rows


def render_uses() -> str:
    lines = [
        "| Organization | Reported | Frameworks | What it reported | Published by |",
        "|---|---|---|---|---|",
    ]
    for row in uses():
        what = f"{row['use']} {d.citations(row['source'])}"
        if "later" in row:
            what += f"<br>**Later:** {row['later']} {d.citations(row['later_source'])}"
        published = "the organization" if row["published"] == "own" else "a framework vendor's site"
        lines.append(
            f"| {row['organization']} | "
            f"<time datetime=\"{row['reported']}\">{d.human_date(row['reported'])}</time> "
            f"| {' → '.join(row['frameworks'])} | {d.cell(what)} | {published} |"
        )
    oldest, newest = min(r["checked"] for r in uses()), max(r["checked"] for r in uses())
    return "\n".join(
        [
            '<div class="row-headers applications-table stack-on-phones" markdown>',
            "",
            *lines,
            "",
            "</div>",
            "",
            "/// table-caption",
            "Uses reported by the organizations themselves, newest first; sources checked "
            + (f"on {d.human_date(newest)}." if oldest == newest else
               f"between {d.human_date(oldest)} and {d.human_date(newest)}."),
            "///",
        ]
    )


def survey() -> list[dict]:
    raw = d.load_yaml(ADOPTION)
    if not isinstance(raw, dict) or "stack_overflow" not in raw:
        raise PluginError(f"{ADOPTION}: expected the field 'stack_overflow'")
    rows = d.check_entries(ADOPTION, raw["stack_overflow"], SURVEY_SCHEMA, "year")
    for number, row in enumerate(rows, start=1):
        if not row["chart"] and "reason" not in row:
            raise PluginError(f"{ADOPTION}: entry {number} ({row['year']}): a year left out of the "
                              "chart needs a 'reason'")
    return rows


def chart_series(population: str = "all") -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    rows = [r for r in survey() if r["population"] == population]
    years = list(range(min(r["year"] for r in rows), max(r["year"] for r in rows) + 1))
    by_year = {r["year"]: r for r in rows if r["chart"]}
    series = []
    for key, label in SURVEY_COLUMNS:
        values = [by_year[y].get(key) if y in by_year else None for y in years]
        if any(v is not None for v in values):
            series.append((label, values))
    return [str(y) for y in years], series


def chart_summary() -> str:
    """A plain-text summary of the charted data, used as the chart's alternative text."""
    years, series = chart_series()
    parts = []
    for label, values in series:
        points = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
        (first_year, first), (last_year, last) = points[0], points[-1]
        parts.append(f"{label} {first:g}% in {first_year} and {last:g}% in {last_year}")
    # Years not drawn: rows marked chart: false, and years with no row at all (2022).
    skipped = [year for i, year in enumerate(years) if all(v[i] is None for _, v in series)]
    gap = (f" {', '.join(skipped)} {'is' if len(skipped) == 1 else 'are'} left out; see the text "
           "above the chart." if skipped else "")
    return ("Line chart of the share of Stack Overflow survey respondents to the question who "
            f"used each framework, {years[0]} to {years[-1]}: " + "; ".join(parts) + "." + gap)


def chart_svg() -> str:
    years, series = chart_series()
    return _charts.line_chart(
        "Stack Overflow survey: share of respondents to the question using each framework",
        chart_summary(), years, series, "percent of respondents",
    )


def render_adoption() -> str:
    rows = sorted(survey(), key=lambda r: (r["year"], r["population"]))
    figure = [
        '<figure class="chart" markdown>',
        f'![{chart_summary()}]({CHART_FILE})'
        f'{{ width="{_charts.WIDTH}" height="{_charts.HEIGHT}" }}',
        "<figcaption>Share of the respondents to the question (all respondents, not only "
        "professional developers) who had done extensive development work in each framework "
        "in the past year, by "
        "survey year. The table below gives both populations and the number of respondents."
        "</figcaption>",
        "</figure>",
        "",
    ]
    head = " | ".join(label for _, label in SURVEY_COLUMNS)
    lines = [
        f"| Year | Population | Respondents | {head} | Source |",
        "|---|---|---:|" + "---:|" * len(SURVEY_COLUMNS) + "---|",
    ]
    for row in rows:
        values = " | ".join(
            "not asked" if row.get(k) is None else f"{row[k]:.2f}%" for k, _ in SURVEY_COLUMNS
        )
        note = "" if row["chart"] else f" (not charted: {row['reason']})"
        lines.append(f"| {row['year']}{note} | {POPULATIONS[row['population']]} | "
                     f"{row['respondents']:,} | {values} | {d.citations(row['source'])} |")
    newest = max(r["checked"] for r in rows)
    caption = ["", "/// table-caption",
               "Stack Overflow Developer Survey, \"other frameworks and libraries\" used in the "
               f"past year; checked on {d.human_date(newest)}.", "///"]
    return "\n".join(figure + lines + caption)


def generated_files() -> dict[str, str]:
    """Files the build writes into the site: path under docs/ -> content."""
    return {CHART_FILE: chart_svg()}


def checked_dates() -> list[dt.date]:
    return [r["checked"] for r in uses()] + [r["checked"] for r in survey()]
