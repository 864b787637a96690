"""The data files say when their facts were checked, and no such day lies in the future: a
mistyped year (2062 for 2026) would pass the build's date check and make the site claim a check
that has not happened ("as of" dates, the home page's "checked between ... and ...")."""

from __future__ import annotations

import datetime as dt
import json

import yaml
from pybtex.database import parse_file

from conftest import ROOT

DATED_FIELDS = {"checked", "urldate", "date", "moved"}


def dated_values(node, where: str):
    """(place, value) for every field named in DATED_FIELDS, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in DATED_FIELDS and not isinstance(value, (dict, list)):
                yield f"{where}.{key}", value
            else:
                yield from dated_values(value, f"{where}.{key}")
    elif isinstance(node, list):
        for number, item in enumerate(node, start=1):
            yield from dated_values(item, f"{where}[{number}]")


def as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    # Timeline dates may give only the year or the month: take the first day they can mean.
    return dt.date.fromisoformat(text + {4: "-01-01", 7: "-01"}.get(len(text), ""))


def every_dated_fact():
    for path in sorted((ROOT / "data").glob("*.yml")):
        yield from dated_values(yaml.safe_load(path.read_text(encoding="utf-8")),
                                path.relative_to(ROOT).as_posix())
    for path in sorted((ROOT / "data" / "benchmarks").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        yield f"{path.relative_to(ROOT).as_posix()}: run.date", document["run"]["date"]
    for key, entry in parse_file(str(ROOT / "references.bib")).entries.items():
        if "urldate" in entry.fields:
            yield f"references.bib: {key}: urldate", entry.fields["urldate"]


def test_no_fact_was_checked_in_the_future():
    today = dt.date.today()
    found = list(every_dated_fact())
    assert len(found) > 100, f"only {len(found)} dated facts found: is the walk broken?"
    future = [f"{where}: {value}" for where, value in found if as_date(value) > today]
    assert not future, f"dated after today ({today}):\n" + "\n".join(future)


def test_a_checked_day_in_the_future_is_found():
    """Guards the test above: a mistyped year deep in a nested entry is found."""
    nested = {"rows": [{"job": "Serving", "tools": [{"name": "X", "checked": dt.date(2062, 11,
                                                                                       25)}]}]}
    assert list(dated_values(nested, "data/x.yml")) == [
        ("data/x.yml.rows[1].tools[1].checked", dt.date(2062, 11, 25))]
