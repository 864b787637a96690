"""Loads the YAML files under data/ and checks each entry against a small schema.

Helper for the hooks, not a hook itself. Every problem stops the build with one line that
names the file, the entry and the field, e.g.
    data/timeline.yml: entry 3 (PyTorch 2.0): field 'source': unknown citation key 'foo'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

import _bib

ROOT = Path(__file__).resolve().parent.parent
MONTHS = (
    "January February March April May June July August September October November December".split()
)
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Invalid(Exception):
    """A field's value breaks its rule; the message says how."""


def load_yaml(rel_path: str) -> Any:
    path = ROOT / rel_path
    if not path.exists():
        raise PluginError(f"{rel_path}: file not found")
    source = path.read_text(encoding="utf-8")
    try:
        # libyaml's parser when PyYAML has it (about ten times faster: the build loads some
        # files once per marker); PyYAML's own parser for the error, whose wording authors see.
        return yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        pass
    try:
        return yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise PluginError(f"{rel_path}{where}: malformed YAML: {problem}") from None


# Field kinds. Each takes the raw value and returns the clean one or raises Invalid.
def text(value):
    if not isinstance(value, str) or not value.strip():
        raise Invalid("must be non-empty text")
    return value.strip()


def date(value):
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise Invalid(f"'{value}' is not a date (YYYY-MM-DD)") from None


def partial_date(value):
    """YYYY, YYYY-MM or YYYY-MM-DD, kept as text: some sources give only the month."""
    value = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not PARTIAL_DATE.match(value):
        raise Invalid(f"'{value}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def cite(value):
    if not isinstance(value, str) or value not in _bib.keys():
        raise Invalid(f"unknown citation key '{value}' (not in {_bib.BIB_NAME})")
    return value


def cites(value):
    """One citation key or a list of them; always returns a list."""
    return [cite(key) for key in (value if isinstance(value, list) else [value])]


def slug(value):
    if not isinstance(value, str) or not SLUG.match(value):
        raise Invalid(f"'{value}' must be lowercase words joined by hyphens")
    return value


def boolean(value):
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value):
        if value not in choices:
            raise Invalid(f"'{value}' is not one of: {', '.join(map(str, choices))}")
        return value

    return check


def list_of(kind: Callable[[Any], Any]) -> Callable[[Any], list]:
    def check(value):
        if not isinstance(value, list) or not value:
            raise Invalid("must be a non-empty list")
        return [kind(item) for item in value]

    return check


def check_entries(rel_path: str, entries: Any, schema: dict, label: str, where: str = "",
                  noun: str = "entry", unique: tuple[str, ...] = ()) -> list[dict]:
    """Validates a list of mappings. schema: field -> (kind, required). label: the field that
    names an entry in messages; `where` and `noun` place nested entries, as in
    'entry 3 (Serving): pytorch tool 2 (TorchServe)'. unique: fields whose value no two entries
    may share."""
    if not isinstance(entries, list) or not entries:
        raise PluginError(f"{rel_path}: {where}expected a non-empty list of {noun} entries")
    seen: dict[str, set] = {field: set() for field in unique}
    clean = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise PluginError(f"{rel_path}: {where}{noun} {number}: expected a mapping of fields")
        name = f"{where}{noun} {number}" + (f" ({entry[label]})" if entry.get(label) else "")
        unknown = sorted(set(entry) - set(schema))
        if unknown:
            raise PluginError(f"{rel_path}: {name}: unknown field '{unknown[0]}'")
        out = {}
        for field, (kind, required) in schema.items():
            if entry.get(field) is None:
                if required:
                    raise PluginError(f"{rel_path}: {name}: missing field '{field}'")
                continue
            try:
                out[field] = kind(entry[field])
            except Invalid as problem:
                raise PluginError(f"{rel_path}: {name}: field '{field}': {problem}") from None
        for field in unique:
            if out.get(field) in seen[field]:
                raise PluginError(f"{rel_path}: {name}: field '{field}': '{out[field]}' is used "
                                  "twice")
            seen[field].add(out.get(field))
        clean.append(out)
    return clean


# Formatting shared by the renderers.
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
