"""The benchmark harness works and every implementation computes the same thing (quick mode; no
assertion on wall-clock time); it survives a configuration that hangs or prints nothing (fake
workers), fills torch.compile's cache in a cold process first; the published results pass the
schema the build enforces, and a results file from a GPU is accepted beside them."""

from __future__ import annotations

import copy
import gzip
import itertools
import json
import math
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

# One test worker runs the whole module: most of its tests share the quick run (a session
# fixture of about a minute), which each worker would otherwise run for its share of them.
pytestmark = pytest.mark.xdist_group("bench-quick")


@pytest.fixture(scope="session")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--device", "cpu", "--out",
         str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(out.read_text()), out


def test_quick_run_measures_every_configuration_and_sweep(quick_run):
    document, _ = quick_run
    results = document["results"]
    assert {f"{r['framework']}/{r['mode']}" for r in results} == set(_benchmarks.CONFIGS)
    assert not [r["error"] for r in results if r["error"]]
    for i, result in enumerate(results):  # every field the page reads is there and valid
        _benchmarks.check_result(dict(result, cold={"error": "a quick run fills no cache"}),
                                 f"results[{i}].", 1)
    assert len(document["sweeps"]) == 2 * len(bench_run.SWEEP_CONFIGS)
    for i, sweep in enumerate(document["sweeps"]):
        _benchmarks.check_sweep(sweep, f"sweeps[{i}].", 1)
        setting = {"batch": "sweep_batches", "width": "sweep_widths"}[sweep["axis"]]
        assert [p["value"] for p in sweep["repeats"][0]] == sorted(bench_run.QUICK[setting])
    assert document["machine"]["threads"] == {"intra_op": 1, "inter_op": 1}
    assert set(document["machine"]["versions"]) >= {"torch", "tensorflow", "keras"}


def test_quick_run_records_the_machine_in_full(quick_run):
    document, _ = quick_run
    machine = document["machine"]
    assert machine["device"] in ("cpu", "cuda") and machine["device_name"]
    assert machine["cpu"]["flags"] and machine["cpu"]["logical_cpus"] >= 1
    assert "config" in machine["builds"]["pytorch"], machine["builds"]["pytorch"]
    assert "build_info" in machine["builds"]["tensorflow"], machine["builds"]["tensorflow"]
    assert len(machine["harness"]["commit"]) == 40
    for moment in ("before", "after"):
        assert len(document["run"][moment]["loadavg"]) == 3
        assert document["run"][moment]["steal_ticks"] is not None


def test_quick_run_publishes_every_timed_sample(quick_run):
    document, out = quick_run
    with gzip.open(out.parent / document["settings"]["raw"], "rt") as stream:
        raw = json.load(stream)["samples"]
    for result in document["results"]:
        key = f"{result['model']}/{result['framework']}/{result['mode']}"
        slices = document["settings"]["slices"]
        for run, samples in zip(result["repeats"], raw[key], strict=True):
            for name, summary in (("train_step_ms", run["train_step_ms"]),
                                  ("latency_ms", run["latency_ms"])):
                # Kept per slice of the lockstep group, every slice timed at least once.
                assert len(samples[name]) == slices and all(samples[name]), (key, name)
                assert sum(len(part) for part in samples[name]) == summary["n"], (key, name)


def test_no_timed_call_compiled_and_every_implementation_agrees(quick_run):
    document, _ = quick_run
    for result in document["results"]:
        for run in result["repeats"]:
            assert run["graphs_compiled_while_timed"] == 0, result
    for model, worst, widest, steps in _benchmarks.parity(document):
        assert steps == bench_run.QUICK["parity_steps"], model
        assert worst <= _benchmarks.PARITY_TOLERANCE, f"{model}: losses differ by {worst:.2e}"
        assert widest <= _benchmarks.OUTPUT_TOLERANCE, f"{model}: outputs differ by {widest:.2e}"


def test_quick_runs_are_not_published(quick_run):
    document, _ = quick_run
    with pytest.raises(_benchmarks.Bad, match="quick run is not published"):
        _benchmarks.check_document(document)


