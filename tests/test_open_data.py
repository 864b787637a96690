"""The open data (docs/open-data.md): every published JSON file is valid against its JSON Schema,
each CSV holds what its JSON holds, and each page's table or list shows what its files hold."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from conftest import ROOT

NAMES = ["timeline", "releases", "ecosystem", "applications", "adoption", "decision", "glossary",
         "equivalences", "porting-routes", "exercises", "changes", "benchmarks", "references"]
pytestmark = pytest.mark.xdist_group("site")


def site_file(site, url: str):
    """A published URL's file in the built site."""
    path = site / re.sub(r"^https?://[^/]+/", "", url)
    assert path.is_file(), f"{url} is listed but not in the site"
    return path


@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents(site, index) -> dict[str, dict]:
    return {entry["name"]: json.loads(site_file(site, entry["json"]).read_text(encoding="utf-8"))
            for entry in index["datasets"]}


@pytest.fixture(scope="module")
def csv_rows(site, index) -> dict[str, list[dict]]:
    return {entry["name"]: list(csv.DictReader(io.StringIO(
        site_file(site, entry["csv"]).read_text(encoding="utf-8"))))
        for entry in index["datasets"] if "csv" in entry}


@pytest.fixture(scope="module")
def registry(site) -> Registry:
    """Every published schema under its $id, so that references to common.schema.json resolve."""
    schemas = [json.loads(p.read_text(encoding="utf-8"))
               for p in sorted((site / "data").glob("*.schema.json"))]
    return Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas)


def test_index_lists_every_data_set(index):
    assert [entry["name"] for entry in index["datasets"]] == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_published_file_is_valid_against_its_schema(name, site, index, documents, registry):
    doc = documents[name]
    schema = json.loads(site_file(site, doc["$schema"]).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validator.iter_errors(doc)]
    assert not problems, f"data/{name}.json against its schema:\n" + "\n".join(problems[:10])
    entry = next(e for e in index["datasets"] if e["name"] == name)
    assert entry["records"] == len(doc["records"]) > 0
    assert entry["checked"] == doc["checked"]


def test_a_schema_catches_a_wrong_record(site, documents, registry):
    """Guards the test above: the schemas reject what breaks them."""
    doc = json.loads(json.dumps(documents["timeline"]))
    doc["records"][0]["project"] = "Theano"
    del doc["records"][1]["source"]
    schema = json.loads(site_file(site, doc["$schema"]).read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema, registry=registry).iter_errors(doc))
    assert len(errors) == 2


