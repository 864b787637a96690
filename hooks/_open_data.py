"""The site's data, open for reuse: every data file a page renders from, published in the built
site as JSON (and, where it is a table, CSV) with its JSON Schema, under data/ at URLs that do
not change (data/<name>.json, .csv, .schema.json, and data/index.json listing them all).

Helper for data_blocks.py, not a hook itself. The published records are what the pages render,
after the checks each data file's module makes, so a file and its page cannot disagree. The
schemas are written by hand in data/schemas/: they are the contract a reuser can rely on, and
tests/test_open_data.py validates every published file against its schema.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.exceptions import PluginError

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
import _routes

FOLDER = "data"  # in the built site
SCHEMAS = "data/schemas"  # in the project
INDEX = f"{FOLDER}/index.json"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Dataset:
    name: str  # the file name in the site, and of its schema in data/schemas/
    title: str
    source: str  # the project file it comes from
    shown_at: str  # marker#anchor: the page's render marker that shows it, and its section
    records: Callable[[], list[dict]]
    checked: Callable[[], list[dt.date]]  # the days its facts were checked
    checked_means: str  # what those days are
    columns: tuple[str, ...] = ()  # the CSV's columns; none: JSON only (nested data)
    json_only: tuple[str, ...] = ()  # record fields the CSV leaves out (nested, or shown flat)
    csv_rows: Callable[[], list[dict]] | None = None  # the CSV's rows, where not the records
    extra: Callable[[], dict] | None = None  # fields beside the records: scoring, run


def sources_checked(records: list[dict], *fields: str) -> list[dt.date]:
    """The days the cited sources were read (their urldate in references.bib)."""
    entries = _bib.load().entries
    keys = {key for row in records for field in fields for key in row.get(field, [])}
    return [dt.date.fromisoformat(entries[k].fields["urldate"]) for k in sorted(keys)
            if "urldate" in entries[k].fields]


def timeline() -> list[dict]:
    return _background.timeline()


def releases() -> list[dict]:
    checked, packages = _background.releases()
    return [{"package": p["name"], "project": p["project"], "version": version, "date": day,
             "source": [p["source"]], "checked": checked}
            for p in packages for version, day in p["releases"]]


def ecosystem() -> list[dict]:
    """One record per tool in a cell of the matrix, in the page's order."""
    out = []
    for row in _ecosystem.ecosystem():
        for framework, _ in _ecosystem.FRAMEWORK_COLUMNS:
            for tool in row[framework]:
                out.append({"job": row["job"], "id": row["id"], "framework": framework,
                            "basis": "announcement", "party": "first", **tool})
    return out


def survey() -> list[dict]:
    return [{"keras": None, "jax": None, "reason": None, **row} for row in _applications.survey()]


def uses() -> list[dict]:
    return [{"later": None, "later_source": [], **row} for row in _applications.uses()]


def glossary() -> list[dict]:
    return [{"hover": None, "see": None, **row} for row in _glossary.glossary()]


def equivalences() -> list[dict]:
    groups, rows = _equivalences.load()
    titles = {group["id"]: group["title"] for group in groups}
    return [{"group_title": titles[row["group"]], "compares": None, "unchecked": None,
             "example": None, **row,
             "docs_pytorch": row["docs"]["pytorch"], "docs_tensorflow": row["docs"]["tensorflow"]}
            for row in rows]


def exercises() -> list[dict]:
    groups, found = _exercises.load()
    titles = {group["id"]: group["title"] for group in groups}
    return [{"group_title": titles[e["group"]], **{k: v for k, v in e.items() if k != "lines"},
             "files": _exercises.files(e)} for e in found]


def changes() -> list[dict]:
    fields = ("before", "after", "shown_by")
    return [{**{f: None for f in fields}, "source": [], **row} for row in _changes.changes()]


def decision() -> list[dict]:
    return _decision.guide()["questions"]


def routes() -> list[dict]:
    return _routes.load()["routes"]


def route_rows() -> list[dict]:
    """The routes with the step time's summary in columns of their own."""
    out = []
    for route in routes():
        step = route.get("step_ms") or {}
        out.append({**route, "step_ms_mean": step.get("mean"), "step_ms_low": step.get("low"),
                    "step_ms_high": step.get("high")})
    return out


MEASURES = ("train_step_ms", "latency_p50_ms", "latency_p90_ms", "latency_p99_ms",
            "throughput_per_s", "peak_above_baseline_mib", "first_result_s")  # the tables' columns


