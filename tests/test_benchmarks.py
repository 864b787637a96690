"""The benchmark harness works and learns the same way in both frameworks (quick mode; no
assertion on wall-clock time), and the published results pass the schema the build enforces."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import _benchmarks  # noqa: E402


@pytest.fixture(scope="session")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(out.read_text())


def test_quick_run_measures_every_configuration(quick_run):
    results = quick_run["results"]
    configs = {(r["framework"], r["mode"]) for r in results}
    assert configs == set(_benchmarks.CONFIGS)
    for index, result in enumerate(results):
        assert not result["error"], result
        _benchmarks.check_result(result, f"results[{index}].")
        assert result["first_step_ms"] > 0 and result["peak_rss_mb"] > result["rss_after_setup_mb"] * 0.5
    env = quick_run["environment"]
    assert env["threads"] == {"intra_op": 1, "inter_op": 1}
    assert set(env["versions"]) >= {"torch", "tensorflow-cpu", "keras"}


def test_quick_run_shows_loss_parity_between_frameworks(quick_run):
    document = dict(quick_run, settings=quick_run["settings"])
    for model, worst, steps in _benchmarks.parity(document):
        assert steps >= 5, model
        assert worst <= _benchmarks.PARITY_TOLERANCE, f"{model}: losses differ by {worst:.2e}"


def test_quick_runs_are_not_published(quick_run):
    with pytest.raises(_benchmarks.Bad, match="quick run is not published"):
        _benchmarks.check_document(quick_run)


def test_published_results_pass_the_schema_and_show_parity():
    datasets = _benchmarks.datasets()
    assert datasets
    for stem, document in datasets:
        assert document["environment"]["device"] == "cpu", stem
        assert {r["model"] for r in document["results"]} == set(_benchmarks.MODELS)
        for model, worst, _ in _benchmarks.parity(document):
            assert worst <= _benchmarks.PARITY_TOLERANCE, f"{stem} {model}: {worst:.2e}"