def losses_and_output(model: str, framework: str) -> list:
    """Three eager training steps on one batch, then one inference call, in a process of its own
    (PyTorch and TensorFlow each bundle LLVM, and the two clash in one process)."""
    runner = ("torch_impl.Runner(model, 'eager')" if framework == "pytorch"
              else f"tf_impl.Runner(model, 'eager', {framework!r})")
    code = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(ROOT / "bench")!r})
        import common as c
        import {"torch_impl" if framework == "pytorch" else "tf_impl"}
        model = {model!r}
        runner = {runner}
        g = c.rng()
        batch = runner.data(*c.batch(model, c.MODELS[model]["train_batch"], g))
        one = runner.data(*c.batch(model, 1, g))[0]
        losses = [runner.train_step(*batch) for _ in range(3)]
        print(json.dumps([losses, runner.infer(one).reshape(-1)[:16].tolist()]))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, CUDA_VISIBLE_DEVICES="", TF_CPP_MIN_LOG_LEVEL="3"),
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("model", ["cnn", "transformer"])
def test_every_implementation_of_the_larger_models_computes_the_same_losses(model):
    """The quick run trains the MLP only; the CNN and the decoder are checked here, eager, for
    a few steps and one inference call in each implementation."""
    reference_losses, reference_output = losses_and_output(model, "pytorch")
    for framework in ("keras", "tensorflow"):
        losses, output = losses_and_output(model, framework)
        for a, b in zip(losses, reference_losses, strict=True):
            assert abs(a - b) / abs(b) <= _benchmarks.PARITY_TOLERANCE, (framework, losses)
        assert max(abs(a - b) for a, b in zip(output, reference_output, strict=True)) \
            <= _benchmarks.OUTPUT_TOLERANCE, framework
    assert reference_losses[2] < reference_losses[0], "three steps on one batch lower the loss"


def test_published_results_pass_the_schema_and_show_parity():
    datasets = _benchmarks.datasets()
    assert datasets
    for stem, document in datasets:
        assert {r["model"] for r in document["results"]} == set(_benchmarks.MODELS), stem
        assert document["settings"]["repeats"] >= _benchmarks.MIN_REPEATS
        for model, worst, widest, _ in _benchmarks.parity(document):
            assert worst <= _benchmarks.PARITY_TOLERANCE, f"{stem} {model}: {worst:.2e}"
            assert widest <= _benchmarks.OUTPUT_TOLERANCE, f"{stem} {model}: {widest:.2e}"


def test_a_results_file_from_a_gpu_is_accepted_and_shown_beside_the_others(tmp_path,
                                                                           monkeypatch):
    stem, document = _benchmarks.latest()
    gpu = copy.deepcopy(document)
    gpu["machine"].update(device="cuda", device_name="NVIDIA H200")
    gpu["run"]["label"] = "one NVIDIA H200"
    _benchmarks.check_document(gpu)
    folder = tmp_path / "data" / "benchmarks"
    (folder / "raw").mkdir(parents=True)
    (folder / f"{stem}.json").write_text(json.dumps(document))
    (folder / "cuda-2026-12-01-h200.json").write_text(json.dumps(gpu))
    for name in (f"{stem}.json.gz", "cuda-2026-12-01-h200.json.gz"):
        (folder / "raw" / name).write_bytes(b"")
    gpu["settings"]["raw"] = "raw/cuda-2026-12-01-h200.json.gz"
    (folder / "cuda-2026-12-01-h200.json").write_text(json.dumps(gpu))
    monkeypatch.setattr(_benchmarks.d, "ROOT", tmp_path)
    page = _benchmarks.render_results() + _benchmarks.render_environment()
    assert "one NVIDIA H200" in page and document["run"]["label"] in page
    assert "CUDA (NVIDIA H200)" in page
    charts = _benchmarks.generated_files()
    assert any("cuda-2026-12-01-h200" in path for path in charts)


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


def test_the_memory_of_a_workers_children_is_measured(tmp_path):
    worker = fake_worker(tmp_path, """
        import json, subprocess, sys
        code = "b = bytearray(200 * 2**20); import time; time.sleep(1.5)"
        subprocess.run([sys.executable, "-c", code], check=True)
        print(json.dumps({"train_step_ms": {"median": 1.0}}))
    """)
    result = bench_run.run_config("pytorch", "compile", "mlp", bench_run.QUICK, worker=worker)
    assert result["error"] is None
    assert 200 <= result["compiler_workers_mib"] < 300, result


@pytest.mark.parametrize("code,error", [
    ("pass", "printed no result (exit code 0, empty output)"),
    ("print('warming up')", "printed no result: its last line is 'warming up', not a JSON object"),
    ("import sys; sys.exit('worker: no such model')", "exited with code 1: worker: no such model"),
], ids=["prints nothing", "prints no JSON", "fails"])
def test_a_configuration_without_a_result_is_recorded_as_failed(tmp_path, code, error):
    result = bench_run.run_config(
        "keras", "xla", "cnn", bench_run.QUICK, worker=fake_worker(tmp_path, code)
    )
    assert result["error"] == error
    assert (result["model"], result["framework"], result["mode"]) == ("cnn", "keras", "xla")


