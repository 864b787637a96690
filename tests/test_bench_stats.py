"""bench/stats.py and bench/compare.py: the intervals, the paired verdict rule and the
comparison of two runs, on small documents whose answers are worked out by hand."""

from __future__ import annotations

import json
import math
import re

import pytest

import compare
import stats
from conftest import ROOT


def test_t_values_come_from_the_table_and_err_on_the_wide_side():
    assert stats.t975(6) == 2.447  # 7 repeats
    assert stats.t975(1) == 12.706
    assert stats.t975(22) == 2.086, "between rows, the smaller df's (wider) value"
    assert stats.t975(500) == 1.96
    with pytest.raises(ValueError):
        stats.t975(0)


def test_interval_is_the_mean_with_a_t_interval():
    # 1, 2, 3: mean 2, sd 1, half-width 4.303 / sqrt(3) = 2.4844.
    mean, low, high = stats.interval([1.0, 2.0, 3.0])
    assert mean == 2.0
    assert low == pytest.approx(2 - 4.303 / math.sqrt(3))
    assert high == pytest.approx(2 + 4.303 / math.sqrt(3))
    with pytest.raises(ValueError, match="at least two"):
        stats.interval([1.0])


def test_paired_ratio_uses_each_rounds_own_ratio():
    # Each round a is exactly twice b, though both drift a lot across rounds: the paired ratio
    # is 2 with no width, where comparing the means alone would show wide overlap.
    a, b = [2.0, 20.0, 8.0], [1.0, 10.0, 4.0]
    assert stats.ratio_interval(a, b) == pytest.approx((2.0, 2.0, 2.0))
    # Ratios 1/2 and 2: their logs cancel, so the geometric mean is 1.
    ratio, low, high = stats.ratio_interval([1.0, 4.0], [2.0, 2.0])
    assert ratio == pytest.approx(1.0) and low < 1 < high
    with pytest.raises(ValueError, match="same number of repeats"):
        stats.ratio_interval([1.0, 2.0], [1.0])


@pytest.mark.parametrize("ratio,low,high,expected", [
    (0.8, 0.5, 0.99, "lower"), (1.5, 1.01, 3.0, "higher"), (1.0, 0.9, 1.1, "within variation"),
    (1.2, 1.0, 1.4, "within variation"),
    # The interval excludes 1, but the difference is under the 20% margin.
    (1.1, 1.02, 1.18, "within variation"), (0.9, 0.85, 0.95, "within variation"),
    (1.19, 1.1, 1.3, "within variation"), (1 / 1.19, 0.8, 0.9, "within variation"),
    # At the margin, with the interval clear of 1.
    (1.2, 1.02, 1.4, "higher"), (1 / 1.2, 0.7, 0.98, "lower"),
    # A large ratio whose interval still includes 1.
    (0.75, 0.5, 1.1, "within variation"), (1.3, 0.9, 1.8, "within variation"),
])
def test_a_difference_is_claimed_only_when_the_interval_excludes_one_and_it_is_twenty_percent(
        ratio, low, high, expected):
    assert stats.outcome(ratio, low, high) == expected


def repeat(step: float, latency: float = 1.0, memory: float = 10.0) -> dict:
    return {"train_step_ms": {"median": step}, "latency_ms": {"median": latency, "p90": latency,
                                                              "p99": latency},
            "throughput_per_s": 100.0, "first_step_ms": 5.0, "first_result_s": 3.0,
            "import_mib": 500.0, "baseline_mib": 600.0, "peak_above_baseline_mib": memory,
            "compiler_workers_mib": 0.0}


def document(steps: dict[str, list[float]], model: str = "mlp") -> dict:
    results = [{"model": model, "framework": c.split("/")[0], "mode": c.split("/")[1],
                "error": None, "repeats": [repeat(s) for s in values]}
               for c, values in steps.items()]
    return {"settings": {"models": [model]}, "results": results}


