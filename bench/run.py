"""The benchmark harness: the same three models in PyTorch, Keras 3 (TensorFlow backend) and
plain TensorFlow, in every execution mode, each configuration measured in several fresh
processes, one per round. In a round the configurations of a model run as a lockstep group
(run_group): started one by one in a random order, then taking turns, slice by slice, through
their timed windows, so that the machine's drift falls on all of them alike. Writes a summary to
data/benchmarks/<name>.json, which the build validates and the Performance page draws, and
every timed sample to data/benchmarks/raw/<name>.json.gz.

    .venv/bin/python bench/run.py --label "my laptop"     # full run, about 31 minutes on 2 cores
    .venv/bin/python bench/run.py --quick --out /tmp/quick.json    # under a minute; for the tests

torch.compile keeps one compiler cache per configuration for the whole run: a first, untimed
"cold" process fills it (its first step, with an empty cache, is reported on its own), and every
repeat then starts with it filled, as a script run a second time does. Latency and throughput
windows are set by time, not by call count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import common

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORKER = HERE / "worker.py"
CONFIGS = [  # framework/mode, run for every model
    "pytorch/eager", "pytorch/compile", "keras/eager", "keras/xla", "tensorflow/eager",
    "tensorflow/function",
]
EXTRA = {"transformer": ["pytorch/compile-tuned"]}  # tuned settings: the largest model only
SWEEP_CONFIGS = ["pytorch/eager", "tensorflow/eager"]
# jobs: tasks at a time (1 for measurements; the quick run only checks that all works).
# slices: turns per timed window in a lockstep group; staggered: each member of a group starts
# once the one before is ready (the quick run starts them together, to be quick).
# cold: fill torch.compile's caches first, in an untimed process per configuration.
FULL = {"models": ["mlp", "cnn", "transformer"], "threads": 2, "jobs": 1, "cold": True,
        "repeats": 7, "warmup_steps": 10, "slices": 10, "staggered": True,
        "train_s": 0.5, "latency_s": 2.0, "throughput_s": 2.0, "parity_steps": 30,
        "sweep_repeats": 5, "sweep_threads": [1, 2], "sweep_warmup_s": 0.05,
        "sweep_train_s": 0.25,
        "sweep_batches": None, "sweep_widths": None}
QUICK = {"models": ["mlp"], "threads": 1, "jobs": 2, "cold": False, "repeats": 1,
         "warmup_steps": 2, "slices": 2, "staggered": False, "train_s": 0.05,
         "latency_s": 0.05, "throughput_s": 0.05, "parity_steps": 8, "sweep_repeats": 1,
         "sweep_threads": [1],
         "sweep_warmup_s": 0.01, "sweep_train_s": 0.02, "sweep_batches": [1, 16],
         "sweep_widths": [64, 256]}
# Seconds one process may run before it is stopped and recorded as failed (--timeout).
TIMEOUT_S = {"full": 900, "quick": 300}
SAMPLE_EVERY_S = 0.1  # how often the memory of the compiler's worker processes is read
SLICE_LIMIT_S = 300  # one slice of a lockstep group that takes longer has hung: it is stopped


def configs_for(model: str, quick: bool) -> list[str]:
    extra = ["pytorch/compile-tuned"] if quick else EXTRA.get(model, [])
    return CONFIGS + extra


# The machine, recorded in full so that a reader can tell whether their results should match.

def read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def cpu_info() -> dict:
    fields = {}
    for line in read("/proc/cpuinfo").splitlines():
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    flags = fields.get("flags", "").split()
    return {
        "model": fields.get("model name") or platform.processor() or "unknown",
        "logical_cpus": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)),
        "cores_per_socket": int(fields["cpu cores"]) if "cpu cores" in fields else None,
        "siblings_per_socket": int(fields["siblings"]) if "siblings" in fields else None,
        "hypervisor_flag": "hypervisor" in flags,
        "flags": flags,
    }


def virtualization() -> str:
    tool = shutil.which("systemd-detect-virt")
    if tool:
        done = subprocess.run([tool], capture_output=True, text=True)
        return done.stdout.strip() or "none"
    return "unknown (systemd-detect-virt not installed)"


def load_and_steal() -> dict:
    """Load averages, and the CPU time stolen by the hypervisor so far (USER_HZ ticks)."""
    cpu = read("/proc/stat").splitlines()[0].split()
    return {"loadavg": [float(x) for x in os.getloadavg()],
            "steal_ticks": int(cpu[8]) if len(cpu) > 8 else None,
            "total_ticks": sum(int(x) for x in cpu[1:]),
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}


BUILD_INFO = {
    "pytorch": "import json, torch; print(json.dumps({'config': torch.__config__.show(), "
               "'parallel': torch.__config__.parallel_info(), "
               "'mkldnn': torch.backends.mkldnn.is_available(), "
               "'cuda': torch.cuda.is_available()}))",
    "tensorflow": "import json, tensorflow as tf; print(json.dumps({'build_info': "
                  "{k: str(v) for k, v in tf.sysconfig.get_build_info().items()}, "
                  "'gpus': [d.name for d in tf.config.list_physical_devices('GPU')]}))",
}


def framework_builds() -> dict:
    """Each framework's build configuration, from a process of its own."""
    def describe(code: str) -> dict:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"), timeout=300)
        lines = done.stdout.strip().splitlines()
        return json.loads(lines[-1]) if done.returncode == 0 and lines else {
            "error": (done.stderr.strip().splitlines() or ["no output"])[-1]}

    with ThreadPoolExecutor(max_workers=len(BUILD_INFO)) as pool:  # both at once
        out = dict(zip(BUILD_INFO, pool.map(describe, BUILD_INFO.values()), strict=True))
    out["tensorflow"]["onednn_opts"] = os.environ.get(
        "TF_ENABLE_ONEDNN_OPTS", "unset (TensorFlow's default: on for x86 Linux builds)")
    return out


