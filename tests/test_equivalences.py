"""The porting equivalence table: every row of data/equivalences.yml has a check in
tests/equivalence_checks.py and passes it on the pinned releases; the page shows every row under
its permanent anchor, with both official docs; bad data stops the build naming row and field."""

from __future__ import annotations

import inspect
import shutil

import numpy as np
import pytest
from bs4 import BeautifulSoup

import _data as d
import _equivalences
from conftest import ROOT, html_path

GROUPS, ROWS = _equivalences.load()
BY_ID = {row["id"]: row for row in ROWS}


@pytest.fixture(scope="module")
def checks():
    # Imported here, not at collection: TensorFlow and PyTorch load in the worker that runs
    # these tests only.
    import equivalence_checks
    return equivalence_checks.CHECKS


def test_the_table_has_at_least_80_rows_in_every_group():
    assert len(ROWS) >= 80, f"only {len(ROWS)} rows"
    assert {g["id"] for g in GROUPS} == {row["group"] for row in ROWS}


def test_every_row_has_a_check_and_every_check_a_row(checks):
    assert sorted(set(BY_ID) - set(checks)) == [], "rows without a check"
    assert sorted(set(checks) - set(BY_ID)) == [], "checks without a row"


def as_list(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


def problem(row: dict, found) -> str | None:
    """What is wrong with a check's result for its row, or None."""
    name = f"row {row['id']} ({row['pytorch']} | {row['tensorflow']})"
    if row["kind"] == "runs":
        return None if found is None else (f"{name}: a 'runs' check returns nothing; its "
                                           "asserts are the test")
    if not (isinstance(found, tuple) and len(found) == 2):
        return f"{name}: a 'same' check returns (PyTorch result, TensorFlow result)"
    ours, theirs = (as_list(side) for side in found)
    if len(ours) != len(theirs):
        return f"{name}: {len(ours)} results vs {len(theirs)}"
    for number, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        a, b = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
        if a.shape != b.shape:
            return f"{name}: result {number}: shapes {a.shape} vs {b.shape}"
        difference = float(np.max(np.abs(a - b))) if a.size else 0.0
        if not difference <= row["tolerance"]:  # NaN fails too
            return (f"{name}: result {number}: the frameworks differ by {difference:.3g}, more "
                    f"than the row's tolerance {row['tolerance']:g}")
    return None


@pytest.mark.parametrize("row_id", list(BY_ID))
def test_row(row_id, checks, tmp_path):
    row = BY_ID[row_id]
    function = checks[row_id]
    args = [tmp_path] if inspect.signature(function).parameters else []
    try:
        found = function(*args)
    except AssertionError as error:
        raise AssertionError(f"row {row_id} ({row['pytorch']} | {row['tensorflow']}): what the "
                             f"note says no longer holds: {error}") from None
    assert problem(row, found) is None, problem(row, found)


def test_a_difference_beyond_the_tolerance_fails_naming_the_row():
    row = BY_ID["linear-dense"]
    assert problem(row, (np.ones(3), np.ones(3))) is None
    found = problem(row, (np.ones(3), np.ones(3) + 1e-3))
    assert found.startswith("row linear-dense (`torch.nn.Linear(in_features, out_features)` | "
                            "`keras.layers.Dense(units)`): result 1: the frameworks differ by "
                            "0.001")
    assert "shapes" in problem(row, (np.ones(3), np.ones(4)))
    assert "differ by nan" in problem(row, (np.ones(3), np.full(3, np.nan)))
    assert "returns nothing" in problem(BY_ID["seed-global"], (1, 1))


def test_the_page_shows_every_row_under_its_anchor_with_both_docs(site):
    soup = BeautifulSoup(html_path(site, "porting.md").read_text(encoding="utf-8"), "lxml")
    article = soup.select_one("article")
    for group in GROUPS:
        heading = article.find("h2", id=group["id"])
        assert heading is not None and group["title"] in heading.get_text(), group["id"]
    for row in ROWS:
        heading = article.find("h3", id=row["id"])
        assert heading is not None, f"row {row['id']} has no heading with its id"
        table = heading.find_next("table")
        links = [a["href"] for a in table.select("a[href]")]
        assert links == [row["docs"]["pytorch"], row["docs"]["tensorflow"]], row["id"]
        code = table.get_text(" ")
        for side in ("pytorch", "tensorflow"):
            first = row[side].split("`")[1] if "`" in row[side] else row[side]
            assert first in code, f"row {row['id']}: {first!r} not shown"
        check = table.find_next("p", class_="equivalence-check")
        assert check is not None and check.find_previous("h3") is heading, row["id"]
    count = article.find(string=lambda s: s and "PyTorch calls with their" in s)
    assert count is not None and f"{len(ROWS)} PyTorch calls" in count.find_parent("p").get_text(
        " ", strip=True).replace("\n", " ")


def test_at_least_nine_traps_are_run_both_ways_under_their_rows(site):
    """Each trap's two files are examples (tests/test_examples.py runs them and compares their
    output); here: there are at least nine, and each shows as two tabs under its own row."""
    trapped = [row for row in ROWS if "example" in row]
    assert len(trapped) >= 9, f"only {len(trapped)} rows run their trap"
    assert len({row["example"] for row in trapped}) == len(trapped), "an example shown twice"
    soup = BeautifulSoup(html_path(site, "porting.md").read_text(encoding="utf-8"), "lxml")
    for row in trapped:
        heading = soup.find("h3", id=row["id"])
        tabs = heading.find_next("div", class_="tabbed-set")
        assert tabs is not None and tabs.find_previous("h3") is heading, row["id"]
        titles = [t.get_text() for t in tabs.select("span.filename")]
        folder = f"{_equivalences.EXAMPLES}/{row['example']}"
        assert titles == [f"{folder}/in_pytorch.py", "Output", f"{folder}/in_tensorflow.py",
                          "Output"], row["id"]


def row(row_id: str) -> str:
    """How the loader names a row in its messages: its place in the file and its id."""
    ids = [r["id"] for r in _equivalences.load()[1]]
    return f"row {ids.index(row_id) + 1} ({row_id})"


BAD = {
    "a row in an unknown group": (
        ("group: tensors\n    title: A tensor from Python data",
         "group: tensor\n    title: A tensor from Python data"),
        "row 1 (tensor-from-data): field 'group': unknown group 'tensor'"),
    "a docs link outside the official docs": (
        ("pytorch: https://docs.pytorch.org/docs/stable/generated/torch.tensor.html",
         "pytorch: https://example.com/torch.tensor.html"),
        "row 1 (tensor-from-data): field 'docs': pytorch: 'https://example.com/torch.tensor.html'"
        " is not an https URL on docs.pytorch.org"),
    "a tolerance on a row that compares nothing": (
        ("    kind: runs\n  - id: normal-sampling", "    kind: runs\n    tolerance: 0.1\n"
         "  - id: normal-sampling"),
        f"{row('seed-global')}: field 'tolerance': only rows of kind 'same' compare numbers"),
    "a comparison note on a row that compares nothing": (
        ("    kind: runs\n  - id: normal-sampling", "    kind: runs\n    compares: both seeds\n"
         "  - id: normal-sampling"),
        f"{row('seed-global')}: field 'compares': only rows of kind 'same' compare numbers"),
    "what the tests cannot check, on a row that compares numbers": (
        ("    kind: same\n  - id: from-numpy", "    kind: same\n    unchecked: a GPU\n"
         "  - id: from-numpy"),
        "row 1 (tensor-from-data): field 'unchecked': only rows of kind 'runs' have it"),
    "a row id used twice": (
        ("  - id: like-constructors", "  - id: full-fill"),
        "row 5 (full-fill): field 'id': 'full-fill' is used twice"),
    "a trap example that does not exist": (
        ("    example: recurrent\n", "    example: recurrents\n"),
        f"{row('gru')}: field 'example': no examples/porting/recurrents/in_pytorch.py"),
    "a trap example named as a path": (
        ("    example: recurrent\n", "    example: ../recurrent\n"),
        f"{row('gru')}: field 'example': '../recurrent' must be a folder name: lowercase words "
        "joined by underscores"),
    "an unknown kind": (
        ("    kind: same\n  - id: from-numpy", "    kind: equal\n  - id: from-numpy"),
        "row 1 (tensor-from-data): field 'kind': 'equal' is not one of: same, runs"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_rows_name_the_row_and_the_field(case, tmp_path, monkeypatch):
    (old, new), message = BAD[case]
    (tmp_path / "data").mkdir()
    source = (ROOT / _equivalences.EQUIVALENCES).read_text(encoding="utf-8")
    assert source.count(old) == 1, f"test setup: {old!r}"
    (tmp_path / _equivalences.EQUIVALENCES).write_text(source.replace(old, new),
                                                        encoding="utf-8")
    shutil.copytree(ROOT / _equivalences.EXAMPLES, tmp_path / _equivalences.EXAMPLES)
    monkeypatch.setattr(d, "ROOT", tmp_path)
    with pytest.raises(d.PluginError) as error:
        _equivalences.load()
    assert str(error.value) == f"data/equivalences.yml: {message}"
