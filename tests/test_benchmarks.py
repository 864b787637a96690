"""The benchmark harness works and learns the same way in both frameworks (quick mode; no
assertion on wall-clock time), survives a configuration that hangs or prints nothing (with fake
workers), and the published results pass the schema the build enforces."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import _benchmarks
import run as bench_run
from conftest import ROOT


@pytest.fixture(scope="session")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(out.read_text())


def test_quick_run_measures_every_configuration(quick_run):
    results = quick_run["results"]
    configs = {(r["framework"], r["mode"]) for r in results}
    assert configs == set(_benchmarks.CONFIGS)
    assert not [result for result in results if result["error"]]
    # Every field the page shows is there and valid (the rule against quick runs aside).
    _benchmarks.check_document(dict(quick_run, run=dict(quick_run["run"], quick=False)))
    env = quick_run["environment"]
    assert env["threads"] == {"intra_op": 1, "inter_op": 1}
    assert set(env["versions"]) >= {"torch", "tensorflow-cpu", "keras"}


def test_quick_run_shows_loss_parity_between_frameworks(quick_run):
    for model, worst, steps in _benchmarks.parity(quick_run):
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


# bench/run.py with fake workers: one configuration that hangs or prints nothing must not stop the
# run, and is recorded as a failure that says why.

def fake_worker(tmp_path: Path, code: str) -> Path:
    worker = tmp_path / "worker.py"
    worker.write_text(textwrap.dedent(code), encoding="utf-8")
    return worker


def gone(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return not status.exists() or "\nState:\tZ" in status.read_text()


def test_a_configuration_that_hangs_is_stopped_with_its_children_and_recorded(tmp_path):
    pid_file = tmp_path / "child.pid"
    worker = fake_worker(tmp_path, f"""
        import subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
        time.sleep(120)
    """)
    # In a thread, so that a run_config that waits for the worker's children to end (they hold
    # its output open for two minutes) fails here instead of passing late.
    returned = []

    def run():
        try:
            returned.append(bench_run.run_config(
                "pytorch", "compile", "mlp", bench_run.QUICK, timeout=2, worker=worker))
        except Exception as error:  # raised again below, in the test's own thread
            returned.append(error)

    call = threading.Thread(target=run, daemon=True)
    call.start()
    call.join(timeout=15)
    result = returned[0] if returned else None
    if call.is_alive() or isinstance(result, Exception):
        if pid_file.exists() and not gone(int(pid_file.read_text())):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)  # clean up after a failure
        if result is None:
            pytest.fail("run_config did not return within 15 s of its 2 s limit: the worker's "
                        "children were left running")
        raise result
    assert result["error"] == "timed out after 2 s (the limit per configuration; see --timeout)"
    assert (result["model"], result["framework"], result["mode"]) == ("mlp", "pytorch", "compile")
    assert gone(int(pid_file.read_text())), "the worker's child process was left running"


@pytest.mark.parametrize("code,error", [
    ("pass", "printed no result (exit code 0, empty output)"),
    ("print('warming up')", "printed no result: its last line is 'warming up', not a JSON object"),
    ("import sys; sys.exit('worker: no such model')", "exited with code 1: worker: no such model"),
], ids=["prints nothing", "prints no JSON", "fails"])
def test_a_configuration_without_a_result_is_recorded_as_failed(tmp_path, code, error):
    result = bench_run.run_config(
        "tensorflow", "xla", "cnn", bench_run.QUICK, worker=fake_worker(tmp_path, code)
    )
    assert result["error"] == error
    assert (result["model"], result["framework"], result["mode"]) == ("cnn", "tensorflow", "xla")


def test_a_run_whose_configurations_all_fail_still_writes_its_results(tmp_path, monkeypatch,
                                                                       capsys):
    monkeypatch.setattr(bench_run, "WORKER", fake_worker(tmp_path, "pass"))
    out = tmp_path / "run.json"
    monkeypatch.setattr(sys, "argv", ["run.py", "--quick", "--out", str(out)])
    assert bench_run.main() == 1
    results = json.loads(out.read_text())["results"]
    assert len(results) == len(bench_run.CONFIGS)
    assert {r["error"] for r in results} == {"printed no result (exit code 0, empty output)"}
    assert "printed no result" in capsys.readouterr().out
