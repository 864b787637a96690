"""Checks a published run for what its lockstep slices cost: how much longer the first timed call
of a slice takes than the median of the rest of that slice, for each window, split by whether the
slice before it was PyTorch's (whose OpenMP threads spin for a while after their work) or
TensorFlow's, or it was the group's first.
Rebuilds every group's order of turns from the run's seed, as bench/run.py drew it.

    .venv/bin/python bench/slices.py data/benchmarks/<name>.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import statistics
import sys
from pathlib import Path

import run as bench_run

WINDOWS = ["train_step_ms", "latency_ms", "throughput_batch_ms"]  # in the order they are run


def turn_orders(doc: dict, model: str, round_: int, configs: list[str]) -> list[list[str]]:
    """The configurations in the order they took each turn (every member alive)."""
    turns = random.Random(f"{doc['run']['seed']}:{model}:{round_}")
    out = []
    for _ in range(len(WINDOWS) * doc["settings"]["slices"]):
        turn = list(configs)
        turns.shuffle(turn)
        out.append(turn)
    return out


def first_call_ratios(doc: dict, raw: dict) -> dict[tuple[str, str, str], list[float]]:
    """(window, framework family, what ran before) -> log(first timed call / median of the rest)
    for every slice with at least three timed calls."""
    slices = doc["settings"]["slices"]
    rounds = {(r["model"], f"{r['framework']}/{r['mode']}"): [x["round"] for x in r["repeats"]]
              for r in doc["results"] if not r.get("error")}
    out: dict[tuple[str, str, str], list[float]] = {}
    for task in bench_run.plan(doc["settings"], doc["run"]["quick"],
                               random.Random(doc["run"]["seed"])):
        if task[0] != "group":
            continue
        _, model, round_, configs = task
        if any(round_ not in rounds.get((model, c), []) for c in configs):
            continue  # a member failed: the turns were drawn among fewer
        orders = turn_orders(doc, model, round_, configs)
        for k, turn in enumerate(orders):
            window, part = WINDOWS[k // slices], k % slices
            for i, config in enumerate(turn):
                before = turn[i - 1] if i else (orders[k - 1][-1] if k else "")
                repeat = rounds[(model, config)].index(round_)
                samples = raw[f"{model}/{config}"][repeat][window][part]
                if len(samples) < 3:
                    continue
                family = "PyTorch" if config.startswith("pytorch") else "TensorFlow"
                after = ("first of its group" if not before else
                         "after PyTorch" if before.startswith("pytorch") else "after TensorFlow")
                ratio = samples[0] / statistics.median(samples[1:])
                out.setdefault((window, family, after), []).append(math.log(ratio))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("summary", type=Path, help="a results file in data/benchmarks/")
    args = parser.parse_args(argv)
    doc = json.loads(args.summary.read_text())
    raw_path = args.summary.parent / doc["settings"]["raw"]
    with gzip.open(raw_path, "rt") as stream:
        raw = json.load(stream)["samples"]
    found = first_call_ratios(doc, raw)
    if not found:
        print(f"{args.summary}: no slice with three or more timed calls", file=sys.stderr)
        return 1
    print(f"{'window':<22}{'framework':<12}{'slice before':<18}{'slices':>7}  first / rest")
    for (window, family, after), logs in sorted(found.items()):
        print(f"{window:<22}{family:<12}{after:<18}{len(logs):>7}  "
              f"{math.exp(statistics.fmean(logs)):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
