"""Every example runs under the pinned frameworks and prints exactly the output the site shows;
every Python block on the site is either one of these files or visibly marked as a fragment."""

from __future__ import annotations

import re
import textwrap

import pytest
from bs4 import BeautifulSoup

import run_examples
from conftest import ROOT

EXAMPLES = run_examples.discover()
# The exercises' files are run by tests/test_exercises.py, which names the exercise on failure.
EXERCISE_FILES = ROOT / "examples" / "exercises"
FRAGMENT = "Fragment:"


def test_there_are_examples_for_both_frameworks():
    names = {path.name for path in EXAMPLES}
    assert {"in_pytorch.py", "in_tensorflow.py"} <= names
    # Graph models and Compilers and export promise at least 14 side-by-side sets.
    topics = {path.parent for path in EXAMPLES}
    both = [t for t in topics
            if (t / "in_pytorch.py").exists() and (t / "in_tensorflow.py").exists()]
    assert len(both) >= 14, f"only {len(both)} topics have both frameworks"


@pytest.mark.parametrize(
    "example", [e for e in EXAMPLES if EXERCISE_FILES not in e.parents],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_example_runs_and_prints_its_recorded_output(example):
    # One process per test, so that the test workers share the examples between them (a
    # session fixture that ran them all would run them once in every worker).
    problem = run_examples.problem(run_examples.run(example))
    assert problem is None, problem


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_run_line_of_an_example_names_its_own_file(example):
    """A reader copies the docstring's "Run: python ..." line; it must run this file."""
    name = example.relative_to(ROOT).as_posix()
    runs = re.findall(r"^Run: python (\S+)$", example.read_text(encoding="utf-8"), re.M)
    assert runs == [name], f"{name}: its Run line names {runs or 'nothing'}"


def code_blocks(site):
    """(page, title, code text) for every highlighted code block in the built site."""
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for block in soup.select("article div.highlight"):
            title = block.select_one("span.filename")
            code = block.find("code")
            yield (
                html.relative_to(site),
                (title.get_text() if title else ""),
                block,
                code.get_text(),
            )


def test_every_python_block_is_an_example_file_or_a_marked_fragment(site):
    checked = 0
    for page, title, block, code in code_blocks(site):
        if "language-python" not in block.get("class", []) + block.parent.get("class", []):
            continue
        checked += 1
        if title.startswith(FRAGMENT):
            continue
        source = ROOT / title
        assert title.startswith("examples/") and source.is_file(), (
            f"{page}: Python block titled {title!r} is neither an example file nor marked "
            f"'{FRAGMENT}'"
        )
        assert code == source.read_text(encoding="utf-8"), f"{page}: block differs from {title}"
    assert checked >= len(EXAMPLES), "fewer Python blocks on the site than examples"


def test_every_example_and_its_output_appear_on_a_page(site):
    shown = {title: code for _, title, _, code in code_blocks(site)}
    # An example's output is titled "Output"; an exercise's "Output of in_pytorch.py (PyTorch)".
    outputs = [code for _, title, _, code in code_blocks(site)
               if title == "Output" or title.startswith("Output of ")]
    for example in EXAMPLES:
        name = str(example.relative_to(ROOT))
        assert name in shown, f"{name} is on no page"
        recorded = run_examples.output_path(example).read_text(encoding="utf-8")
        assert recorded in outputs, f"the output of {name} is on no page"


def test_fragments_are_visibly_labelled(site):
    fragments = [title for _, title, _, _ in code_blocks(site) if title.startswith(FRAGMENT)]
    assert fragments, "the TensorFlow 1.x history should be shown as a labelled fragment"
    for title in fragments:
        assert len(title) > len(FRAGMENT) + 10, f"fragment label says too little: {title!r}"


def test_example_tabs_use_the_linked_labels(site):
    soup = BeautifulSoup((site / "graph-models/index.html").read_text(encoding="utf-8"), "lxml")
    labels = {label.get_text(strip=True) for label in soup.select(".tabbed-labels label")}
    assert labels == {"PyTorch", "TensorFlow"}


# The runner itself: bad examples are reported in one line that names the file.

def make_example(tmp_path, code, recorded=None):
    folder = tmp_path / "examples" / "demo"
    folder.mkdir(parents=True)
    example = folder / "in_pytorch.py"
    example.write_text(textwrap.dedent(code), encoding="utf-8")
    if recorded is not None:
        run_examples.output_path(example).write_text(recorded, encoding="utf-8")
    return example


def test_runner_names_an_example_that_raises(tmp_path):
    example = make_example(tmp_path, "raise ValueError('broken example')\n", recorded="")
    problem = run_examples.problem(run_examples.run(example, root=tmp_path), root=tmp_path)
    assert problem == "examples/demo/in_pytorch.py: exited with code 1: ValueError: broken example"


def test_runner_names_an_example_whose_output_changed(tmp_path):
    example = make_example(tmp_path, "print('loss 0.25')\n", recorded="loss 0.5\n")
    problem = run_examples.problem(run_examples.run(example, root=tmp_path), root=tmp_path)
    assert problem == ("examples/demo/in_pytorch.py: output differs from "
                       "examples/demo/in_pytorch.out at line 1: "
                       "expected 'loss 0.5', got 'loss 0.25'")


@pytest.mark.parametrize("code,recorded,counts", [
    ("print('loss 0.5')\nprint('done')\n", "loss 0.5\n", "expected 1 lines, got 2"),
    ("print('loss 0.5')\n", "", "expected 0 lines, got 1"),
    ("pass\n", "loss 0.5\ndone\n", "expected 2 lines, got 0"),
], ids=["a line more", "emptied .out", "prints nothing"])
def test_runner_names_an_example_whose_output_was_cut_short(tmp_path, code, recorded, counts):
    """Lines added or lost at the end are a difference too, and so is an emptied .out file."""
    example = make_example(tmp_path, code, recorded=recorded)
    problem = run_examples.problem(run_examples.run(example, root=tmp_path), root=tmp_path)
    assert problem == ("examples/demo/in_pytorch.py: output differs from "
                       f"examples/demo/in_pytorch.out: {counts}")


def test_runner_names_an_example_without_recorded_output(tmp_path):
    example = make_example(tmp_path, "print('hello')\n")
    problem = run_examples.problem(run_examples.run(example, root=tmp_path), root=tmp_path)
    assert problem == ("examples/demo/in_pytorch.py: no recorded output "
                       "examples/demo/in_pytorch.out (run scripts/run_examples.py)")