def test_fastest_names_ties_it_cannot_tell_apart():
    doc = document({"pytorch/eager": [1.0, 1.1, 0.9], "keras/eager": [3.0, 3.3, 2.7],
                    "pytorch/compile": [1.0, 1.2, 0.8]})
    found = stats.fastest(doc, "mlp", ["pytorch/eager", "keras/eager", "pytorch/compile"])
    assert found["best"] in ("pytorch/eager", "pytorch/compile")
    assert found["ties"] == [c for c in ("pytorch/eager", "pytorch/compile")
                             if c != found["best"]]
    alone = stats.fastest(document({"pytorch/eager": [1.0, 1.1, 0.9],
                                    "keras/eager": [3.0, 3.3, 2.7]}), "mlp",
                          ["pytorch/eager", "keras/eager"])
    assert alone == {"best": "pytorch/eager", "ties": [], "failed": []}


def test_the_fastest_set_does_not_depend_on_which_close_one_has_the_lower_mean():
    # B has the lowest mean but is noisy: the rule cannot tell it from A, nor from C. A, every
    # round 1.25 times faster than C, beats C; so C is not among the fastest, although B, the
    # one with the lowest mean, does not beat it.
    a = [1.00, 1.10, 0.90, 1.05]
    b = [0.70, 1.30, 0.75, 1.20]
    c = [x * 1.25 for x in a]
    doc = document({"pytorch/eager": a, "pytorch/compile": b, "keras/xla": c})
    found = stats.fastest(doc, "mlp", ["pytorch/eager", "pytorch/compile", "keras/xla"])
    assert found["best"] == "pytorch/compile"
    assert stats.compare(doc, "mlp", "train_step_ms", "pytorch/compile", "keras/xla")[
        "outcome"] == "within variation"
    assert found["ties"] == ["pytorch/eager"]


def test_a_failed_configuration_is_left_out_of_every_verdict():
    doc = document({"pytorch/eager": [1.0, 1.1, 0.9], "keras/eager": [3.0, 3.3, 2.7]})
    doc["results"][1]["error"] = "RuntimeError: out of memory"
    assert stats.compare(doc, "mlp", "train_step_ms", "keras/eager", "pytorch/eager") is None
    assert stats.verdicts(doc) == {
        "mlp: fastest training step": "pytorch/eager (not compared, failed: keras/eager)"}


def test_too_few_runs_or_a_zero_give_no_verdict_instead_of_an_error():
    one_run = document({"pytorch/eager": [1.0], "keras/eager": [3.0]})
    assert stats.compare(one_run, "mlp", "train_step_ms", "keras/eager", "pytorch/eager") is None
    assert stats.summary(one_run, "mlp", "keras/eager", "train_step_ms") is None
    zero = document({"pytorch/eager": [1.0, 1.1], "keras/eager": [3.0, 3.1]})
    zero["results"][0]["repeats"][0]["peak_above_baseline_mib"] = 0.0
    assert stats.compare(zero, "mlp", "peak_above_baseline_mib", "keras/eager",
                         "pytorch/eager") is None


def test_runs_pair_by_their_round():
    doc = document({"pytorch/eager": [1.0, 2.0, 4.0], "keras/eager": [2.0, 4.0, 8.0]})
    for i, run in enumerate(doc["results"][1]["repeats"]):
        run["round"] = i
    for run, round_ in zip(doc["results"][0]["repeats"], [0, 1, 2], strict=True):
        run["round"] = round_
    doc["results"][0]["repeats"].reverse()  # stored out of order: still paired by round
    found = stats.compare(doc, "mlp", "train_step_ms", "keras/eager", "pytorch/eager")
    assert found["ratio"] == pytest.approx(2.0) and found["high"] == pytest.approx(2.0)