def benchmark_summary() -> list[dict]:
    """Every figure of every published run's results tables: the mean of its fresh-process runs
    and the 95% interval, one record per run, model, configuration and measure."""
    out = []
    for stem, doc in _benchmarks.datasets():
        for model in doc["settings"]["models"]:
            for config in _benchmarks.configs_of(doc, model):
                for measure in MEASURES:
                    found = _benchmarks.stats.summary(doc, model, config, measure)
                    if found is None:
                        continue
                    mean, low, high = found
                    out.append({"run": stem, "label": doc["run"]["label"], "model": model,
                                "configuration": config,
                                "configuration_title": _benchmarks.CONFIGS[config],
                                "measure": measure, "mean": mean, "low": low, "high": high,
                                "repeats": len(_benchmarks.stats.values(doc, model, config,
                                                                         measure))})
    return out


def benchmark_dates() -> list[dt.date]:
    return [dt.date.fromisoformat(doc["run"]["date"][:10]) for _, doc in _benchmarks.datasets()]


def references() -> list[dict]:
    entries = _bib.load().entries
    return [{"key": key, "type": entry.type.lower(), "title": _bib.plain_title(key),
             "year": entry.fields.get("year"), "url": entry.fields.get("url"),
             "doi": entry.fields.get("doi"), "urldate": entry.fields.get("urldate")}
            for key, entry in sorted(entries.items())]


def urldates(records: list[dict]) -> list[dt.date]:
    return [dt.date.fromisoformat(r["urldate"]) for r in records if r["urldate"]]


def entry_days(records: list[dict]) -> list[dt.date]:
    return [row["checked"] for row in records]


SOURCE_READ = "the days the cited sources were read (their urldate in the bibliography)"
ENTRY_CHECKED = ("the days the entries were checked against their sources (each entry's checked "
                 "field); a source may have been read again since, for another entry")
RUN_ON_BUILD = ("none: the tests run every entry's code under the pinned releases on each build, "
                "so the entries hold for the releases the page names")
DATASETS = [
    Dataset("timeline", "Milestones of TensorFlow, Keras, PyTorch and JAX", "data/timeline.yml",
            "timeline#timeline", timeline, lambda: entry_days(timeline()), ENTRY_CHECKED,
            ("date", "project", "event", "source", "checked")),
    Dataset("releases", "Final releases on PyPI since 2022", "data/releases.yml",
            "releases#releases", releases, lambda: [_background.releases()[0]],
            "the day PyPI's release histories were read",
            ("package", "project", "version", "date", "source", "checked")),
    Dataset("ecosystem", "The ecosystem matrix: tools by job and framework", "data/ecosystem.yml",
            "ecosystem-matrix#matrix", ecosystem, lambda: entry_days(ecosystem()), ENTRY_CHECKED,
            ("id", "job", "framework", "name", "status", "basis", "party", "note", "source",
             "checked", "package", "newest")),
    Dataset("applications", "Documented uses, by organization", "data/applications.yml",
            "applications#documented-uses", uses, lambda: entry_days(uses()), ENTRY_CHECKED,
            ("organization", "use", "frameworks", "reported", "published", "source", "later",
             "later_source", "checked")),
    Dataset("adoption", "Stack Overflow Developer Survey: framework use", "data/adoption.yml",
            "adoption#adoption", survey, lambda: entry_days(survey()), ENTRY_CHECKED,
            ("year", "population", "respondents", "tensorflow", "pytorch", "keras", "jax",
             "chart", "reason", "source", "checked")),
    Dataset("decision", "The decision guide's questions, answers and reasons",
            "data/decision.yml", "decision-rules#rules", decision,
            lambda: sources_checked([r for q in decision() for a in q["answers"]
                                     for r in a.get("reasons", [])], "source"), SOURCE_READ,
            extra=lambda: {"scoring": _decision.guide()["scoring"],
                           "scenarios": _decision.guide()["scenarios"]}),
    Dataset("glossary", "Glossary", "data/glossary.yml", "glossary#glossary", glossary,
            lambda: sources_checked(glossary(), "source"), SOURCE_READ,
            ("id", "term", "definition", "source", "hover", "see")),
    Dataset("equivalences", "Porting: the equivalence table", "data/equivalences.yml",
            "equivalences#tensors", equivalences, lambda: [], RUN_ON_BUILD,
            ("id", "group", "group_title", "title", "pytorch", "tensorflow", "note",
             "docs_pytorch", "docs_tensorflow", "kind", "tolerance", "compares", "unchecked",
             "example"),
            json_only=("docs",)),
    Dataset("porting-routes", "Porting: the migration routes, measured",
            "data/porting-routes.json", "porting-routes#routes", routes,
            lambda: [dt.date.fromisoformat(_routes.load()["date"])],
            "the day the routes were measured",
            ("id", "direction", "how", "runs", "kind", "backend", "is_torch_module", "before",
             "after", "trainable_layers", "batch_norm_layers", "difference", "repeats",
             "step_ms_mean", "step_ms_low", "step_ms_high", "by_hand", "error", "raised_in"),
            json_only=("step_ms",), csv_rows=route_rows,
            extra=lambda: {"run": {k: _routes.load()[k]
                                   for k in ("date", "settings", "machine", "minutes")}}),
    Dataset("exercises", "Exercises and their answers", "data/exercises.yml",
            "exercise-key#exercises-key", exercises, lambda: [], RUN_ON_BUILD),
    Dataset("changes", "Changes and corrections", "data/changes.yml", "changes-log#changes",
            changes, lambda: [row["date"] for row in changes()],
            "the days the changes were published",
            ("id", "date", "page", "anchor", "kind", "summary", "before", "after", "source",
             "shown_by")),
    Dataset("benchmarks", "Benchmark results: the figures of the published runs' results tables",
            "data/benchmarks/", "benchmark-results#results", benchmark_summary, benchmark_dates,
            "the days the runs were made",
            ("run", "label", "model", "configuration", "configuration_title", "measure", "mean",
             "low", "high", "repeats")),
    Dataset("references", "The bibliography", "references.bib", "references-data#references",
            references, lambda: urldates(references()), "the days the web sources were read",
            ("key", "type", "title", "year", "url", "doi", "urldate")),
]
BY_NAME = {dataset.name: dataset for dataset in DATASETS}
BY_MARKER = {dataset.shown_at.partition("#")[0]: dataset.name for dataset in DATASETS}