def cell(value) -> str:
    """How docs/open-data.md says a CSV cell writes a value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(item) for item in value)
    return str(value)


CSV_ROWS_FROM = {  # where a CSV's rows are not the records themselves
    "porting-routes": lambda r: {**r, **{f"step_ms_{k}": (r.get("step_ms") or {}).get(k)
                                         for k in ("mean", "low", "high")}},
}


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("decision", "exercises")])
def test_csv_holds_what_the_json_holds(name, documents, csv_rows):
    records = [CSV_ROWS_FROM.get(name, lambda r: r)(r) for r in documents[name]["records"]]
    rows = csv_rows[name]
    assert len(rows) == len(records), f"data/{name}.csv has {len(rows)} rows, the JSON " \
                                      f"{len(records)}"
    for number, (row, record) in enumerate(zip(rows, records, strict=True), start=1):
        for column, value in row.items():
            expected = record.get(column)
            assert value == cell(expected), \
                f"data/{name}.csv row {number}, column {column}: {value!r} != {expected!r}"


def text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ", strip=True)) if element else ""


def plain(markdown: str) -> str:
    """Markdown as the page shows it in text: no backticks, emphasis or link targets."""
    markdown = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    return re.sub(r"\s+", " ", re.sub(r"\*\*|`", "", markdown)).strip()


def spaced(words: str) -> str:
    """get_text(" ") puts a space around inline code; compare text without spacing."""
    return re.sub(r"\s+", "", words)


def table_after(soup: BeautifulSoup, anchor: str):
    heading = soup.find(id=anchor)
    assert heading is not None, f"no #{anchor}"
    return heading.find_next("table")


def body_rows(table) -> list[list[str]]:
    return [[text(c) for c in tr.find_all(["td", "th"])] for tr in table.find("tbody")("tr")]


def section(soup: BeautifulSoup, anchor: str) -> str:
    """The text from the element with this id to the next heading of the same level."""
    start = soup.find(id=anchor)
    assert start is not None, f"no #{anchor}"
    parts = [text(start)]
    for sibling in start.find_next_siblings():
        if sibling.name == start.name:
            break
        parts.append(text(sibling))
    return " ".join(parts)


def human(day: str) -> str:
    value = dt.date.fromisoformat(day)
    return f"{value.day} {value.strftime('%B')} {value.year}"


def percent(value) -> str:
    return "not asked" if value is None else f"{value:.2f}%"


def check_timeline(soups, records):
    rows = body_rows(table_after(soups["background.md"], "timeline"))
    assert [(r[1], r[3]) for r in rows] == [(x["project"], x["checked"]) for x in records]
    for row, record in zip(rows, records, strict=True):
        assert spaced(plain(record["event"])) in spaced(row[2])


def check_releases(soups, records):
    rows = body_rows(table_after(soups["background.md"], "releases"))
    for package in {r["package"] for r in records}:
        mine = [r for r in records if r["package"] == package]
        newest = max(mine, key=lambda r: [int(p) for p in re.findall(r"\d+", r["version"])])
        row = next(row for row in rows if f"( {package} )" in row[0])
        assert row[1:3] == [newest["version"], human(newest["date"])], package


def check_ecosystem(soups, records):
    soup = soups["ecosystems.md"]
    for record in records:
        row = soup.find(id=f"matrix-{record['id']}").find_parent("tr")
        cells = dict(zip(["tensorflow", "pytorch"], row("td"), strict=True))
        shown = spaced(text(cells[record["framework"]]))
        assert spaced(plain(record["name"])) in shown, record["name"]
        assert spaced(plain(record["note"])) in shown, record["note"]


def check_applications(soups, records):
    rows = body_rows(table_after(soups["applications.md"], "documented-uses"))
    assert [r[0] for r in rows] == [x["organization"] for x in records]
    for row, record in zip(rows, records, strict=True):
        assert spaced(plain(record["use"])) in spaced(row[3])


def check_adoption(soups, records):
    rows = body_rows(table_after(soups["applications.md"], "adoption"))
    # A year the chart leaves out says why in its first cell: "2021 (not charted: ...)".
    shown = [(r[0].split(" ")[0], f"{x['respondents']:,}" == r[2], r[3:7])
             for r, x in zip(rows, records, strict=True)]
    assert shown == [(str(x["year"]), True, [percent(x[f]) for f in
                                             ("tensorflow", "pytorch", "keras", "jax")])
                     for x in records]


def check_decision(soups, records):
    shown = spaced(section(soups["decision-guide.md"], "rules"))
    for question in records:
        for answer in question["answers"]:
            for reason in answer.get("reasons", []):
                assert spaced(plain(reason["text"])) in shown, reason["text"]


def check_glossary(soups, records):
    soup = soups["glossary.md"]
    for record in records:
        assert text(soup.find(id=record["id"])).rstrip("¶ ") == record["term"]
        assert spaced(plain(record["definition"])) in spaced(section(soup, record["id"]))


def check_equivalences(soups, records):
    soup = soups["porting.md"]
    for record in records:
        shown = spaced(section(soup, record["id"]))
        for field in ("title", "pytorch", "tensorflow"):
            assert spaced(plain(record[field])) in shown, f"{record['id']}: {field}"


def check_routes(soups, records):
    rows = [r for r in body_rows(table_after(soups["porting.md"], "routes")) if any(r[1:])]
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert spaced(plain(record["how"]).split(":")[0]) in spaced(row[0])
        assert row[1].split(":")[0] == ("yes" if record["runs"] else "no")
        if record["runs"]:
            assert row[3].startswith(f"{record['before']:,} → {record['after']:,}")


def check_exercises(soups, records):
    soup = soups["exercises-key.md"]
    for record in records:
        shown = section(soup, record["id"])
        assert record["title"] in shown
        for lines in record["answer"].values():
            for line in lines:
                assert spaced(line) in spaced(shown), f"{record['id']}: {line}"


def check_changes(soups, records):
    soup = soups["changes.md"]
    for record in records:
        shown = text(soup.find(id=record["id"]))
        assert human(record["date"]) in shown
        assert spaced(plain(record["summary"])) in spaced(shown), record["id"]


def check_benchmarks(soups, records):
    newest = max(r["run"] for r in records)
    soup = soups["performance.md"]
    measures = ["train_step_ms", "latency_p50_ms", "latency_p90_ms", "latency_p99_ms",
                "throughput_per_s", "peak_above_baseline_mib", "first_result_s"]
    for model in sorted({r["model"] for r in records if r["run"] == newest}):
        rows = {r[0]: r[1:] for r in body_rows(table_after(soup, f"results-{model}"))}
        for record in (r for r in records if r["run"] == newest and r["model"] == model):
            shown = rows[record["configuration_title"]][measures.index(record["measure"])]
            numbers = [float(n.replace(",", "")) for n in re.findall(r"[\d,]*\.?\d+", shown)]
            assert len(numbers) == 3, shown
            for figure, value in zip(numbers, (record["mean"], record["low"], record["high"]),
                                     strict=True):
                assert figure == pytest.approx(value, rel=5e-3, abs=1e-4), \
                    f"{model} {record['configuration']} {record['measure']}: {shown}"


def check_references(soups, records):
    soup = soups["references.md"]
    for record in records:
        entry = soup.find(id=f"ref-{record['key']}")
        assert entry is not None, record["key"]
        if record["url"]:
            assert entry.find("a", href=record["url"]), record["key"]


CHECKS = {"timeline": check_timeline, "releases": check_releases, "ecosystem": check_ecosystem,
          "applications": check_applications, "adoption": check_adoption,
          "decision": check_decision, "glossary": check_glossary,
          "equivalences": check_equivalences, "porting-routes": check_routes,
          "exercises": check_exercises, "changes": check_changes,
          "benchmarks": check_benchmarks, "references": check_references}


@pytest.mark.parametrize("name", NAMES)
def test_page_shows_what_its_data_file_holds(name, soups, documents):
    CHECKS[name](soups, documents[name]["records"])


@pytest.mark.parametrize("name", NAMES)
def test_page_links_to_its_data(name, site, documents):
    page, _, anchor = documents[name]["shown_on"].partition("#")
    soup = BeautifulSoup((site / re.sub(r"^https?://[^/]+/", "", page) / "index.html")
                         .read_text(encoding="utf-8"), "lxml")
    links = {a["href"].rsplit("/", 1)[-1] for p in soup.select("p.data-links") for a in p("a")}
    assert {f"{name}.json", f"{name}.schema.json"} <= links, f"{page} does not link its data"
    assert soup.find(id=anchor), f"{documents[name]['shown_on']}: no such section"


def test_every_benchmark_run_is_published_whole_and_valid(site, index, registry):
    listed = index["benchmark_runs"]
    schema = json.loads(site_file(site, listed["schema"]).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
    in_repository = sorted(p.relative_to(ROOT).as_posix() for p in
                           [*(ROOT / "data/benchmarks").glob("*.json"),
                            *(ROOT / "data/benchmarks/pilot").glob("*.json")])
    assert sorted(run["made_from"] for run in listed["runs"]) == in_repository
    for run in listed["runs"]:
        text = site_file(site, run["json"]).read_text(encoding="utf-8")
        assert text == (ROOT / run["made_from"]).read_text(encoding="utf-8"), run["run"]
        problems = [e.message for e in validator.iter_errors(json.loads(text))]
        assert not problems, f"{run['run']}: {problems[:3]}"