def test_a_run_whose_configurations_all_fail_still_writes_its_results(tmp_path, monkeypatch,
                                                                       capsys):
    monkeypatch.setattr(bench_run, "WORKER", fake_worker(tmp_path, "pass"))
    monkeypatch.setattr(bench_run, "framework_builds", dict)  # the quick run checks it
    out = tmp_path / "run.json"
    monkeypatch.setattr(sys, "argv", ["run.py", "--quick", "--device", "cpu", "--out", str(out)])
    assert bench_run.main() == 1
    document = json.loads(out.read_text())
    assert len(document["results"]) == len(_benchmarks.CONFIGS)
    assert {r["error"] for r in document["results"]} == {
        "printed no result (exit code 0, empty output)"}
    assert {s["error"] for s in document["sweeps"]} == {
        "printed no result (exit code 0, empty output)"}
    assert "printed no result" in capsys.readouterr().out


def test_compile_caches_are_filled_by_a_cold_process_and_kept_per_configuration(
        tmp_path, monkeypatch):
    log = tmp_path / "calls.txt"
    worker = fake_worker(tmp_path, f"""
        import json, os, sys
        args = sys.argv
        with open({str(log)!r}, "a") as calls:
            calls.write(json.dumps([args[args.index("--mode") + 1] if "--mode" in args else "",
                                    "--sweep" in args, os.environ["TORCHINDUCTOR_CACHE_DIR"]])
                        + "\\n")
        if "--sweep" in args:
            print(json.dumps({{"points": [{{"axis": "batch", "value": 1}}]}}))
        else:
            print(json.dumps({{"train_step_ms": {{"median": 1.0}}, "first_step_ms": 5.0,
                              "first_result_s": 1.0, "samples": {{}}}}))
    """)
    monkeypatch.setattr(bench_run, "WORKER", worker)
    monkeypatch.setattr(bench_run, "framework_builds", dict)  # the quick run checks it
    monkeypatch.setattr(bench_run, "QUICK", dict(bench_run.QUICK, cold=True, repeats=2, jobs=1))
    out = tmp_path / "run.json"
    monkeypatch.setattr(sys, "argv", ["run.py", "--quick", "--device", "cpu", "--out", str(out)])
    assert bench_run.main() == 0
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    compiled = {"compile", "compile-tuned"}
    first = [mode for mode, _, _ in calls[:2]]
    assert sorted(first) == sorted(compiled), "the cold processes run before any measurement"
    caches = {}
    for mode, sweep, cache in calls:
        if mode in compiled and not sweep:
            caches.setdefault(mode, set()).add(cache)
    assert all(len(found) == 1 for found in caches.values()), caches
    assert caches["compile"] != caches["compile-tuned"]
    others = {cache for mode, sweep, cache in calls if mode not in compiled or sweep}
    assert not others & (caches["compile"] | caches["compile-tuned"])
    document = json.loads(out.read_text())
    cold = [r["cold"] for r in document["results"] if r["mode"] in compiled]
    assert cold == [{"first_step_ms": 5.0, "first_result_s": 1.0,
                     "compiler_workers_mib": cold[0]["compiler_workers_mib"]}] * 2