def git_state(paths: tuple[str, ...] = ("bench",)) -> dict:
    """The commit, and whether the given paths (the harness, by default) had uncommitted
    changes."""
    def git(*args):
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else None

    changed = git("status", "--porcelain", "--", *paths)
    return {"commit": git("rev-parse", "HEAD"), "bench_changed": bool(changed)}


def machine(device: str, threads: int) -> dict:
    memory = next((line.split()[1] for line in read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal:")), None)
    return {
        "device": device,
        "device_name": None,
        "cpu": cpu_info(),
        "memory_mib": round(int(memory) / 1024) if memory else None,
        "virtualization": virtualization(),
        "kernel": platform.release(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "threads": {"intra_op": threads, "inter_op": 1},
        "versions": versions(),
        "builds": framework_builds(),
        "harness": git_state(),
    }


def versions() -> dict:
    """Installed versions; TensorFlow under whichever distribution provides it (the CPU build,
    tensorflow-cpu, here; tensorflow on a machine with a GPU)."""
    out = {name: version(name) for name in ("torch", "keras", "numpy")}
    for distribution in ("tensorflow-cpu", "tensorflow"):
        try:
            out["tensorflow"] = version(distribution)
            out["tensorflow_distribution"] = distribution
            break
        except PackageNotFoundError:
            continue
    return out


def gpu_record() -> dict:
    """The GPU, its driver and CUDA versions, as PyTorch and nvidia-smi report them."""
    code = ("import json, torch; print(json.dumps({'name': torch.cuda.get_device_name(0), "
            "'cuda': torch.version.cuda, 'cudnn': torch.backends.cudnn.version()}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    record = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else {}
    smi = shutil.which("nvidia-smi")
    if smi:
        query = subprocess.run([smi, "--query-gpu=driver_version,clocks.max.sm,memory.total",
                                "--format=csv,noheader"], capture_output=True, text=True)
        record["nvidia_smi"] = query.stdout.strip()
    return record


def cuda_name() -> str | None:
    code = "import torch; print(torch.cuda.get_device_name(0) if torch.cuda.is_available() else '')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return done.stdout.strip() or None


# One process: run it, watch its children's memory, and stop it (with them) on a timeout.

def stat_fields(path: str) -> list[str]:
    """The fields of a /proc/.../stat file after the process name (which may hold spaces):
    state first, then ppid, pgrp, session and so on; empty when the process is gone."""
    return read(path).rpartition(")")[2].split()


def session_children(session: int, leader: int) -> list[str]:
    """Every process in the session except its leader: the compiler's worker processes, which
    torch.compile starts."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == leader:
            continue
        fields = stat_fields(f"/proc/{entry}/stat")
        if len(fields) > 3 and int(fields[3]) == session:
            out.append(entry)
    return out


def session_uss_mib(session: int, leader: int) -> float:
    """Private memory (unique set size: pages no other process shares) of the session's
    processes except its leader. Unlike the proportional set size, it does not depend on which
    other processes map the same libraries at the time."""
    total_kib = 0
    for entry in session_children(session, leader):
        rollup = read(f"/proc/{entry}/smaps_rollup").splitlines()
        total_kib += sum(int(line.split()[1]) for line in rollup
                         if line.startswith(("Private_Clean:", "Private_Dirty:")))
    return total_kib / 1024


def session_cpu_s(session: int, leader: int) -> float:
    """CPU time used so far by the session's processes except its leader (user and system)."""
    ticks = 0
    for entry in session_children(session, leader):
        fields = stat_fields(f"/proc/{entry}/stat")
        if len(fields) > 12:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def running_threads(pid: int) -> int:
    """How many of a process's threads are on a CPU or waiting for one (state R)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0
    return sum(stat_fields(f"/proc/{pid}/task/{task}/stat")[:1] == ["R"]
               for task in tasks)


def settle(pid: int, cap_s: float = 0.05, poll_s: float = 0.001) -> None:
    """Waits until a process that has said "ok" has no running thread in two polls in a row
    (PyTorch's OpenMP threads spin for a while after their work before they sleep), or cap_s
    seconds, so that its spinning does not run into the next process's slice. Thread states,
    not CPU time: a running thread's CPU-time counter moves only at scheduler ticks."""
    end = time.perf_counter() + cap_s
    quiet = 0
    while quiet < 2 and time.perf_counter() < end:
        quiet = quiet + 1 if running_threads(pid) == 0 else 0
        if quiet < 2:
            time.sleep(poll_s)


class Process:
    """One worker process: started in a session of its own (so that a timeout stops it with
    every process it started), its output in files (a pipe could fill and stall it), and,
    when watch_children, the peak memory of its children (torch.compile's workers), read only
    until the worker marks the start of its timed windows, so that reading costs them nothing.
    With gate, it also gets the two pipes of bench/worker.py's Gate: it takes its turns in a
    lockstep group."""

    def __init__(self, command: list[str], env: dict, watch_children: bool = False,
                 gate: bool = False) -> None:
        self.scratch = tempfile.TemporaryDirectory()
        self.mark = os.path.join(self.scratch.name, "timed")
        self.out = open(os.path.join(self.scratch.name, "out"), "w+")
        self.err = open(os.path.join(self.scratch.name, "err"), "w+")
        env = dict(env, BENCH_TIMED_MARK=self.mark)
        fds = ()
        if gate:
            go_read, self.go = os.pipe()
            self.ok, ok_write = os.pipe()
            fds = (go_read, ok_write)
            env["BENCH_GATE_FDS"] = f"{go_read},{ok_write}"
        self.used = 0.0  # seconds it has had: starting, its turns, exiting; not waiting
        self.process = subprocess.Popen(command, env=env, stdout=self.out, stderr=self.err,
                                        text=True, start_new_session=True, pass_fds=fds)
        for fd in fds:
            os.close(fd)  # the worker's ends
        self.problem: str | None = None
        self.peak = 0.0
        self.stop = threading.Event()
        self.watcher = threading.Thread(target=self._watch, args=(watch_children,), daemon=True)
        self.watcher.start()

    def _watch(self, watch_children: bool) -> None:
        while watch_children and not self.stop.wait(SAMPLE_EVERY_S) \
                and not os.path.exists(self.mark):
            self.peak = max(self.peak, session_uss_mib(self.process.pid, self.process.pid))

    def kill(self, problem: str) -> None:
        if self.problem is None:
            self.problem = problem
        self.stop_session()

    def stop_session(self) -> None:
        """Kills the worker and every process it started, and waits (5 s at most) until none of
        them runs any more, so that none is left running into the next measurement."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        end = time.perf_counter() + 5
        while time.perf_counter() < end and any(
                stat_fields(f"/proc/{pid}/stat")[:1] not in (["Z"], ["X"], [])
                for pid in session_children(self.process.pid, -1)):
            time.sleep(0.01)

    def time_out(self, timeout: float) -> None:
        self.kill(f"timed out after {timeout:g} s (the limit per configuration; see --timeout)")

    def left(self, timeout: float) -> float:
        """Seconds left of its limit: the time it has had so far counts, the time it waited
        for the others of its group does not."""
        return max(0.0, timeout - self.used)

    def alive(self) -> bool:
        return self.problem is None and self.process.poll() is None

    def release(self) -> None:
        """Sends "go" without waiting for an answer: the last one, which lets it exit."""
        if self.alive():
            try:
                os.write(self.go, b"go\n")
            except OSError:
                pass

    def turn(self, timeout: float, go: bool = True) -> bool:
        """Lets the worker run one slice ("go") and waits for its "ok"; with go=False only
        waits (for the "ok" that says it is ready). False when it ended or ran out of time."""
        if not self.alive():
            return False
        ready, start = [], time.perf_counter()
        try:
            if go:
                os.write(self.go, b"go\n")
            ready, _, _ = select.select([self.ok], [], [], self.left(timeout))
            if ready and os.read(self.ok, 3) == b"ok\n":
                return True
        except OSError:  # it closed its end: it ended
            return False
        finally:
            self.used += time.perf_counter() - start
        if not ready:
            self.time_out(timeout)
        return False

    def finish(self, timeout: float) -> tuple[dict | None, str | None, float]:
        """(parsed last line of its output, problem, peak MiB of its children); problem is None
        on success."""
        try:
            self.process.wait(timeout=self.left(timeout))
        except subprocess.TimeoutExpired:
            self.time_out(timeout)
            self.process.wait()
        self.stop_session()  # any process it started and left behind, so none runs on
        self.stop.set()
        self.watcher.join()
        if hasattr(self, "go"):
            for fd in (self.go, self.ok):
                os.close(fd)
        self.out.seek(0)
        self.err.seek(0)
        lines, errors = self.out.read().strip().splitlines(), self.err.read().strip()
        self.out.close()
        self.err.close()
        self.scratch.cleanup()
        problem, code = self.problem, self.process.returncode
        if problem is None and code != 0:
            problem = f"exited with code {code}: {(errors.splitlines() or ['no message'])[-1]}"
        elif problem is None and not lines:
            problem = "printed no result (exit code 0, empty output)"
        parsed = None
        if problem is None:
            try:
                parsed = json.loads(lines[-1])
            except json.JSONDecodeError:
                parsed = None
            if not isinstance(parsed, dict):
                problem = (f"printed no result: its last line is {lines[-1][:100]!r}, "
                           "not a JSON object")
        return parsed, problem, round(self.peak, 1)


def run_process(command: list[str], env: dict, timeout: float,
                watch_children: bool = False) -> tuple[dict | None, str | None, float]:
    """Runs one process on its own: (parsed last line, problem, peak MiB of its children)."""
    return Process(command, env, watch_children).finish(timeout)


def environment_for(settings: dict, threads: int, device: str, cache: str) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), TF_CPP_MIN_LOG_LEVEL="3",
               TORCHINDUCTOR_CACHE_DIR=os.path.join(cache, "inductor"),
               TRITON_CACHE_DIR=os.path.join(cache, "triton"),
               # By default torch.compile shuts its idle compiler pool down on a timer, 60 s
               # after its last job, which could land in any process's timed slice.
               TORCHINDUCTOR_QUIESCE_ASYNC_COMPILE_POOL="0")
    # One GPU, or none; TensorFlow otherwise reserves nearly all of every visible GPU's memory.
    env["CUDA_VISIBLE_DEVICES"] = "" if device == "cpu" else "0"
    if device == "cuda":
        env["TF_FORCE_GPU_ALLOW_GROWTH"] = "true"
    return env


def measure_command(framework: str, mode: str, model: str, settings: dict, device: str,
                    worker: Path | None = None) -> list[str]:
    return [
        sys.executable, str(worker or WORKER), "--framework", framework, "--mode", mode,
        "--model", model, "--threads", str(settings["threads"]), "--device", device,
        "--launched-at", repr(time.time()), "--warmup-steps", str(settings["warmup_steps"]),
        "--train-s", str(settings["train_s"]), "--latency-s", str(settings["latency_s"]),
        "--throughput-s", str(settings["throughput_s"]),
        "--parity-steps", str(settings["parity_steps"]), "--slices", str(settings["slices"]),
    ]


def outcome_of(framework: str, mode: str, model: str, load: float, started: float,
               finished: tuple[dict | None, str | None, float]) -> dict:
    parsed, problem, children = finished
    result = {"model": model, "framework": framework, "mode": mode, "load_before": load,
              "alive_s": round(time.perf_counter() - started, 1)}
    if problem is not None:
        return result | {"error": problem[:300]}
    return result | parsed | {"compiler_workers_mib": children, "error": None}


def run_config(framework: str, mode: str, model: str, settings: dict,
               timeout: float = TIMEOUT_S["full"], worker: Path | None = None,
               device: str = "cpu", cache: str | None = None) -> dict:
    """Measures one configuration once, in a fresh process on its own (the cold processes;
    the tests). A process that fails, runs past `timeout` seconds or prints no result is
    recorded as failed, with the reason."""
    with tempfile.TemporaryDirectory() as own_cache:
        env = environment_for(settings, settings["threads"], device, cache or own_cache)
        load, started = os.getloadavg()[0], time.perf_counter()
        finished = run_process(measure_command(framework, mode, model, settings, device, worker),
                               env, timeout, watch_children=mode.startswith("compile"))
    return outcome_of(framework, mode, model, load, started, finished)


def run_group(configs: list[str], model: str, settings: dict, timeout: float, device: str,
              caches: dict, order: random.Random, worker: Path | None = None) -> list[dict]:
    """Measures every configuration of a model once, in a lockstep group: fresh processes
    started one after another in the order given, each once the one before is ready (so that
    each starts on an otherwise idle machine, and its time to a first result is its own), then
    taking turns: every timed window is cut into settings["slices"] slices, and in each turn
    every configuration runs one slice, in a random order, the others waiting blocked on a
    pipe. A slow spell of the shared machine then falls on all of them, and their paired ratios
    cancel it. After each slice the next waits until the last has stopped using the CPU; only
    after every member's last slice do the members write their results and exit. Each has
    `timeout` seconds of its own time (starting, its turns and exiting; not its waiting)."""
    members = []
    with tempfile.TemporaryDirectory() as own_cache:
        try:
            for config in configs:
                framework, mode = config.split("/")
                env = environment_for(settings, settings["threads"], device,
                                      caches.get((config, model), own_cache))
                load, started = os.getloadavg()[0], time.perf_counter()
                process = Process(measure_command(framework, mode, model, settings, device,
                                                  worker),
                                  env, watch_children=mode.startswith("compile"), gate=True)
                members.append((framework, mode, load, started, process))
                if settings["staggered"] and process.turn(timeout, go=False):  # ready
                    settle(process.process.pid)  # before the next one starts
            for *_, process in members if not settings["staggered"] else []:
                process.turn(timeout, go=False)  # the quick run starts them all at once
            workers_cpu = {id(m[4]): session_cpu_s(m[4].process.pid, m[4].process.pid)
                           for m in members}
            for _ in range(3 * settings["slices"]):  # training, latency and throughput windows
                turn = [m[4] for m in members if m[4].alive()]
                order.shuffle(turn)
                for process in turn:
                    if process.turn(min(timeout, SLICE_LIMIT_S)):
                        settle(process.process.pid)
            # CPU time each one's compiler workers used while the group was timed: 0 when they
            # sat idle, as the method assumes.
            busy = [session_cpu_s(m[4].process.pid, m[4].process.pid) - workers_cpu[id(m[4])]
                    for m in members]
            for *_, process in members:  # no timed slice is left: all may write and exit
                process.release()
            results = []
            for (framework, mode, load, started, process), cpu in zip(members, busy, strict=True):
                found = outcome_of(framework, mode, model, load, started, process.finish(timeout))
                results.append(found | ({"workers_cpu_while_timed_s": round(cpu, 2)}
                                        if found["error"] is None else {}))
            return results
        finally:
            for *_, process in members:
                if process.process.poll() is None:
                    process.kill("stopped: the lockstep group ended early")
                    process.finish(timeout)


def run_sweep(framework: str, mode: str, points: list[str], threads: int, settings: dict,
              timeout: float, device: str) -> dict:
    """Both sweeps of one configuration and thread count, in one process."""
    with tempfile.TemporaryDirectory() as cache:
        command = [
            sys.executable, str(WORKER), "--framework", framework, "--mode", mode,
            "--threads", str(threads), "--device", device, "--sweep",
            "--points", ",".join(points), "--warmup-s", str(settings["sweep_warmup_s"]),
            "--train-s", str(settings["sweep_train_s"]),
        ]
        parsed, problem, _ = run_process(command, environment_for(settings, threads, device,
                                                                  cache), timeout)
    if problem is not None:
        return {"error": problem[:300]}
    return {"error": None, "points": parsed["points"]}


# The plan: every task of a round, shuffled; rounds one after another.

def plan(settings: dict, quick: bool, order: random.Random) -> list[tuple]:
    batches = settings["sweep_batches"] or list(common.SWEEP_BATCHES)
    widths = settings["sweep_widths"] or list(common.SWEEP_WIDTHS)
    tasks = []
    for round_ in range(settings["repeats"]):
        this = []
        for model in settings["models"]:  # a lockstep group per model, started in random order
            configs = configs_for(model, quick)
            order.shuffle(configs)
            this.append(("group", model, round_, configs))
        # Sweeps in the first rounds only: their processes are many, and the run should stay
        # near 30 minutes on two cores.
        for config in SWEEP_CONFIGS if round_ < settings["sweep_repeats"] else []:
            for threads in settings["sweep_threads"]:
                points = [f"batch:{b}" for b in batches] + [f"width:{w}" for w in widths]
                order.shuffle(points)  # each sweep process runs its points in an order of its own
                this.append(("sweep", config, threads, round_, points))
        order.shuffle(this)
        tasks += this
    return tasks


def progress():
    """A progress bar with the current configuration and the time left, on a terminal; one line
    per finished task otherwise (logs, tests)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("{task.description:<44}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                    disable=not sys.stderr.isatty(), refresh_per_second=1)


def describe(task: tuple) -> str:
    if task[0] == "group":
        return f"round {task[2] + 1}: {task[1]}, {len(task[3])} configurations"
    return f"round {task[3] + 1}: sweeps {task[1]} {task[2]}t"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a small run that proves the harness works")
    parser.add_argument("--out", type=Path,
                        help="summary file (default: data/benchmarks/<device>-<date>-<label>.json)")
    parser.add_argument("--label", default="2-core CPU (the project's development machine)",
                        help="how the page names this machine and run")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto",
                        help="auto: a CUDA GPU when PyTorch sees one, else the CPU")
    parser.add_argument("--seed", type=int, help="seed of the run order (default: random)")
    parser.add_argument("--timeout", type=float,
                        help="seconds each process may run (default: "
                             f"{TIMEOUT_S['full']}, with --quick {TIMEOUT_S['quick']})")
    args = parser.parse_args()
    settings = dict(QUICK if args.quick else FULL)
    timeout = args.timeout or TIMEOUT_S["quick" if args.quick else "full"]
    name = cuda_name() if args.device != "cpu" else None
    device = args.device if args.device != "auto" else ("cuda" if name else "cpu")
    if device == "cuda":
        settings["jobs"] = 1  # one task at a time; a group's members take turns on the GPU
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    today = dt.date.today().isoformat()
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in args.label.lower()).split())[:40]
    out = args.out or ROOT / "data" / "benchmarks" / f"{device}-{today}-{slug}.json"

    start = time.perf_counter()
    before = load_and_steal()
    record = machine(device, settings["threads"])
    record["device_name"] = name if device == "cuda" else record["cpu"]["model"]
    if device == "cuda":
        record["gpu"] = gpu_record()
    tasks = plan(settings, args.quick, random.Random(seed))
    compile_configs = sorted({(config, t[1]) for t in tasks if t[0] == "group"
                              for config in t[3] if config.startswith("pytorch/compile")})
    caches = tempfile.TemporaryDirectory()
    cache_of = {key: os.path.join(caches.name, f"{key[0].replace('/', '-')}-{key[1]}")
                for key in compile_configs}
    runs: dict[tuple, list[dict]] = {}
    cold: dict[tuple, dict] = {}
    sweeps: dict[tuple, list[dict]] = {}
    total = len(tasks) + (len(compile_configs) if settings["cold"] else 0)
    with caches, progress() as bar:
        job = bar.add_task("starting", total=total)

        def step(text: str, line: str) -> None:
            bar.update(job, advance=1, description=text)
            if bar.disable:
                print(f"{time.perf_counter() - start:7.1f} s  {line}", flush=True)

        for config, model in compile_configs if settings["cold"] else []:
            bar.update(job, description=f"cold cache: {model} {config}")
            found = run_config(*config.split("/"), model, settings, timeout, device=device,
                               cache=cache_of[(config, model)])
            cold[(config, model)] = found
            step(f"cold cache: {model} {config}", f"cold   {model:<12} {config:<22} "
                 f"{found['error'] or format(found['first_step_ms'], '.0f') + ' ms first step'}")

        def execute(task: tuple) -> tuple[tuple, object]:
            if task[0] == "group":
                _, model, round_, configs = task
                # Its own random order of turns, from the run's seed: the same on a re-run
                # with --seed, whichever thread runs it.
                turns = random.Random(f"{seed}:{model}:{round_}")
                return task, run_group(configs, model, settings, timeout, device, cache_of,
                                       turns)
            _, config, threads, _, points = task
            return task, run_sweep(*config.split("/"), points, threads, settings, timeout, device)

        bar.update(job, description=describe(tasks[0]))
        with ThreadPoolExecutor(max_workers=settings["jobs"]) as pool:
            for task, found in pool.map(execute, tasks):
                if task[0] == "group":
                    for config, one in zip(task[3], found, strict=True):
                        runs.setdefault((config, task[1]), []).append(one | {"round": task[2]})
                    line = "; ".join(
                        f"{config} {one['error'] or format(one['train_step_ms']['median'], '.3f')}"
                        for config, one in zip(task[3], found, strict=True))
                else:
                    sweeps.setdefault(task[1:3], []).append(found)
                    line = found["error"] or f"{len(found['points'])} points"
                step(describe(task), f"{describe(task):<44} {line}")
    after = load_and_steal()

    results, raw = [], {}
    for model in settings["models"]:
        for config in configs_for(model, args.quick):
            repeats = runs[(config, model)]
            framework, mode = config.split("/")
            entry = {"model": model, "framework": framework, "mode": mode}
            failed = [r["error"] for r in repeats if r["error"]]
            entry["error"] = failed[0] if failed else None
            kept = [{k: v for k, v in r.items() if k not in ("model", "framework", "mode",
                                                            "error", "samples")}
                    for r in repeats if not r["error"]]
            entry["repeats"] = kept
            if settings["cold"] and config.startswith("pytorch/compile"):
                c = cold[(config, model)]
                entry["cold"] = {"error": c["error"]} if c["error"] else {
                    k: c[k] for k in ("first_step_ms", "first_result_s", "compiler_workers_mib")}
            raw[f"{model}/{config}"] = [r["samples"] for r in repeats if not r["error"]]
            results.append(entry)
    sweep_out = []
    for (config, threads), found in sweeps.items():
        framework, mode = config.split("/")
        failed = [s["error"] for s in found if s["error"]]
        for axis in ("batch", "width"):
            sweep_out.append({
                "framework": framework, "mode": mode, "axis": axis, "threads": threads,
                "error": failed[0] if failed else None,
                "repeats": [sorted((p for p in s["points"] if p["axis"] == axis),
                                   key=lambda p: p["value"]) for s in found if not s["error"]]})
    sweep_out.sort(key=lambda s: (s["axis"], s["threads"], s["framework"]))
    document = {
        "schema": 2,
        "run": {"date": today, "quick": args.quick, "label": args.label, "seed": seed,
                "wall_s": round(time.perf_counter() - start, 1), "before": before,
                "after": after},
        "machine": record,
        "settings": settings | {"sweep_batches": settings["sweep_batches"] or
                                list(common.SWEEP_BATCHES),
                                "sweep_widths": settings["sweep_widths"] or
                                list(common.SWEEP_WIDTHS),
                                "sweep_configs": SWEEP_CONFIGS,
                                "raw": f"raw/{out.stem}.json.gz"},
        "results": results,
        "sweeps": sweep_out,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    raw_path = out.parent / "raw" / f"{out.stem}.json.gz"
    raw_path.parent.mkdir(exist_ok=True)
    with gzip.open(raw_path, "wt", encoding="utf-8") as stream:
        json.dump({"summary": out.name, "samples": raw}, stream, separators=(",", ":"))
    print(f"wrote {out} and {raw_path} in {document['run']['wall_s']} s")
    failed = [r for r in results if r["error"]] + [s for s in sweep_out if s["error"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