def test_verdicts_read_each_measure_from_each_repeat():
    doc = document({"pytorch/eager": [1.0, 1.1, 0.9], "keras/eager": [3.0, 3.3, 2.7],
                    "tensorflow/eager": [1.0, 1.2, 0.8]})
    found = stats.verdicts(doc)
    assert found["mlp: training step, keras/eager vs pytorch/eager"] == "higher"
    assert found["mlp: training step, tensorflow/eager vs pytorch/eager"] == "within variation"
    assert found["mlp: training step, keras/eager vs tensorflow/eager"] == "higher"
    assert found["mlp: latency p50, keras/eager vs pytorch/eager"] == "within variation"
    # The fastest as a set, in a fixed order, whichever of the tied two has the lower mean.
    assert found["mlp: fastest training step"] == "pytorch/eager, tensorflow/eager"


def write(tmp_path, name: str, doc: dict) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return str(path)


def test_compare_reports_each_verdict_and_the_agreement(tmp_path, capsys):
    one = document({"pytorch/eager": [1.0, 1.1, 0.9], "keras/eager": [3.0, 3.3, 2.7]})
    two = document({"pytorch/eager": [1.2, 1.0, 1.1], "keras/eager": [3.5, 3.1, 3.2]})
    assert compare.main([write(tmp_path, "a.json", one), write(tmp_path, "b.json", two)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == f"{len(lines) - 1} of {len(lines) - 1} verdicts agree"
    assert all(line.startswith("agree ") for line in lines[:-1])


def test_compare_fails_when_a_verdict_differs(tmp_path, capsys):
    one = document({"pytorch/eager": [1.0, 1.1, 0.9], "keras/eager": [3.0, 3.3, 2.7]})
    two = document({"pytorch/eager": [1.0, 1.1, 0.9], "keras/eager": [0.5, 3.0, 1.0]})
    assert compare.main([write(tmp_path, "a.json", one), write(tmp_path, "b.json", two)]) == 1
    out = capsys.readouterr().out
    assert ("differ  mlp: training step, keras/eager vs pytorch/eager: higher | within "
            "variation") in out
    lines = out.strip().splitlines()
    agree = sum(line.startswith("agree ") for line in lines[:-1])
    assert 0 < agree < len(lines) - 1
    assert lines[-1] == f"{agree} of {len(lines) - 1} verdicts agree"


def on_machine(doc: dict, flags: list[str]) -> dict:
    return doc | {"machine": {"device": "cpu", "device_name": "AMD EPYC",
                              "cpu": {"logical_cpus": 2, "flags": flags}}}


def test_compare_says_when_the_runs_come_from_different_machines(tmp_path, capsys):
    """A virtual machine may name only the processor family; the flags tell two apart, and a
    verdict that differs between machines need not be chance."""
    one = document({"pytorch/eager": [1.0, 1.1, 0.9], "keras/eager": [3.0, 3.3, 2.7]})
    same = [on_machine(one, ["avx2", "rdseed"]), on_machine(one, ["rdseed", "avx2"])]
    assert compare.main([write(tmp_path, "a.json", same[0]), write(tmp_path, "b.json",
                                                                   same[1])]) == 0
    assert "different machines" not in capsys.readouterr().out
    other = on_machine(one, ["avx2", "avx_vnni"])
    assert compare.main([write(tmp_path, "a.json", same[0]), write(tmp_path, "c.json",
                                                                   other)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("note: the runs were made on different machines")
    assert "only in the first: rdseed; only in the second: avx_vnni" in first


def test_compare_names_a_file_it_cannot_read(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(SystemExit, match="broken.json: cannot read a benchmark run"):
        compare.main([str(broken), str(broken)])


def test_the_margin_the_page_states_is_the_one_the_rule_applies():
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    percent = round((stats.MARGIN - 1) * 100)
    stated = {int(n) for pair in re.findall(r"(\d+)% margin|difference of (\d+)%", page)
              for n in pair if n}
    assert stated == {percent}, f"the page states a margin of {stated}%, the rule {percent}%"
    assert page.count(f"at least {stats.MARGIN:g} (or at most 1/{stats.MARGIN:g})") >= 1
