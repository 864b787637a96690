"""The statistics and verdicts of a benchmark run, shared by the Performance page's hook and
bench/compare.py, so that the page and the comparison apply one rule.

Every configuration is measured in several fresh processes ("repeats"), one per round, with
the configurations of a round in random order. A figure is the mean across repeats with a 95%
t-interval. A verdict compares two configurations by their paired per-round ratios: the
geometric mean of the ratios with a 95% t-interval on their logarithms. It claims a difference
only when that interval excludes 1 and the ratio is at least 1.2 (or at most 1/1.2); otherwise
the two are within variation. Standard library
only, so the hook needs nothing the build does not have.
"""

from __future__ import annotations

import math
import statistics

# Two-sided 95% critical values of Student's t, by degrees of freedom (any statistics table).
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
        9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
        17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 25: 2.060, 30: 2.042, 40: 2.021, 60: 2.000,
        120: 1.980}


def t975(df: int) -> float:
    """The critical value for df degrees of freedom; between table rows, the next smaller df
    (a wider, safe interval); 1.96 beyond 120."""
    if df < 1:
        raise ValueError("an interval needs at least two values")
    if df > 120:
        return 1.96
    return T975[max(k for k in T975 if k <= df)]


def interval(values: list[float]) -> tuple[float, float, float]:
    """Mean and 95% t-interval (mean, low, high) across repeats."""
    if len(values) < 2:
        raise ValueError("an interval needs at least two values")
    mean = statistics.fmean(values)
    half = t975(len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
    return mean, mean - half, mean + half


def ratio_interval(a: list[float], b: list[float]) -> tuple[float, float, float]:
    """Paired ratio a/b across repeats (a[i] and b[i] measured in the same round): geometric
    mean and 95% interval, from a t-interval on the log-ratios."""
    if len(a) != len(b):
        raise ValueError(f"paired values need the same number of repeats ({len(a)} vs {len(b)})")
    if min(a + b) <= 0:
        raise ValueError("ratios need positive values")
    mean, low, high = interval([math.log(x / y) for x, y in zip(a, b, strict=True)])
    return math.exp(mean), math.exp(low), math.exp(high)


# The smallest difference a verdict states: a ratio of at least 1.2 (or at most 1/1.2). Fixed on
# 2 December 2026, before runs 5 and 6, from the four pilot runs of 1 December: the re-run
# wobble of the paired ratios in those pilots (the Performance page renders it, for the verdicts
# now listed) put the earlier margin of 10% inside it. No margin keeps a verdict whose ratio lies
# near it from changing between runs; a wider one leaves fewer near it.
MARGIN = 1.2


def outcome(ratio: float, low: float, high: float) -> str:
    """'lower' or 'higher' when the interval of a/b excludes 1 and the ratio itself differs
    from 1 by at least MARGIN, else 'within variation'."""
    if high < 1 and ratio <= 1 / MARGIN:
        return "lower"
    if low > 1 and ratio >= MARGIN:
        return "higher"
    return "within variation"


# What can be compared: a name, how to read it from one repeat's result, and its unit.
MEASURES = {
    "train_step_ms": (lambda r: r["train_step_ms"]["median"], "ms"),
    "latency_p50_ms": (lambda r: r["latency_ms"]["median"], "ms"),
    "latency_p90_ms": (lambda r: r["latency_ms"]["p90"], "ms"),
    "latency_p99_ms": (lambda r: r["latency_ms"]["p99"], "ms"),
    "throughput_per_s": (lambda r: r["throughput_per_s"], "samples/s"),
    "first_step_ms": (lambda r: r["first_step_ms"], "ms"),
    "first_result_s": (lambda r: r["first_result_s"], "s"),
    "import_mib": (lambda r: r["import_mib"], "MiB"),
    "baseline_mib": (lambda r: r["baseline_mib"], "MiB"),
    "peak_above_baseline_mib": (lambda r: r["peak_above_baseline_mib"], "MiB"),
    "compiler_workers_mib": (lambda r: r["compiler_workers_mib"], "MiB"),
}


def result(doc: dict, model: str, config: str) -> dict | None:
    """A configuration's result ('pytorch/eager'), or None when it was not run or failed."""
    for entry in doc["results"]:
        if entry["model"] == model and f"{entry['framework']}/{entry['mode']}" == config:
            return None if entry.get("error") else entry
    return None


def by_round(doc: dict, model: str, config: str, measure: str) -> dict[int, float]:
    """round -> the measure in that round's run (empty when the configuration failed)."""
    entry = result(doc, model, config)
    if entry is None:
        return {}
    read = MEASURES[measure][0]
    return {run.get("round", i): read(run) for i, run in enumerate(entry["repeats"])}


def values(doc: dict, model: str, config: str, measure: str) -> list[float] | None:
    found = by_round(doc, model, config, measure)
    return [found[k] for k in sorted(found)] or None


def summary(doc: dict, model: str, config: str, measure: str) -> tuple[float, float, float] | None:
    """Mean and 95% interval, or None when there are fewer than two runs."""
    found = values(doc, model, config, measure)
    return interval(found) if found and len(found) >= 2 else None


def compare(doc: dict, model: str, measure: str, a: str, b: str) -> dict | None:
    """Paired comparison of configuration a with b on one measure, over the rounds in which
    both ran; None when fewer than two rounds pair up or a value is not positive."""
    va, vb = by_round(doc, model, a, measure), by_round(doc, model, b, measure)
    rounds = sorted(set(va) & set(vb))
    pa, pb = [va[r] for r in rounds], [vb[r] for r in rounds]
    if len(rounds) < 2 or min(pa + pb) <= 0:
        return None
    ratio, low, high = ratio_interval(pa, pb)
    return {"ratio": ratio, "low": low, "high": high, "outcome": outcome(ratio, low, high),
            "rounds": len(rounds)}


def fastest(doc: dict, model: str, configs: list[str],
            measure: str = "train_step_ms") -> dict | None:
    """The fastest configurations: every one that no other is shown to beat by the rule (an
    interval below 1 and a ratio of at most 1/MARGIN), so that the set does not depend on
    which of two close configurations happens to have the lower mean. 'best' is the one with
    the lowest geometric mean, 'ties' the rest of the set, 'failed' those that could not be
    compared; None when none ran."""
    present = [c for c in configs if values(doc, model, c, measure)]
    failed = [c for c in configs if c not in present and any(
        r["model"] == model and f"{r['framework']}/{r['mode']}" == c for r in doc["results"])]
    if not present:
        return None

    def beaten(c: str) -> bool:
        return any((found := compare(doc, model, measure, other, c)) is not None
                   and found["outcome"] == "lower" for other in present if other != c)

    best = min(present, key=lambda c: statistics.geometric_mean(values(doc, model, c, measure)))
    ties = [c for c in present if c != best and not beaten(c)]
    return {"best": best, "ties": ties, "failed": failed}


# The verdicts the page states and bench/compare.py checks between runs: (id, model, measure,
# a, b), read as "a's measure relative to b's". Main configurations of every model first.
GRAPH = [("pytorch/compile", "pytorch/eager"), ("keras/xla", "keras/eager"),
         ("tensorflow/function", "tensorflow/eager")]
ACROSS = [("keras/eager", "pytorch/eager"), ("tensorflow/eager", "pytorch/eager"),
          ("keras/eager", "tensorflow/eager"), ("keras/xla", "pytorch/compile"),
          ("tensorflow/function", "pytorch/compile")]
# Each framework as it runs by default on a machine with a GPU or TPU: PyTorch eager, and Keras's
# Model.compile, whose jit_compile="auto" on the TensorFlow backend uses XLA when the model allows
# it and the machine has an accelerator (on a CPU-only machine it leaves XLA off).
DEFAULTS = [("keras/xla", "pytorch/eager")]


def verdict_list(models: list[str]) -> list[tuple[str, str, str, str, str]]:
    out = []
    for model in models:
        for a, b in GRAPH + ACROSS + DEFAULTS:
            out.append((f"{model}: training step, {a} vs {b}", model, "train_step_ms", a, b))
        for a, b in [("pytorch/compile", "pytorch/eager"), ("keras/xla", "keras/eager"),
                     ("keras/eager", "pytorch/eager"), ("keras/xla", "pytorch/compile")]:
            out.append((f"{model}: latency p50, {a} vs {b}", model, "latency_p50_ms", a, b))
        for a, b in [("keras/eager", "pytorch/eager"), ("tensorflow/eager", "pytorch/eager")]:
            out.append((f"{model}: peak memory above baseline, {a} vs {b}", model,
                        "peak_above_baseline_mib", a, b))
        for a, b in [("keras/eager", "pytorch/eager"), ("pytorch/compile", "pytorch/eager"),
                     ("keras/xla", "keras/eager"), ("keras/xla", "pytorch/compile")]:
            out.append((f"{model}: time to first result, {a} vs {b}", model, "first_result_s",
                        a, b))
    out.append(("transformer: training step, pytorch/compile-tuned vs pytorch/compile",
                "transformer", "train_step_ms", "pytorch/compile-tuned", "pytorch/compile"))
    for model in models:
        out.append((f"{model}: memory ready to train, keras/eager vs pytorch/eager", model,
                    "baseline_mib", "keras/eager", "pytorch/eager"))
    return out


def verdicts(doc: dict) -> dict[str, str]:
    """Every verdict the document allows: id -> outcome ('lower', 'higher', 'within variation',
    or for 'fastest' the configuration and its ties)."""
    models = list(doc["settings"]["models"])
    out = {}
    for name, model, measure, a, b in verdict_list(models):
        found = compare(doc, model, measure, a, b)
        if found is not None:
            out[name] = found["outcome"]
    configs = sorted({f"{r['framework']}/{r['mode']}" for r in doc["results"]})
    for model in models:
        best = fastest(doc, model, configs)
        if best is None:
            continue
        # The fastest and every configuration the rule cannot tell from it, as one set: which
        # of them has the lowest mean is itself within variation.
        group = ", ".join(sorted([best["best"], *best["ties"]]))
        failed = f" (not compared, failed: {', '.join(best['failed'])})" if best["failed"] else ""
        out[f"{model}: fastest training step"] = group + failed
    return out


def machine_key(doc: dict) -> tuple:
    """What tells one machine from another in a run's record: the device, its name, the logical
    CPU count and the processor's instruction-set flags. A virtual machine may report only a
    family name ("AMD EPYC") for processors of different generations; their flags differ."""
    machine = doc.get("machine", {})
    cpu = machine.get("cpu", {})
    return (machine.get("device"), machine.get("device_name"), cpu.get("logical_cpus"),
            frozenset(cpu.get("flags", [])))


def flag_difference(a: dict, b: dict) -> tuple[list[str], list[str]]:
    """The processor flags only a's machine has, and those only b's has."""
    fa, fb = machine_key(a)[3], machine_key(b)[3]
    return sorted(fa - fb), sorted(fb - fa)


def agreement(old: dict[str, str], new: dict[str, str]) -> tuple[int, int]:
    """(verdicts that agree, verdicts in all) between two runs' verdicts(): a verdict missing
    from one run (its configuration failed or was not run) does not agree."""
    names = set(old) | set(new)
    return sum(old.get(k) == new.get(k) for k in names), len(names)
