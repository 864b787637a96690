"""Measures one model in one framework and mode, in a process of its own, and prints one JSON
object. Run by bench/run.py; each configuration gets a fresh process so that its peak memory
and start-up costs are its own."""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as c  # noqa: E402

BATCH_POOL = 8  # distinct training batches, cycled, identical in both frameworks
PARITY_STEPS = 5


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def set_threads(framework: str, threads: int) -> None:
    """The same thread budget for both frameworks: `threads` within an op, one across ops."""
    if framework == "pytorch":
        import torch

        torch.set_num_threads(threads)
        torch.set_num_interop_threads(1)
    else:
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(1)


def measure(args) -> dict:
    set_threads(args.framework, args.threads)
    if args.framework == "pytorch":
        import torch_impl as impl
    else:
        import tf_impl as impl
    spec = c.MODELS[args.model]
    generator = c.rng()
    runner = impl.Runner(args.model, args.mode)
    batches = [runner.data(*c.batch(args.model, spec["train_batch"], generator))
               for _ in range(BATCH_POOL)]
    one = runner.data(*c.batch(args.model, 1, generator))[0]
    many = runner.data(*c.batch(args.model, spec["throughput_batch"], generator))[0]
    rss_after_setup = rss_mb()

    losses = []
    start = time.perf_counter()
    losses.append(runner.train_step(*batches[0]))
    first_step = (time.perf_counter() - start) * 1000
    step = 1
    while step < args.warmup:
        loss = runner.train_step(*batches[step % BATCH_POOL])
        if len(losses) < PARITY_STEPS:
            losses.append(loss)
        step += 1
    train = []
    for _ in range(args.steps):
        x, y = batches[step % BATCH_POOL]
        begin = time.perf_counter()
        loss = runner.train_step(x, y)
        train.append((time.perf_counter() - begin) * 1000)
        if len(losses) < PARITY_STEPS:
            losses.append(loss)
        step += 1

    first_inference = timed(lambda: runner.infer(one))
    for _ in range(5):
        runner.infer(one)
    latency = [timed(lambda: runner.infer(one)) for _ in range(args.latency_calls)]
    runner.infer(many)  # batch-size change: may trace or compile once more
    for _ in range(2):
        runner.infer(many)
    throughput_ms = [timed(lambda: runner.infer(many)) for _ in range(args.throughput_calls)]
    median_many = c.summary(throughput_ms)["median"]
    return {
        "model": args.model,
        "framework": args.framework,
        "mode": args.mode,
        "train_step_ms": c.summary(train),
        "first_step_ms": round(first_step, 2),
        "first_inference_ms": round(first_inference, 2),
        "latency_ms": c.summary(latency),
        "throughput_batch": spec["throughput_batch"],
        "throughput_per_s": round(spec["throughput_batch"] / (median_many / 1000), 1),
        "throughput_batch_ms": c.summary(throughput_ms),
        "rss_after_setup_mb": rss_after_setup,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "losses": [round(x, 6) for x in losses],
        "error": None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--framework", choices=["pytorch", "tensorflow"], required=True)
    parser.add_argument("--mode", choices=["eager", "compile", "function", "xla"], required=True)
    parser.add_argument("--model", choices=list(c.MODELS), required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--latency-calls", type=int, required=True)
    parser.add_argument("--throughput-calls", type=int, required=True)
    args = parser.parse_args()
    print(json.dumps(measure(args)))


if __name__ == "__main__":
    main()
