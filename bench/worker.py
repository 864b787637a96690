"""Measures one model in one framework and mode, in a process of its own, and prints one JSON
object: the summaries, the raw samples of every timed window, and the losses and outputs that
show parity. Run by bench/run.py; each repeat gets a fresh process, so that its memory and
start-up costs are its own. With --sweep it instead times the training step at each batch size
or MLP width, in the order given."""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as c  # noqa: E402

BATCH_POOL = 8  # distinct training batches, cycled, identical in both frameworks
OUTPUT_VALUES = 16  # inference outputs recorded after the first step, to show parity


def status_mib(field: str) -> float:
    """VmRSS (resident now) or VmHWM (peak since the last reset) of this process, in MiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/self/status has no {field}")


def reset_peak(args=None) -> float:
    """Returns memory to the system, resets the peak resident set to the current one (Linux 4.0
    and later: clear_refs 5), and the device's peak too on a GPU; returns the resident set now,
    in MiB."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    if args is not None and args.device == "cuda":
        if args.framework == "pytorch":
            import torch

            torch.cuda.reset_peak_memory_stats()
        else:
            import tensorflow as tf

            tf.config.experimental.reset_memory_stats("GPU:0")
    return status_mib("VmRSS")


def window(call, seconds: float, at_least: int) -> list[float]:
    """Calls `call` until `seconds` have passed and it has run `at_least` times; each call's
    time in milliseconds."""
    samples = []
    end = time.perf_counter() + seconds
    while len(samples) < at_least or time.perf_counter() < end:
        begin = time.perf_counter()
        call()
        samples.append((time.perf_counter() - begin) * 1000)
    return samples


class Gate:
    """Turn-taking with the other configurations of a round (bench/run.py's lockstep group):
    before each slice of a timed window the worker waits for "go" on one pipe, and after it
    says "ok" on another, so that every configuration's slices interleave with the others' in
    the same minutes and a slow spell of the shared machine falls on all of them. Without the
    pipes (a process on its own) a window runs in one piece."""

    def __init__(self) -> None:
        fds = os.environ.get("BENCH_GATE_FDS")
        self.pipes = None
        self.first_go_mib: float | None = None  # resident memory when the first slice began
        if fds:
            read_fd, write_fd = (int(x) for x in fds.split(","))
            for fd in (read_fd, write_fd):
                # Not passed on to processes this one starts (torch.compile's workers): a
                # worker that outlived it would keep the pipe open and hide its end.
                os.set_inheritable(fd, False)
            self.pipes = (os.fdopen(read_fd, "r"), os.fdopen(write_fd, "w"))

    def slices(self, slices: int) -> int:
        return slices if self.pipes else 1

    def wait(self) -> None:
        if self.pipes and self.pipes[0].readline().strip() != "go":
            sys.exit("the lockstep group ended early")
        if self.first_go_mib is None:
            self.first_go_mib = status_mib("VmRSS")

    def done(self) -> None:
        if self.pipes:
            self.pipes[1].write("ok\n")
            self.pipes[1].flush()


