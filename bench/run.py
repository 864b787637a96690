"""The benchmark harness: the same three models in PyTorch and TensorFlow, in every execution
mode, each configuration measured in a fresh process. Writes one JSON file per run and machine
into data/benchmarks/, which the build validates and the Performance page draws.

    .venv/bin/python bench/run.py                 # full run (about 5 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick --out /tmp/quick.json   # under a minute; the tests use it

Timings are medians and interquartile ranges after a warm-up. Thread counts are fixed and the
same for both frameworks. torch.compile gets an empty compiler cache for each configuration, so
its first-step time includes a cold compile, as a reader's first run would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONFIGS = [  # (framework, mode)
    ("pytorch", "eager"),
    ("pytorch", "compile"),
    ("tensorflow", "eager"),
    ("tensorflow", "function"),
    ("tensorflow", "xla"),
]
# `repeats` runs every configuration that many times, interleaved, to show the variation between
# runs on a shared machine as well as within one.
FULL = {"models": ["mlp", "cnn", "transformer"], "threads": 2, "jobs": 1, "repeats": 3,
        "warmup": 50, "steps": 500, "latency_calls": 500, "throughput_calls": 50}
QUICK = {"models": ["mlp"], "threads": 1, "jobs": 2, "repeats": 1, "warmup": 2, "steps": 5,
         "latency_calls": 5, "throughput_calls": 3}
WORKER = HERE / "worker.py"
# Seconds one configuration may run before it is stopped and recorded as failed (--timeout).
TIMEOUT_S = {"full": 1800, "quick": 300}
PER_RUN = ("train_step_ms", "first_step_ms", "latency_ms", "throughput_per_s", "peak_rss_mb")


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def environment(settings: dict) -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "logical_cpus": os.cpu_count(),
        "threads": {"intra_op": settings["threads"], "inter_op": 1},
        "device": "cpu",
        "versions": {name: version(name) for name in ("torch", "tensorflow-cpu", "keras", "numpy")},
    }


def run_config(framework: str, mode: str, model: str, settings: dict,
               timeout: float = TIMEOUT_S["full"], worker: Path | None = None) -> dict:
    """Measures one configuration in a fresh process. A process that fails, runs past `timeout`
    seconds or prints no result is recorded as a failed configuration, with the reason."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(
            os.environ,
            OMP_NUM_THREADS=str(settings["threads"]),
            TF_CPP_MIN_LOG_LEVEL="3",
            CUDA_VISIBLE_DEVICES="",
            TORCHINDUCTOR_CACHE_DIR=os.path.join(cache, "inductor"),
            TRITON_CACHE_DIR=os.path.join(cache, "triton"),
        )
        command = [
            sys.executable, str(worker or WORKER), "--framework", framework, "--mode", mode,
            "--model", model, "--threads", str(settings["threads"]),
            "--warmup", str(settings["warmup"]), "--steps", str(settings["steps"]),
            "--latency-calls", str(settings["latency_calls"]),
            "--throughput-calls", str(settings["throughput_calls"]),
        ]
        start = time.perf_counter()
        # A session of its own, so that a timeout also stops the compiler workers it started.
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
            problem = None
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            problem = f"timed out after {timeout:g} s (the limit per configuration; see --timeout)"
        seconds = time.perf_counter() - start
    lines = stdout.strip().splitlines()
    if problem is None and process.returncode != 0:
        last = (stderr.strip().splitlines() or ["no message"])[-1]
        problem = f"exited with code {process.returncode}: {last}"
    elif problem is None and not lines:
        problem = "printed no result (exit code 0, empty output)"
    if problem is None:
        try:
            result = json.loads(lines[-1])
        except json.JSONDecodeError:
            result = None
        if not isinstance(result, dict):
            problem = f"printed no result: its last line is {lines[-1][:100]!r}, not a JSON object"
    if problem is not None:
        result = {"model": model, "framework": framework, "mode": mode, "error": problem[:300]}
    result["wall_s"] = round(seconds, 1)
    return result


def combine(runs: list[dict]) -> dict:
    """One configuration's repeats: the run with the median training-step time stands for the
    configuration, and each measure's value in every run is kept beside it."""
    failed = [r for r in runs if r.get("error")]
    if failed:
        return failed[0]
    ordered = sorted(runs, key=lambda r: r["train_step_ms"]["median"])
    typical = dict(ordered[len(ordered) // 2])
    for key in PER_RUN:
        typical[f"{key}_runs"] = [
            r[key]["median"] if isinstance(r[key], dict) else r[key] for r in runs
        ]
    typical["wall_s"] = round(sum(r["wall_s"] for r in runs), 1)
    return typical


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a small run that proves the harness works")
    parser.add_argument("--out", type=Path,
                        help="output file (default: data/benchmarks/cpu-<date>.json)")
    parser.add_argument("--label", default="CPU, 2 cores (the project's development machine)",
                        help="how the page names this machine")
    parser.add_argument("--timeout", type=float,
                        help="seconds each configuration may run (default: "
                             f"{TIMEOUT_S['full']}, with --quick {TIMEOUT_S['quick']})")
    args = parser.parse_args()
    settings = dict(QUICK if args.quick else FULL)
    timeout = args.timeout or TIMEOUT_S["quick" if args.quick else "full"]
    today = dt.date.today().isoformat()
    out = args.out or ROOT / "data" / "benchmarks" / f"cpu-{today}.json"

    jobs = [(f, m, model) for model in settings["models"] for f, m in CONFIGS]
    start = time.perf_counter()
    runs: dict[tuple, list[dict]] = {job: [] for job in jobs}
    with ThreadPoolExecutor(max_workers=settings["jobs"]) as pool:
        for _ in range(settings["repeats"]):
            measured = pool.map(lambda job: run_config(*job, settings, timeout), jobs)
            for job, result in zip(jobs, measured, strict=True):
                runs[job].append(result)
    results = [combine(runs[job]) for job in jobs]
    for r in results:
        status = r["error"] or (f"train {r['train_step_ms']['median']:.3f} ms, first step "
                                f"{r['first_step_ms']:.0f} ms")
        print(f"{r['wall_s']:7.1f} s  {r['model']:<12} {r['framework']:<11} {r['mode']:<9} "
              f"{status}")
    document = {
        "schema": 1,
        "run": {"date": today, "quick": args.quick, "label": args.label,
                "wall_s": round(time.perf_counter() - start, 1)},
        "environment": environment(settings),
        "settings": ({k: v for k, v in settings.items() if k != "models"}
                     | {"models": settings["models"]}),
        "results": results,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} in {document['run']['wall_s']} s")
    return 1 if any(r["error"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