def test_the_method_text_states_the_harness_settings():
    """The Performance page's Method section quotes the full run's settings; a change to
    bench/run.py must change the page too."""
    text = " ".join((ROOT / "docs" / "performance.md").read_text(encoding="utf-8").split())
    full = bench_run.FULL
    assert full["latency_s"] == full["throughput_s"], "the page gives one window for both"
    # At least parity's timed steps, the same number in each slice (bench/worker.py's sliced).
    timed = full["slices"] * -(-(full["parity_steps"] - 1 - full["warmup_steps"]) // full["slices"])
    for phrase in [
        f"a window of {full['train_s']:g} seconds or {timed} timed steps, whichever is longer, in "
        f"{full['slices']} slices, after the first step and {full['warmup_steps']} warm-up steps",
        f"each over a window of {full['latency_s']:g} seconds in {full['slices']} slices",
        f"every timed window is cut into {full['slices']} slices",
        f"{full['sweep_repeats']} runs each (in the first {full['sweep_repeats']} rounds",
        f"timed over {full['sweep_train_s']:g} seconds after {full['sweep_warmup_s']:g} seconds "
        "of warm-up",
        f"Every configuration runs in {full['repeats']} fresh processes",
        f"the first {full['parity_steps']} training steps (the first step, "
        f"{full['warmup_steps']} warm-up steps and the next "
        f"{full['parity_steps'] - 1 - full['warmup_steps']}, timed or opening a slice)",
    ]:
        assert phrase in text, phrase


LOCKSTEP_WORKER = """
    import json, sys, time
    sys.path.insert(0, {bench!r})
    from worker import Gate, sliced
    mode = sys.argv[sys.argv.index("--mode") + 1]
    slices = int(sys.argv[sys.argv.index("--slices") + 1])
    log = open({log!r}, "a")

    def note(what):
        log.write(f"{{time.monotonic()}} {{mode}} {{what}}\\n")
        log.flush()

    note("start")
    if mode == "xla":
        sys.exit("worker: broke before its first slice")
    gate = Gate()
    note("ready")
    gate.done()
    calls = []
    for window in ("train", "latency", "throughput"):
        if mode == "function" and window == "latency" and {hang}:
            time.sleep(120)  # hangs in the middle of its timed windows
        sliced(gate, lambda: (calls.append(1), note(window)), 0, slices, slices)  # 1 per slice
    gate.wait()  # the last "go": every member has finished its slices
    note("exit")
    print(json.dumps({{"train_step_ms": {{"median": 1.0}}, "calls": len(calls)}}))
"""


def test_a_lockstep_group_starts_its_members_one_by_one_and_interleaves_their_slices(
        tmp_path):
    log = tmp_path / "log.txt"
    worker = fake_worker(tmp_path, LOCKSTEP_WORKER.format(bench=str(ROOT / "bench"),
                                                          log=str(log), hang=False))
    settings = dict(bench_run.FULL, slices=4)
    configs = ["pytorch/eager", "keras/xla", "tensorflow/function"]
    found = bench_run.run_group(configs, "mlp", settings, 60, "cpu", {},
                                bench_run.random.Random(1), worker=worker)
    assert [f"{r['framework']}/{r['mode']}" for r in found] == configs
    assert found[1]["error"] == "exited with code 1: worker: broke before its first slice"
    assert found[0]["error"] is None and found[2]["error"] is None
    # Each slice in a group starts with one untimed call.
    assert found[0]["calls"] == found[2]["calls"] == 3 * 4 * 2, "every slice of every window ran"
    events = [line.split() for line in log.read_text().splitlines()]
    setup = [f"{mode} {what}" for _, mode, what in events[:5]]
    assert setup == ["eager start", "eager ready", "xla start", "function start",
                     "function ready"], "each member starts once the one before is ready"
    turns = [mode for _, mode, what in events[5:] if what != "exit"]
    assert "xla" not in turns and len(turns) == 2 * 3 * 4 * 2
    exits = [i for i, (_, _, what) in enumerate(events) if what == "exit"]
    assert len(exits) == 2 and exits[0] > max(i for i, (_, _, what) in enumerate(events)
                                              if what not in ("exit", "start", "ready")), \
        "no member writes its result or exits before every member has finished its slices"
    switches = sum(a != b for a, b in itertools.pairwise(turns))
    assert switches >= 3 * 4 - 1, f"the two members took turns slice by slice: {turns}"


def test_a_member_that_hangs_mid_group_is_stopped_and_the_others_finish(tmp_path):
    log = tmp_path / "log.txt"
    worker = fake_worker(tmp_path, LOCKSTEP_WORKER.format(bench=str(ROOT / "bench"),
                                                          log=str(log), hang=True))
    settings = dict(bench_run.FULL, slices=3)
    configs = ["pytorch/eager", "tensorflow/function"]
    found = bench_run.run_group(configs, "mlp", settings, 4, "cpu", {},
                                bench_run.random.Random(2), worker=worker)
    assert found[1]["error"] == ("timed out after 4 s (the limit per configuration; see "
                                 "--timeout)")
    assert found[0]["error"] is None and found[0]["calls"] == 3 * 3 * 2


def test_a_worker_outside_a_group_runs_each_window_in_one_piece(monkeypatch):
    import worker as bench_worker

    monkeypatch.delenv("BENCH_GATE_FDS", raising=False)
    gate = bench_worker.Gate()
    calls = []
    samples = bench_worker.sliced(gate, lambda: calls.append(1), 0, 7, 10)
    assert [len(part) for part in samples] == [7] and len(calls) == 7, "one slice, all timed"


SLICE_WINDOWS = {"train_step_ms": "training steps", "throughput_batch_ms": "throughput batches",
                 "latency_ms": "latency at batch 1"}


def slice_costs(doc: dict) -> dict:
    """bench/slices.py's figures for one published run: (window, framework, slice before) ->
    the first timed call's cost over the rest of its slice, as a fraction (0.05 for 5%)."""
    import statistics

    import slices

    with gzip.open(ROOT / "data" / "benchmarks" / doc["settings"]["raw"], "rt") as stream:
        raw = json.load(stream)["samples"]
    return {key: math.exp(statistics.fmean(logs)) - 1
            for key, logs in slices.first_call_ratios(doc, raw).items()}


def test_the_slice_costs_on_the_page_are_those_of_the_two_newest_runs(soups):
    """The Slices caveat quotes bench/slices.py on the two newest runs of the newest machine: the
    range of each window's cost (after a PyTorch or a TensorFlow slice), the cost of a group's
    first slice, and whether a PyTorch slice before costs more than a TensorFlow one. Each run
    rebuilds its groups' order of turns from its seed; the figures are checked here, so a new
    run that changes them fails until the page says what the new runs show."""
    newest = _benchmarks.latest()[1]
    runs = [_benchmarks.earlier_runs(newest)[0], newest]
    costs = [slice_costs(doc) for doc in runs]
    text = next(li.get_text(" ", strip=True) for li in soups["performance.md"].select("article li")
                if li.get_text().startswith("Slices, not one window."))
    text = " ".join(text.split())
    assert f"({runs[0]['run']['label']} and {runs[1]['run']['label']})" in text, text
    for window, words in SLICE_WINDOWS.items():
        found = [c for cost in costs for (w, _, before), c in cost.items()
                 if w == window and before != "first of its group"]
        span = f"{round(100 * min(found))}% to {round(100 * max(found))}%"
        assert f"{span} longer than the median of the rest of its slice for {words}" in text \
            or f"{span} for {words}" in text, (window, span, text)
    first = [c for cost in costs for (w, _, before), c in cost.items()
             if before == "first of its group" and w == "train_step_ms"]
    assert (f"the first slice of a group, {round(100 * min(first))}% to "
            f"{round(100 * max(first))}% for training steps") in text, (first, text)
    excess = [cost[(w, f, "after PyTorch")] - cost[(w, f, "after TensorFlow")]
              for cost in costs for (w, f, before) in cost if before == "after PyTorch"
              and (w, f, "after TensorFlow") in cost]
    points = math.ceil(100 * max(0.0, *excess))
    unit = "percentage point" if points == 1 else "percentage points"
    assert (f"a PyTorch slice before it added at most {points} {unit} over a TensorFlow one"
            in text), (excess, text)


def test_runs_are_grouped_by_machine_and_the_page_says_which_ran_where(soups):
    """Machines are told apart by their records (the processor flags, where the name is one
    family's); the page's account of which runs ran on which machine must match."""
    groups = [(letter, [o["run"]["label"] for o in runs]) for letter, runs in
              _benchmarks.machines()]
    assert groups == [("A", ["2-core CPU, run 5", "2-core CPU, run 6"]),
                      ("B", ["2-core CPU, run 7", "2-core CPU, run 8"])], groups
    text = " ".join(soups["performance.md"].find(id="reproduction").find_next("p").get_text(
        " ", strip=True).split())
    assert "Four full runs are published" in text
    assert "runs 5 and 6 one after the other on one virtual machine (machine A" in text
    assert "runs 7 and 8 one after the other, later that day, on another (machine B)" in text


def test_a_verdict_names_the_runs_that_disagree_on_its_machine_and_on_others(monkeypatch):
    """'not settled' for a re-run on the same machine, 'on machine B' for another machine."""
    def doc(label: str, flags: list[str]) -> dict:
        return {"run": {"label": label}, "machine": {"device": "cpu", "device_name": "x",
                                                     "cpu": {"logical_cpus": 2, "flags": flags}}}

    a1, a2, b1 = doc("a1", ["avx2"]), doc("a2", ["avx2"]), doc("b1", ["avx512f"])
    monkeypatch.setattr(_benchmarks, "datasets", lambda where=None: [("a1", a1), ("a2", a2),
                                                                   ("b1", b1)])
    outcome = {"a1": "lower", "a2": "within variation", "b1": "higher"}
    notes = _benchmarks.disagreeing(a2, lambda o: outcome[o["run"]["label"]],
                                    "within variation")
    assert notes == " [not settled: a1 gives lower] [on machine B: b1 gives higher]"
    same = _benchmarks.disagreeing(b1, lambda o: outcome[o["run"]["label"]], "higher")
    assert same == " [on machine A: a1 gives lower; a2 gives within variation]"
    assert _benchmarks.flags_unlike(a1) == "has avx2; lacks avx512f"