def sliced(gate: Gate, call, seconds: float, at_least: int, slices: int) -> list[list[float]]:
    """A timed window of `seconds` in total and at least `at_least` timed calls, run as
    `slices` equal slices, each after the gate opens; the samples of each slice. In a group,
    each slice starts with one untimed call, which finds the processor's caches holding the
    previous process's data."""
    n = gate.slices(slices)
    out = []
    for _ in range(n):
        gate.wait()
        if gate.pipes:
            call()
        out.append(window(call, seconds / n, -(-at_least // n)))
        gate.done()
    return out


def flat(per_slice: list[list[float]]) -> list[float]:
    return [x for part in per_slice for x in part]


def set_threads(framework: str, threads: int, device: str = "cpu") -> dict:
    """The same thread budget for both frameworks: `threads` within an op, one across ops. On a
    GPU, full 32-bit matrix products in both (TensorFlow would otherwise use TF32 on recent
    GPUs); returns the precision settings, which the result records."""
    if framework == "pytorch":
        import torch

        torch.set_num_threads(threads)
        torch.set_num_interop_threads(1)
        if device == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = False
            torch.backends.cudnn.allow_tf32 = False
        return {"tf32": bool(torch.backends.cuda.matmul.allow_tf32),
                "cudnn_benchmark": bool(torch.backends.cudnn.benchmark)}
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    if device == "cuda":
        if not tf.config.list_physical_devices("GPU"):
            sys.exit("TensorFlow sees no GPU (is tensorflow-cpu installed?); measure it on the "
                     "CPU with --device cpu")
        tf.config.experimental.enable_tensor_float_32_execution(False)
    return {"tf32": bool(tf.config.experimental.tensor_float_32_execution_enabled())}


def runner_for(args, width: int = c.MLP_HIDDEN):
    if args.framework == "pytorch":
        import torch_impl

        return torch_impl.Runner(args.model, args.mode, args.device, width)
    import tf_impl

    return tf_impl.Runner(args.model, args.mode, args.framework, width, args.device)


def device_peak_mib(args) -> float | None:
    if args.device != "cuda":
        return None
    if args.framework == "pytorch":
        import torch

        return torch.cuda.max_memory_allocated() / 2**20
    import tensorflow as tf

    return tf.config.experimental.get_memory_info("GPU:0")["peak"] / 2**20


def r(value: float, places: int = 4) -> float:
    return round(value, places)


def mark_timed() -> None:
    """Tells bench/run.py that the timed windows start, so that it stops reading the memory of
    this process's children (which costs CPU time)."""
    if os.environ.get("BENCH_TIMED_MARK"):
        open(os.environ["BENCH_TIMED_MARK"], "w").close()


def measure(args) -> dict:
    gate = Gate()  # first, before any process this one starts could inherit its pipes
    precision = set_threads(args.framework, args.threads, args.device)
    import_mib = status_mib("VmRSS")  # the framework is imported by set_threads
    spec = c.MODELS[args.model]
    generator = c.rng()
    runner = runner_for(args)
    batches = [runner.data(*c.batch(args.model, spec["train_batch"], generator))
               for _ in range(BATCH_POOL)]
    one = runner.data(*c.batch(args.model, 1, generator))[0]
    many = runner.data(*c.batch(args.model, spec["throughput_batch"], generator))[0]
    baseline_mib = reset_peak(args)  # after imports, model and data: the steps add what is above

    losses = []

    def step():
        losses.append(runner.train_step(*batches[len(losses) % BATCH_POOL]))

    first_step_ms = window(step, 0, 1)[0]
    first_result_at = time.time()
    # After one step every configuration holds the same weights (up to rounding): compare outputs
    # there. This also compiles batch-1 inference, and the next call the throughput batch.
    output = runner.infer(one).reshape(-1)[:OUTPUT_VALUES]
    runner.infer(many)
    window(step, 0, args.warmup_steps)
    window(lambda: runner.infer(one), 0, 10)
    window(lambda: runner.infer(many), 0, 2)
    graphs = runner.graph_count()
    mark_timed()
    ready_mib = status_mib("VmRSS")
    gate.done()  # ready: set up, warmed up, waiting for the first slice
    train_slices = sliced(gate, step, args.train_s, max(args.parity_steps - len(losses), 5),
                          args.slices)
    # What the resident set grew by while this process waited for the group (not trained).
    waited_mib = 0.0 if not gate.pipes else gate.first_go_mib - ready_mib
    latency_slices = sliced(gate, lambda: runner.infer(one), args.latency_s, 10, args.slices)
    throughput_slices = sliced(gate, lambda: runner.infer(many), args.throughput_s, 3,
                               args.slices)
    runner.sync()
    peak_mib = status_mib("VmHWM")
    # In a group, wait until every member has finished its timed windows, so that this
    # process's output and exit fall on no one's timed slice.
    gate.wait()
    train, latency, throughput = flat(train_slices), flat(latency_slices), flat(throughput_slices)
    return {
        "first_step_ms": r(first_step_ms, 2),
        "first_result_s": r(first_result_at - args.launched_at, 3),
        "train_step_ms": c.summary(train),
        "latency_ms": c.summary(latency),
        "throughput_per_s": r(spec["throughput_batch"] * len(throughput) / (sum(throughput) / 1000),
                              1),
        "throughput_batch": spec["throughput_batch"],
        "import_mib": r(import_mib, 1),
        "baseline_mib": r(baseline_mib, 1),
        "peak_above_baseline_mib": r(peak_mib - baseline_mib, 1),
        "device_peak_mib": device_peak_mib(args),
        "graphs_compiled_while_timed": runner.graph_count() - graphs,
        "graphs": graphs,
        "graph_breaks": runner.graph_breaks(),
        "memory_growth_while_waiting_mib": r(waited_mib, 1),
        "precision": precision,
        "losses": [r(x, 6) for x in losses[: args.parity_steps]],
        "last_loss": r(losses[-1], 6),  # after every step, timed or not: finite, or it diverged
        "output": [r(float(x), 6) for x in output],
        # Per slice, so that a reader can check each slice's first timed call.
        "samples": {"train_step_ms": [[r(x) for x in part] for part in train_slices],
                    "latency_ms": [[r(x) for x in part] for part in latency_slices],
                    "throughput_batch_ms": [[r(x) for x in part] for part in throughput_slices]},
    }


def sweep_point(args, size: int, width: int) -> dict:
    """One point of a sweep, with a model of its own, freed before the next point."""
    runner = runner_for(args, width)
    data = runner.data(*c.batch("mlp", size, c.rng()))
    baseline = reset_peak(args)

    def step():
        runner.train_step(*data)

    window(step, args.warmup_s, 3)
    times = window(step, args.train_s, 5)
    runner.sync()
    return {"train_step_ms": c.summary(times),
            "peak_above_baseline_mib": r(status_mib("VmHWM") - baseline, 1)}


def sweep(args) -> dict:
    """Step time and memory of the MLP at each point ('batch:16', 'width:1024'), in the order
    given: both sweeps in one process, each point with a model of its own."""
    set_threads(args.framework, args.threads, args.device)
    mark_timed()
    points = []
    for point in args.points.split(","):
        axis, _, value = point.partition(":")
        size = int(value) if axis == "batch" else c.MODELS["mlp"]["train_batch"]
        width = int(value) if axis == "width" else c.MLP_HIDDEN
        points.append({"axis": axis, "value": int(value)} | sweep_point(args, size, width))
    return {"points": points}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--framework", choices=["pytorch", "keras", "tensorflow"], required=True)
    parser.add_argument("--mode", required=True,
                        choices=["eager", "compile", "compile-tuned", "function", "xla"])
    parser.add_argument("--model", choices=list(c.MODELS), default="mlp")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--launched-at", type=float, default=time.time(),
                        help="time.time() when the parent started this process")
    parser.add_argument("--warmup-steps", type=int, default=10)
    parser.add_argument("--warmup-s", type=float, default=0, help="sweeps: warm-up per point")
    parser.add_argument("--train-s", type=float, required=True)
    parser.add_argument("--latency-s", type=float, default=0)
    parser.add_argument("--throughput-s", type=float, default=0)
    parser.add_argument("--parity-steps", type=int, default=0)
    parser.add_argument("--slices", type=int, default=1,
                        help="slices per timed window when run in a lockstep group")
    parser.add_argument("--sweep", action="store_true", help="run the sweep points instead")
    parser.add_argument("--points", help="comma-separated points, in run order: batch:16,width:64")
    args = parser.parse_args()
    print(json.dumps(sweep(args) if args.sweep else measure(args)))


if __name__ == "__main__":
    main()