def plain(value):
    """A value as JSON holds it: dates as YYYY-MM-DD, tuples as lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def cell(value) -> str:
    """A CSV cell: lists joined by '; ', nothing for null, true/false as JSON writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(item) for item in value)
    return str(value)


def checked_span(dataset: Dataset) -> dict | None:
    days = dataset.checked()
    return {"earliest": min(days).isoformat(), "latest": max(days).isoformat()} if days else None


COMMON = "common"  # the schema of the definitions every other schema shares
RUN_SCHEMA = "benchmark-run"  # the schema of a benchmark run file as bench/run.py writes it


def schema_text(name: str, site_url: str) -> str:
    """A schema as published: with its own URL as its $id, so that the references to
    common.schema.json resolve next to it."""
    path = d.ROOT / SCHEMAS / f"{name}.schema.json"
    if not path.exists():
        made_from = BY_NAME[name].source if name in BY_NAME else "the shared definitions"
        raise PluginError(f"{SCHEMAS}/{name}.schema.json: missing (the JSON Schema of "
                          f"{made_from})")
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise PluginError(f"{SCHEMAS}/{path.name}:{error.lineno}:{error.colno}: malformed JSON: "
                          f"{error.msg}") from None
    if schema.get("$schema") != SCHEMA_DIALECT:
        raise PluginError(f"{SCHEMAS}/{path.name}: field '$schema' must be '{SCHEMA_DIALECT}'")
    schema = {"$schema": schema.pop("$schema"), "$id": f"{site_url}{FOLDER}/{name}.schema.json",
              **schema}
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


def document(dataset: Dataset, site_url: str, records: list, checked: dict | None) -> dict:
    return {
        "$schema": f"{site_url}{FOLDER}/{dataset.name}.schema.json",
        "name": dataset.name,
        "title": dataset.title,
        "shown_on": site_url + page_url(shown_on(dataset)),
        "made_from": dataset.source,
        "checked": checked,
        "checked_means": dataset.checked_means,
        **(dataset.extra() if dataset.extra else {}),
        "records": records,
    }


def page_url(target: str) -> str:
    """'background.md#timeline' -> 'background/#timeline' (the site's directory URLs)."""
    page, _, anchor = target.partition("#")
    path = "" if page == "index.md" else page.removesuffix(".md") + "/"
    return path + (f"#{anchor}" if anchor else "")


def csv_text(dataset: Dataset, records: list) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(dataset.columns)
    for record in plain(dataset.csv_rows()) if dataset.csv_rows else records:
        # A field added to a data file must reach the CSV too (or be named in json_only).
        unknown = set(record) - set(dataset.columns) - set(dataset.json_only)
        if unknown:
            raise PluginError(f"{dataset.source}: field '{sorted(unknown)[0]}' has no column in "
                              f"the published {dataset.name}.csv (hooks/_open_data.py)")
        writer.writerow([cell(record.get(column)) for column in dataset.columns])
    return buffer.getvalue()


