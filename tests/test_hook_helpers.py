"""The hooks' helpers on their own, without a build: the data files' field checks and messages
(hooks/_data.py), the moved-section list (hooks/moved_anchors.py) and the example tabs
(hooks/examples.py). The bad-input tests build a copy of the project for each problem; these
pin the rules and the exact messages, each with a fixed expectation, in a fraction of a second."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import _data as d
import examples
import moved_anchors

# --- hooks/_data.py -------------------------------------------------------------------------------


def test_load_yaml_names_a_missing_file_and_where_a_malformed_one_breaks(tmp_path, monkeypatch):
    monkeypatch.setattr(d, "ROOT", tmp_path)
    with pytest.raises(PluginError, match=r"^data/none\.yml: file not found$"):
        d.load_yaml("data/none.yml")
    (tmp_path / "data").mkdir()
    (tmp_path / "data/bad.yml").write_text("- a: 1\n- b: [2\n", encoding="utf-8")
    with pytest.raises(PluginError) as error:
        d.load_yaml("data/bad.yml")
    assert str(error.value) == ("data/bad.yml:3:1: malformed YAML: expected ',' or ']', but got "
                                "'<stream end>'")
    (tmp_path / "data/good.yml").write_text("- a: 1\n", encoding="utf-8")
    assert d.load_yaml("data/good.yml") == [{"a": 1}]


@pytest.mark.parametrize("kind,value,expected", [
    (d.text, "  TorchServe ", "TorchServe"),
    (d.date, dt.date(2026, 11, 25), dt.date(2026, 11, 25)),
    (d.date, "2026-11-25", dt.date(2026, 11, 25)),
    (d.partial_date, "2017", "2017"),
    (d.partial_date, "2017-01", "2017-01"),
    (d.partial_date, dt.date(2017, 1, 2), "2017-01-02"),
    (d.cite, "dean2012large", "dean2012large"),
    (d.cites, "dean2012large", ["dean2012large"]),
    (d.cites, ["dean2012large", "abadi2016tensorflow"], ["dean2012large", "abadi2016tensorflow"]),
    (d.slug, "tf-function", "tf-function"),
    (d.slug, "xla2", "xla2"),
    (d.boolean, False, False),
    (d.one_of("active", "archived"), "archived", "archived"),
    (d.list_of(d.text), [" a", "b "], ["a", "b"]),
])
def test_field_kinds_return_the_clean_value(kind, value, expected):
    assert kind(value) == expected


@pytest.mark.parametrize("kind,value,message", [
    (d.text, "   ", "must be non-empty text"),
    (d.text, 3, "must be non-empty text"),
    (d.date, "last week", "'last week' is not a date (YYYY-MM-DD)"),
    (d.partial_date, "2017-1", "'2017-1' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    (d.partial_date, "2017-01-02-03", "'2017-01-02-03' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    (d.cite, "nobody2012large", "unknown citation key 'nobody2012large' (not in references.bib)"),
    (d.cites, ["dean2012large", "nobody"], "unknown citation key 'nobody' (not in references.bib)"),
    (d.slug, "TF-function", "'TF-function' must be lowercase words joined by hyphens"),
    (d.slug, "tf--function", "'tf--function' must be lowercase words joined by hyphens"),
    (d.slug, "tf-", "'tf-' must be lowercase words joined by hyphens"),
    (d.boolean, "yes", "must be true or false"),
    (d.one_of("active", "archived"), "sunset", "'sunset' is not one of: active, archived"),
    (d.one_of(1, 2, 3), 5, "'5' is not one of: 1, 2, 3"),
    (d.list_of(d.text), [], "must be a non-empty list"),
    (d.list_of(d.text), "a", "must be a non-empty list"),
])
def test_field_kinds_say_what_is_wrong(kind, value, message):
    with pytest.raises(d.Invalid) as error:
        kind(value)
    assert str(error.value) == message


SCHEMA = {"id": (d.slug, True), "name": (d.text, True), "note": (d.text, False)}


@pytest.mark.parametrize("entries,kwargs,message", [
    ([], {}, "data/x.yml: expected a non-empty list of entry entries"),
    ({"id": "a"}, {}, "data/x.yml: expected a non-empty list of entry entries"),
    ([{"id": "a", "name": "A"}, "b"], {}, "data/x.yml: entry 2: expected a mapping of fields"),
    ([{"id": "a", "name": "A", "colour": "red"}], {},
     "data/x.yml: entry 1 (A): unknown field 'colour'"),
    ([{"id": "a", "name": "A"}, {"id": "b"}], {}, "data/x.yml: entry 2: missing field 'name'"),
    ([{"id": "a", "name": None}], {}, "data/x.yml: entry 1: missing field 'name'"),
    ([{"id": "A", "name": "A"}], {},
     "data/x.yml: entry 1 (A): field 'id': 'A' must be lowercase words joined by hyphens"),
    ([{"id": "a", "name": "A"}, {"id": "a", "name": "B"}], {"unique": ("id",)},
     "data/x.yml: entry 2 (B): field 'id': 'a' is used twice"),
    ([{"id": "a"}], {"where": "question 3 (models): ", "noun": "answer"},
     "data/x.yml: question 3 (models): answer 1: missing field 'name'"),
])
def test_check_entries_names_the_file_the_entry_and_the_field(entries, kwargs, message):
    with pytest.raises(PluginError) as error:
        d.check_entries("data/x.yml", entries, SCHEMA, label="name", **kwargs)
    assert str(error.value) == message


def test_check_entries_returns_clean_entries_and_leaves_out_absent_optional_fields():
    rows = d.check_entries("data/x.yml", [{"id": "a", "name": " A "}, {"id": "b", "name": "B",
                                                                     "note": "n"}],
                           SCHEMA, label="name", unique=("id",))
    assert rows == [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "note": "n"}]


@pytest.mark.parametrize("value,expected", [
    ("2015-11-09", "9 November 2015"), ("2017-01", "January 2017"), ("2011", "2011"),
    (dt.date(2026, 12, 1), "1 December 2026"), ("2020-10-01", "1 October 2020"),
])
def test_human_date(value, expected):
    assert d.human_date(value) == expected


def test_citations_and_table_cells():
    assert d.citations(["dean2012large", "abadi2016tensorflow"]) == (
        "[@dean2012large; @abadi2016tensorflow]")
    assert d.citations(["dean2012large"]) == "[@dean2012large]"
    assert d.cell("a | b\nc") == "a \\| b c"


# --- hooks/moved_anchors.py -----------------------------------------------------------------------

MOVES = [{"from": "old.md#xla", "to": "new.md#xla", "title": "XLA", "moved": dt.date(2026, 12, 1)}]


def fake_page(src_uri: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def fake_files(pages: dict[str, str]):
    """files.get_file_from_path(path).page.title, for the pages named (path -> title)."""
    def get(path):
        return SimpleNamespace(page=SimpleNamespace(title=pages[path])) if path in pages else None
    return SimpleNamespace(get_file_from_path=get)


@pytest.mark.parametrize("value", ["graph-models.md#xla", "sub/page.md#torch-compile"])
def test_a_moved_anchor_is_a_page_and_an_anchor(value):
    assert moved_anchors.page_anchor(value) == value
    page, anchor = value.split("#")
    assert moved_anchors.split(value) == (page, anchor)


@pytest.mark.parametrize("value", ["graph-models#xla", "graph-models.md", "graph-models.md#",
                                   "graph-models.md#x y", 3])
def test_a_moved_anchor_that_is_not_page_and_anchor_is_refused(value):
    with pytest.raises(d.Invalid, match=r"^'.+' is not page\.md#anchor$"):
        moved_anchors.page_anchor(value)


def test_the_old_page_ends_with_links_that_hold_the_old_ids(monkeypatch):
    monkeypatch.setattr(moved_anchors, "moves", lambda: MOVES)
    markdown = moved_anchors.on_page_markdown("# Old {#old}\n\nText.\n\n", fake_page("old.md"),
                                              None, fake_files({"new.md": "New page"}))
    assert markdown == (
        "# Old {#old}\n\nText.\n\n## Sections on other pages {#moved-sections}\n\n"
        "These sections moved to another page. Old links to them lead here, and on to their new "
        "place:\n\n- [XLA](new.md#xla){ #xla .moved-anchor }, now on New page (moved 1 December "
        "2026)\n")


def test_a_page_without_moved_sections_is_left_alone(monkeypatch):
    monkeypatch.setattr(moved_anchors, "moves", lambda: MOVES)
    assert moved_anchors.on_page_markdown("# New {#new}\n", fake_page("new.md"), None,
                                          fake_files({})) == "# New {#new}\n"


@pytest.mark.parametrize("heading", ["## XLA {#xla}", "## XLA { #xla }"])
def test_a_moved_id_still_on_the_old_page_is_reported(monkeypatch, heading):
    monkeypatch.setattr(moved_anchors, "moves", lambda: MOVES)
    with pytest.raises(PluginError, match=r"^docs/old\.md: heading id 'xla' is still on the page, "
                                          r"but data/moved_anchors\.yml lists it as moved$"):
        moved_anchors.on_page_markdown(f"# Old\n\n{heading}\n", fake_page("old.md"), None,
                                       fake_files({"new.md": "New page"}))


@pytest.mark.parametrize("pages,field", [({"new.md": "New"}, "from"), ({"old.md": "Old"}, "to")])
def test_a_moved_section_to_or_from_a_missing_page_is_reported(monkeypatch, pages, field):
    monkeypatch.setattr(moved_anchors, "moves", lambda: MOVES)
    page = "old.md" if field == "from" else "new.md"
    with pytest.raises(PluginError, match=rf"^data/moved_anchors\.yml: entry old\.md#xla: field "
                                          rf"'{field}': no page docs/{page}$"):
        moved_anchors.on_files(fake_files(pages), None)


@pytest.mark.parametrize("field", ["from", "to", "title", "moved"])
def test_a_moved_section_needs_every_field(monkeypatch, field):
    entry = {"from": "old.md#xla", "to": "new.md#xla", "title": "XLA", "moved": "2026-12-01"}
    del entry[field]
    monkeypatch.setattr(d, "load_yaml", lambda path: [entry])
    moved_anchors.on_config(None)
    try:
        with pytest.raises(PluginError, match=rf"^data/moved_anchors\.yml: entry 1"
                                              rf"( \(old\.md#xla\))?: missing field '{field}'$"):
            moved_anchors.moves()
    finally:
        moved_anchors.on_config(None)


def test_the_moved_section_list_is_checked_and_read_again_after_on_config(monkeypatch):
    entries = [{"from": "old.md#xla", "to": "new.md#xla", "title": "XLA", "moved": "2026-12-01"}]
    monkeypatch.setattr(d, "load_yaml", lambda path: entries)
    moved_anchors.on_config(None)
    assert moved_anchors.moves() == MOVES
    entries.append(dict(entries[0], to="new.md#xla2"))
    assert len(moved_anchors.moves()) == 1  # cached within a build
    with pytest.raises(PluginError, match=r"^data/moved_anchors\.yml: entry 2 \(old\.md#xla\): "
                                          r"field 'from': 'old\.md#xla' is used twice$"):
        moved_anchors.on_config(None)
        moved_anchors.moves()
    moved_anchors.on_config(None)  # the next test reads the real file again


# --- hooks/examples.py ----------------------------------------------------------------------------

TABS = '''=== "PyTorch"

    ``` { .python title="examples/demo/in_pytorch.py" data-search-exclude="" }
    --8<-- "examples/demo/in_pytorch.py"
    ```

    ``` { .text title="Output" data-search-exclude="" }
    --8<-- "examples/demo/in_pytorch.out"
    ```

=== "TensorFlow"

    ``` { .python title="examples/demo/in_tensorflow.py" data-search-exclude="" }
    --8<-- "examples/demo/in_tensorflow.py"
    ```

    ``` { .text title="Output" data-search-exclude="" }
    --8<-- "examples/demo/in_tensorflow.out"
    ```
'''


@pytest.fixture
def example_root(tmp_path, monkeypatch):
    monkeypatch.setattr(examples, "ROOT", tmp_path)
    (tmp_path / "examples/demo").mkdir(parents=True)
    return tmp_path


def test_an_example_marker_becomes_two_linked_tabs(example_root):
    for stem in ("in_pytorch", "in_tensorflow"):
        (example_root / f"examples/demo/{stem}.py").write_text("print(1)\n")
    assert examples.render("demo", "page.md") == TABS
    page = fake_page("page.md")
    markdown = "Intro.\n\n<!-- example: demo -->\n\nNot a marker: <!-- example: demo -->\n"
    assert examples.on_page_markdown(markdown, page, None, None) == (
        "Intro.\n\n" + TABS + "\n\nNot a marker: <!-- example: demo -->\n")


def test_a_topic_with_one_framework_gets_one_tab(example_root):
    (example_root / "examples/demo/in_tensorflow.py").write_text("print(1)\n")
    assert examples.render("demo", "page.md") == TABS[TABS.index('=== "TensorFlow"'):]


def test_a_topic_without_files_is_reported(example_root):
    with pytest.raises(PluginError, match=r"^page\.md: example 'none' has no "
                                          r"examples/none/in_pytorch\.py or in_tensorflow\.py$"):
        examples.render("none", "page.md")


def test_the_versions_come_from_the_lock(example_root):
    (example_root / "requirements").mkdir()
    lock = example_root / "requirements/test.txt"
    lock.write_text("keras==3.15.1 \\\n    --hash=sha256:00\ntensorflow-cpu==2.21.0 \\\n"
                    "torch==2.15.0 ; python_version >= '3.11'\n")
    assert examples.versions() == "PyTorch 2.15.0, TensorFlow 2.21.0 and Keras 3.15.1"
    markdown = examples.on_page_markdown("On <!-- example-versions -->.", fake_page("p.md"),
                                         None, None)
    assert markdown == "On PyTorch 2.15.0, TensorFlow 2.21.0 and Keras 3.15.1."
    lock.write_text("torch==2.15.0\ntensorflow-cpu==2.21.0\n")
    with pytest.raises(PluginError, match=r"^requirements/test\.txt: no pinned version of keras$"):
        examples.versions()


def test_indent_leaves_blank_lines_empty():
    assert examples.indent("a\n\n  b") == "    a\n\n      b"
