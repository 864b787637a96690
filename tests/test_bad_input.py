"""Each test breaks one thing in a copy of the project and checks that the strict build fails
with one clear line naming the file and the problem, and no Python traceback."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, build, copy_project


def append(path, text):
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# The newest published benchmark run (its name holds the date of the run).
BENCH = sorted(p.relative_to(ROOT).as_posix()
               for p in (ROOT / "data" / "benchmarks").glob("*.json"))[-1]


def edit_benchmarks(project, change):
    """Loads the published benchmark run, lets change(document) edit it, and writes it back
    (json writes NaN and Infinity as JavaScript does, which json.loads accepts)."""
    path = project / BENCH
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


def edit_routes(project, change):
    path = project / "data/porting-routes.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


def set_first(document, model, framework, mode, key, value):
    """Sets a field of the first repeat of one configuration."""
    result = next(
        r
        for r in document["results"]
        if (r["model"], r["framework"], r["mode"]) == (model, framework, mode)
    )
    result["repeats"][0][key] = value


def fail_every_configuration(document, model):
    for result in document["results"]:
        if result["model"] == model:
            result["error"] = "RuntimeError: out of memory"


WEB_ENTRY = (
    "@misc{{{key}, author = {{{{Example}}}}, title = {{Example page}}, year = {{2026}}{extra}}}\n"
)

CASES = {
    "unknown citation key": (
        lambda p: append(p / "docs/background.md", "\nA claim [@nosuchkey2026].\n"),
        ["background.md", "unknown citation key 'nosuchkey2026'"],
    ),
    "bracket that is not a citation": (
        lambda p: append(p / "docs/background.md", "\nUse [@tf.function] here.\n"),
        ["background.md", "'[@tf.function]' is not a citation"],
    ),
    "malformed bib entry": (
        lambda p: append(
            p / "references.bib", "\n@misc{broken2026,\n  title = {No closing brace}\n"
        ),
        ["references.bib", "malformed bibliography"],
    ),
    "bib entry without url or doi": (
        lambda p: append(
            p / "references.bib",
            WEB_ENTRY.format(key="nolink2026", extra=", urldate = {2026-01-01}"),
        ),
        ["references.bib", "'nolink2026' has neither url nor doi"],
    ),
    "web page without urldate": (
        lambda p: append(
            p / "references.bib",
            WEB_ENTRY.format(key="nodate2026", extra=", url = {https://example.org}"),
        ),
        ["references.bib", "'nodate2026'", "without urldate"],
    ),
    "title starting with a lowercase code name": (
        lambda p: replace(
            p / "references.bib",
            "title   = {{tensorflow/api\\_template.\\_\\_init\\_\\_.py} (",
            "title   = {tensorflow/api\\_template.\\_\\_init\\_\\_.py (",
        ),
        ["references.bib", "'tensorflow2026apitemplate'", "starts with a lowercase code name"],
    ),
    "proper noun lowercased by the style": (
        lambda p: append(
            p / "references.bib",
            "@misc{case2026, author = {{X}}, title = {Why PyTorch}, year = {2026}, "
            "url = {https://example.org}, urldate = {2026-01-01}}\n",
        ),
        ["references.bib", "'case2026'", "'PyTorch' unbraced"],
    ),
    "bib entry cited nowhere": (
        lambda p: append(
            p / "references.bib",
            WEB_ENTRY.format(
                key="unused2026", extra=", url = {https://example.org}, urldate = {2026-01-01}"
            ),
        ),
        ["references.bib", "cited on no page: unused2026"],
    ),
    "broken internal link": (
        lambda p: append(p / "docs/background.md", "\nSee [this](no-such-page.md).\n"),
        ["background.md", "no-such-page.md", "not found"],
    ),
    "broken anchor": (
        lambda p: append(
            p / "docs/background.md", "\nSee [the glossary](glossary.md#no-such-term).\n"
        ),
        ["background.md", "#no-such-term"],
    ),
    "missing snippet file": (
        lambda p: append(p / "docs/background.md", '\n--8<-- "examples/missing/example.py"\n'),
        ["background.md", "'examples/missing/example.py' does not exist"],
    ),
    "missing snippet section": (
        lambda p: (
            (p / "examples/demo.py").write_text("print('hi')\n"),
            append(p / "docs/background.md", '\n```python\n--8<-- "examples/demo.py:train"\n```\n'),
        ),
        ["background.md", "examples/demo.py", "[start:train]"],
    ),
    "citation inside snippet-included text": (
        lambda p: (
            (p / "docs/cited.txt").write_text("A claim [@dean2012large].\n"),
            append(p / "docs/background.md", '\n--8<-- "docs/cited.txt"\n'),
        ),
        ["background.md", "citation left unrendered", "[@dean2012large]"],
    ),
    "malformed YAML data file": (
        lambda p: append(p / "data/timeline.yml", "- date: [2020\n"),
        ["data/timeline.yml:", "malformed YAML"],
    ),
    "data entry missing a field": (
        lambda p: replace(p / "data/timeline.yml", "  source: dean2012large\n", ""),
        ["data/timeline.yml", "entry 2", "missing field 'source'"],
    ),
    "data entry with an unknown citation key": (
        lambda p: replace(
            p / "data/timeline.yml", "source: dean2012large", "source: nobody2012large"
        ),
        [
            "data/timeline.yml",
            "entry 2",
            "field 'source'",
            "unknown citation key 'nobody2012large'",
        ],
    ),
    "data entry with a bad date": (
        lambda p: replace(p / "data/timeline.yml", "checked: 2026-11-25", "checked: last week"),
        ["data/timeline.yml", "entry 1", "field 'checked'", "not a date"],
    ),
    "ecosystem tool without a status": (
        lambda p: replace(
            p / "data/ecosystem.yml",
            "      status: archived\n      note: Limited maintenance",
            "      note: Limited maintenance",
        ),
        [
            "data/ecosystem.yml",
            "entry 7 (Serving): pytorch tool 1 (TorchServe): missing field 'status'",
        ],
    ),
    "ecosystem tool with an unknown status": (
        lambda p: replace(
            p / "data/ecosystem.yml",
            "      status: archived\n      note: Limited maintenance",
            "      status: sunset\n      note: Limited maintenance",
        ),
        [
            "data/ecosystem.yml",
            "pytorch tool 1 (TorchServe): field 'status': 'sunset' is not one of",
        ],
    ),
    "ecosystem tool without a source": (
        lambda p: replace(
            p / "data/ecosystem.yml",
            "      source: [pytorch2025torchserve, pytorch2025servearchive, pypi2026torchserve]\n",
            "",
        ),
        ["data/ecosystem.yml", "(TorchServe): missing field 'source'"],
    ),
    "ecosystem tool whose note does not name its newest release": (
        lambda p: replace(p / "data/ecosystem.yml", 'newest: "1.5.1"', 'newest: "1.6.0"'),
        ["data/ecosystem.yml", "pytorch tool 1 (ExecuTorch): field 'newest': the note does not "
         "name release 1.6.0"],
    ),
    "ecosystem tool with a package but no newest release": (
        lambda p: replace(p / "data/ecosystem.yml", '      newest: "1.5.1"\n', ""),
        ["data/ecosystem.yml", "(ExecuTorch): 'package' and 'newest' go together"],
    ),
    "survey figure without a source": (
        lambda p: replace(
            p / "data/adoption.yml",
            "chart: true, source: stackoverflow2019survey, checked",
            "chart: true, checked",
        ),
        ["data/adoption.yml", "entry 1 (2019): missing field 'source'"],
    ),
    "survey figure that is not a percentage": (
        lambda p: replace(p / "data/adoption.yml", "tensorflow: 10.26", "tensorflow: 102.6"),
        ["data/adoption.yml", "entry 1 (2019): field 'tensorflow': '102.6' is not a percentage"],
    ),
    "survey year left out of the chart without a reason": (
        lambda p: replace(
            p / "data/adoption.yml",
            "chart: true, source: stackoverflow2019survey",
            "chart: false, source: stackoverflow2019survey",
        ),
        ["data/adoption.yml", "(2019): a year left out of the chart needs a 'reason'"],
    ),
    "documented use with an unknown framework": (
        lambda p: replace(
            p / "data/applications.yml",
            "  frameworks: [PyTorch]\n  reported: 2026-01-26",
            "  frameworks: [PyTorch, Theano]\n  reported: 2026-01-26",
        ),
        ["data/applications.yml", "(Hugging Face): field 'frameworks': 'Theano' is not one of"],
    ),
    "exercise answer the file does not print": (
        lambda p: replace(p / "data/exercises.yml", '["traces: 3"]', '["traces: 2"]'),
        ["data/exercises.yml: exercise 1 (tf-function-traces): field 'answer': tensorflow: "
         "'traces: 2' is not a line of examples/exercises/tf_function_traces/in_tensorflow.out"],
    ),
    "exercise file without answer lines": (
        lambda p: (p / "examples/exercises/tf_function_traces/in_pytorch.py").write_text("1\n"),
        ["data/exercises.yml: exercise 1 (tf-function-traces): field 'answer': no lines for "
         "examples/exercises/tf_function_traces/in_pytorch.py"],
    ),
    "exercise answer for a missing file": (
        lambda p: (p / "examples/exercises/torch_compile_recompiles/in_pytorch.py").unlink(),
        ["data/exercises.yml: exercise 2 (torch-compile-recompiles): field 'answer': pytorch: "
         "no file examples/exercises/torch_compile_recompiles/in_pytorch.py"],
    ),
    "malformed porting routes file": (
        lambda p: (p / "data/porting-routes.json").write_text('{"date": "2026-12-02",\n "x": }'),
        ["data/porting-routes.json:2:7: malformed JSON"],
    ),
    "porting route without its output difference": (
        lambda p: edit_routes(p, lambda doc: doc["routes"][1].pop("difference")),
        ["data/porting-routes.json: route 2 (keras-backend): missing field 'difference'"],
    ),
    "porting original without its trainable count": (
        lambda p: edit_routes(p, lambda doc: doc["routes"][0].update(after=None)),
        ["data/porting-routes.json: route 1 (keras-original): field 'after': expected a number"],
    ),
    "malformed benchmark file": (
        lambda p: (p / "data/benchmarks/broken.json").write_text('{"schema": 1,\n  "run": }'),
        ["data/benchmarks/broken.json:2:10: malformed JSON"],
    ),
    "benchmark result without a field": (
        lambda p: (p / BENCH).write_text(
            (p / BENCH).read_text().replace('"peak_above_baseline_mib"', '"peak_memory"', 1)
        ),
        [BENCH, "field 'results[0] (mlp/pytorch/eager).repeats[0].peak_above_baseline_mib': "
                "missing"],
    ),
    "quick benchmark run": (
        lambda p: (p / BENCH).write_text(
            (p / BENCH).read_text().replace('"quick": false', '"quick": true', 1)
        ),
        [BENCH, "field 'run.quick': a quick run is not published"],
    ),
    "benchmark figure that is not a number (NaN)": (
        lambda p: edit_benchmarks(
            p, lambda doc: doc["results"][0]["repeats"][0]["train_step_ms"].update(
                median=float("nan"))
        ),
        [
            BENCH,
            "field 'results[0] (mlp/pytorch/eager).repeats[0].train_step_ms.median': must be a "
            "positive number, not nan",
        ],
    ),
    "benchmark figure that is infinite": (
        lambda p: edit_benchmarks(
            p, lambda doc: set_first(doc, "cnn", "keras", "xla", "first_step_ms", float("inf"))
        ),
        [BENCH, "(cnn/keras/xla).repeats[0].first_step_ms': must be a positive number, not inf"],
    ),
    "benchmark run without a setting the page shows": (
        lambda p: edit_benchmarks(p, lambda doc: doc["settings"].pop("warmup_steps")),
        [BENCH, "field 'settings.warmup_steps': missing"],
    ),
    "benchmark run without the machine's CPU count": (
        lambda p: edit_benchmarks(p, lambda doc: doc["machine"]["cpu"].pop("logical_cpus")),
        [BENCH, "field 'machine.cpu.logical_cpus': missing"],
    ),
    "benchmark result with a repeat missing": (
        lambda p: edit_benchmarks(p, lambda doc: doc["results"][1]["repeats"].pop()),
        [BENCH, "field 'results[1] (mlp/pytorch/compile).repeats': must hold one result per "
                "repeat (7), not 6"],
    ),
    "benchmark run with too few repeats": (
        lambda p: edit_benchmarks(p, lambda doc: doc["settings"].update(repeats=3)),
        [BENCH, "field 'settings.repeats': is 3; the page publishes runs with at least 7 "
                "repeats"],
    ),
    "benchmark run whose timed calls compiled": (
        lambda p: edit_benchmarks(
            p, lambda doc: set_first(doc, "mlp", "pytorch", "compile",
                                     "graphs_compiled_while_timed", 2)
        ),
        [BENCH, "(mlp/pytorch/compile).repeats[0].graphs_compiled_while_timed': is 2: a timed "
                "call traced or compiled"],
    ),
    "benchmark run without its raw samples": (
        lambda p: (p / (BENCH.replace("benchmarks/", "benchmarks/raw/") + ".gz")).unlink(),
        [BENCH, "field 'settings.raw': names "
                + BENCH.replace("benchmarks/", "benchmarks/raw/") + ".gz, which does not exist"],
    ),
    "benchmark run without one configuration": (
        lambda p: edit_benchmarks(p, lambda doc: doc["results"].pop(1)),
        [BENCH, "field 'results': no result for mlp in pytorch/compile"],
    ),
    "benchmark run in which every configuration of a model failed": (
        lambda p: edit_benchmarks(p, lambda doc: fail_every_configuration(doc, "transformer")),
        [
            BENCH,
            "field 'results': every configuration of transformer failed (first: 'RuntimeError: out "
            "of memory')",
        ],
    ),
    "inline script in a page": (
        lambda p: append(
            p / "docs/background.md", '\n<script>document.title = "changed"</script>\n'
        ),
        [
            "docs/background.md",
            "inline <script> that the Content-Security-Policy does not allow",
            "'document.title = \"changed\"'",
        ],
    ),
    "inline event handler in a page": (
        lambda p: append(
            p / "docs/background.md",
            '\n<button type="button" onclick="document.title = 1">Try</button>\n',
        ),
        [
            "docs/background.md",
            "inline script in an attribute ('<button onclick=\"document.title = 1\">')",
        ],
    ),
    "page the Content-Security-Policy cannot be put into": (
        lambda p: (
            (p / "overrides/bare.html").write_text("<p>{{ page.content }}</p>\n"),
            replace(
                p / "docs/background.md",
                "---\ndescription:",
                "---\ntemplate: bare.html\ndescription:",
            ),
        ),
        ["docs/background.md", "no <head> to put the Content-Security-Policy in"],
    ),
    "decision scenario with an unknown question": (
        lambda p: replace(
            p / "data/decision.yml",
            "answers: {building: learning, goal: papers}",
            "answers: {building: learning, budget: high}",
        ),
        ["data/decision.yml", "scenario 5 (student): field 'answers': unknown question 'budget'"],
    ),
    "decision scenario with an unknown answer": (
        lambda p: replace(
            p / "data/decision.yml",
            "answers: {building: learning, goal: papers}",
            "answers: {building: learning, goal: fame}",
        ),
        [
            "data/decision.yml",
            "scenario 5 (student): field 'answers': question 'goal' has no answer 'fame'",
        ],
    ),
    "decision reason linking to a missing anchor": (
        lambda p: replace(
            p / "data/decision.yml",
            "evidence: ecosystems.md#hugging-face",
            "evidence: ecosystems.md#huggingface",
        ),
        [
            "data/decision.yml",
            "question 3 (models): answer 1 (huggingface): reason 1: evidence link "
            "'ecosystems.md#huggingface': no such anchor",
        ],
    ),
    "decision reason citing an unknown key": (
        lambda p: replace(
            p / "data/decision.yml",
            "source: huggingface2025v5migration",
            "source: huggingface2025v6",
        ),
        [
            "data/decision.yml",
            "question 3 (models): answer 1 (huggingface): reason 1: field 'source': unknown "
            "citation key 'huggingface2025v6'",
        ],
    ),
    "decision reason without a source": (
        lambda p: replace(
            p / "data/decision.yml", "            source: huggingface2025v5migration\n", ""
        ),
        [
            "data/decision.yml",
            "question 3 (models): answer 1 (huggingface): reason 1: missing field 'source'",
        ],
    ),
    "decision reason shown by a missing example": (
        lambda p: replace(
            p / "data/decision.yml",
            "shown_by: examples/training_step",
            "shown_by: examples/training_steps",
        ),
        [
            "data/decision.yml",
            "field 'shown_by': 'examples/training_steps' is not an example folder",
        ],
    ),
    "decision reason with a bad weight": (
        lambda p: replace(
            p / "data/decision.yml",
            "weight: 3\n            text: Transformers version 5",
            "weight: 5\n            text: Transformers version 5",
        ),
        [
            "data/decision.yml",
            "question 3 (models): answer 1 (huggingface): reason 1: field 'weight': '5' is not one "
            "of: 1, 2, 3",
        ],
    ),
    "glossary entry with a duplicate id": (
        lambda p: replace(p / "data/glossary.yml", "id: autograph", "id: aotautograd"),
        ["data/glossary.yml", "'aotautograd' is used twice"],
    ),
    "missing example topic": (
        lambda p: append(p / "docs/graph-models.md", "\n<!-- example: no_such_topic -->\n"),
        ["graph-models.md", "example 'no_such_topic' has no examples/no_such_topic/in_pytorch.py"],
    ),
    "example without recorded output": (
        lambda p: (p / "examples/autodiff/in_pytorch.out").unlink(),
        ["graph-models.md", "'examples/autodiff/in_pytorch.out' does not exist"],
    ),
    "unknown render block": (
        lambda p: append(p / "docs/background.md", "\n<!-- render: nonsense -->\n"),
        ["background.md", "unknown block '<!-- render: nonsense -->'"],
    ),
    "moved section whose new place is gone": (
        lambda p: replace(p / "data/moved_anchors.yml", "to: compilers-and-export.md#xla,",
                          "to: compilers-and-export.md#no-such-section,"),
        ["graph-models.md", "compilers-and-export.md#no-such-section"],
    ),
    "moved section onto a page that does not exist": (
        lambda p: replace(p / "data/moved_anchors.yml", "to: compilers-and-export.md#xla,",
                          "to: compilers.md#xla,"),
        ["data/moved_anchors.yml", "graph-models.md#xla", "no page docs/compilers.md"],
    ),
    "moved section whose heading is still on the old page": (
        lambda p: append(p / "docs/graph-models.md", "\n## XLA again {#xla}\n\nText.\n"),
        ["docs/graph-models.md", "heading id 'xla' is still on the page"],
    ),
    "moved section without a date": (
        lambda p: replace(p / "data/moved_anchors.yml", "title: XLA, moved: 2026-12-01",
                          "title: XLA"),
        ["data/moved_anchors.yml", "graph-models.md#xla", "missing field 'moved'"],
    ),
    "change on a page that does not exist": (
        lambda p: replace(p / "data/changes.yml", "  page: ecosystems.md\n  anchor: data\n",
                          "  page: ecosystem.md\n  anchor: data\n"),
        ["data/changes.yml", "(torchdata-status)", "docs/ecosystem.md does not exist"],
    ),
    "change whose section is gone": (
        lambda p: replace(p / "data/changes.yml", "  page: ecosystems.md\n  anchor: data\n",
                          "  page: ecosystems.md\n  anchor: data-loading\n"),
        ["data/changes.yml", "(torchdata-status)", "no section '#data-loading' on ecosystems.md"],
    ),
    "correction that does not say what the page said": (
        lambda p: replace(p / "data/changes.yml",
                          "  before: TorchData was marked maintenance, with no release since "
                          "0.11.0 (February 2025).\n", ""),
        ["data/changes.yml", "(torchdata-status)", "a correction needs field 'before'"],
    ),
    "change of an unknown kind": (
        lambda p: replace(p / "data/changes.yml", "  kind: addition\n", "  kind: fix\n"),
        ["data/changes.yml", "field 'kind'", "'fix' is not one of"],
    ),
    "change without a source": (
        lambda p: replace(p / "data/changes.yml",
                          "  source: [tensorflow2026dtensor, keras2026backendinit, "
                          "pytorch2026fsdp2, pytorch2025fsdp1tutorial]\n", ""),
        ["data/changes.yml", "(distributed-training-rows)", "needs either 'source'"],
    ),
    "what the page said, on a change that is not a correction": (
        lambda p: replace(p / "data/changes.yml", "  kind: addition\n  summary: The distributed",
                          "  kind: addition\n  before: It.\n  summary: The distributed"),
        ["data/changes.yml", "(distributed-training-rows)", "'before' belongs to corrections"],
    ),
    "published data without its schema": (
        lambda p: (p / "data/schemas/timeline.schema.json").unlink(),
        ["data/schemas/timeline.schema.json", "missing", "data/timeline.yml"],
    ),
    "malformed schema of published data": (
        lambda p: append(p / "data/schemas/glossary.schema.json", "}"),
        ["data/schemas/glossary.schema.json", "malformed JSON"],
    ),
    "change dated in the future": (
        lambda p: replace(p / "data/changes.yml", "  date: 2026-12-01\n", "  date: 2999-01-01\n"),
        ["data/changes.yml", "2999-01-01 is in the future"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_fails_with_one_clear_line(case, tmp_path):
    project = copy_project(tmp_path / "project")
    breaks, expected = CASES[case]
    breaks(project)
    result = build(project, tmp_path / "site", search_index=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: build passed\n{output}"
    assert "Traceback" not in output, f"{case}: traceback shown\n{output}"
    problem_lines = [
        line for line in output.splitlines() if re.match(r"^(ERROR|WARNING)\s+-", line)
    ]
    matching = [line for line in problem_lines if all(part in line for part in expected)]
    assert matching, f"{case}: no line names {expected}\n{output}"


def test_unbroken_copy_builds(tmp_path):
    """Guards the cases above: they fail because of what they break, not because copies fail."""
    project = copy_project(tmp_path / "project")
    result = build(project, tmp_path / "site", search_index=False)
    assert result.returncode == 0, result.stdout + result.stderr