def files(site_url: str) -> dict[str, str]:
    """Every published file: path in the site -> content. Also keeps each data set's record count
    and check span for the catalog (render_catalog), which pages render later in the build."""
    out = {f"{FOLDER}/{COMMON}.schema.json": schema_text(COMMON, site_url)}
    index = []
    catalog.clear()
    for dataset in DATASETS:
        base = f"{FOLDER}/{dataset.name}"
        records, checked = plain(dataset.records()), checked_span(dataset)
        catalog[dataset.name] = (len(records), checked)
        doc = document(dataset, site_url, records, checked)
        out[f"{base}.json"] = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
        out[f"{base}.schema.json"] = schema_text(dataset.name, site_url)
        formats = {"json": f"{site_url}{base}.json", "schema": f"{site_url}{base}.schema.json"}
        if dataset.columns:
            out[f"{base}.csv"] = csv_text(dataset, records)
            formats["csv"] = f"{site_url}{base}.csv"
        index.append({"name": dataset.name, "title": dataset.title, "shown_on": doc["shown_on"],
                      "made_from": dataset.source, "records": len(doc["records"]),
                      "checked": doc["checked"], **formats})
    # The benchmark runs themselves, as the harness wrote them: the Performance page computes its
    # other tables (parity, cost curves, machines, pilots) from them.
    out[f"{FOLDER}/{RUN_SCHEMA}.schema.json"] = schema_text(RUN_SCHEMA, site_url)
    runs = []
    for folder in (_benchmarks.FOLDER, _benchmarks.PILOT_FOLDER):
        for path in sorted((d.ROOT / folder).glob("*.json")):
            name = f"{FOLDER}/{path.relative_to(d.ROOT / 'data').as_posix()}"
            out[name] = path.read_text(encoding="utf-8")
            runs.append({"run": path.stem, "pilot": folder == _benchmarks.PILOT_FOLDER,
                         "made_from": path.relative_to(d.ROOT).as_posix(),
                         "json": f"{site_url}{name}"})
    out[INDEX] = json.dumps({"datasets": index, "benchmark_runs": {
        "schema": f"{site_url}{FOLDER}/{RUN_SCHEMA}.schema.json", "runs": runs}},
        indent=1, ensure_ascii=False) + "\n"
    return out


catalog: dict[str, tuple[int, dict | None]] = {}  # name -> (records, checked), set by files()


def links(name: str) -> str:
    """The line under a table that links to its data (links relative to a top-level page)."""
    dataset = BY_NAME[name]
    base = f"{FOLDER}/{name}"
    parts = [f"[JSON]({base}.json)"]
    if dataset.columns:
        parts.append(f"[CSV]({base}.csv)")
    parts.append(f"[JSON Schema]({base}.schema.json)")
    return (f'\n<p class="data-links" markdown>Data of this {noun(dataset)}: '
            + " · ".join(parts) + " ([about the open data](open-data.md))</p>\n")


def noun(dataset: Dataset) -> str:
    return {"glossary": "glossary", "decision": "guide", "exercises": "key",
            "changes": "log", "references": "bibliography"}.get(dataset.name, "table")


def render_catalog() -> str:
    lines = ["| Data | Shown on | Records | Checked | Files |", "|---|---|---|---|---|"]
    for dataset in DATASETS:
        base = f"{FOLDER}/{dataset.name}"
        formats = [f"[JSON]({base}.json)"] + ([f"[CSV]({base}.csv)"] if dataset.columns else [])
        formats.append(f"[schema]({base}.schema.json)")
        count, span = catalog[dataset.name]
        when = ("each build" if span is None else d.human_date(span["latest"])
                if span["earliest"] == span["latest"]
                else f"{d.human_date(span['earliest'])} to {d.human_date(span['latest'])}")
        lines.append(f"| {dataset.title} (`{dataset.source}`) | [{page_title(dataset)}]"
                     f"({shown_on(dataset)}) | {count} | {when} | "
                     + " · ".join(formats) + " |")
    # Row headers (the data set's name), and one block per row on a phone, like the other tables.
    return "\n".join(['<div class="row-headers stack-on-phones" markdown>', "", *lines, "",
                      "</div>", "", "/// table-caption",
                      "Every data file the pages render from, with the files this site publishes "
                      "for it.", "///"])


def page_of(marker: str) -> tuple[str, str]:
    """The page (docs/ path) whose Markdown holds a render marker, and its title."""
    for path in sorted((d.ROOT / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if f"<!-- render: {marker} -->" in text:
            title = re.search(r"^# (.+?)(?:\s*\{#[\w-]+\})?\s*$", text, re.M)
            return path.name, title.group(1) if title else path.stem
    raise PluginError(f"hooks/_open_data.py: no page holds '<!-- render: {marker} -->'")


def shown_on(dataset: Dataset) -> str:
    """page.md#anchor of the section that shows the data set."""
    marker, _, anchor = dataset.shown_at.partition("#")
    return f"{page_of(marker)[0]}#{anchor}"


def page_title(dataset: Dataset) -> str:
    return page_of(dataset.shown_at.partition("#")[0])[1]


def published_site_url(config) -> str:
    url = config.get("site_url") or "/"
    return url if url.endswith("/") else url + "/"


def site_files(config) -> dict[str, str]:
    return files(published_site_url(config))


