"""The Performance page's data: one JSON summary per benchmark run under data/benchmarks/, with
its raw samples under data/benchmarks/raw/, both written by bench/run.py. Pilot runs, which set
the verdict rule before the published runs were made, keep the same layout under
data/benchmarks/pilot/; the page counts their agreement but draws nothing from them. This
module checks each file against the schema the harness writes, draws the charts, and renders the
tables and the verdicts on common claims with bench/stats.py (the rule bench/compare.py applies
too), so that every figure on the page comes from a measured file."""

from __future__ import annotations

import importlib.util
import json
import math
import re
import statistics

from mkdocs.exceptions import PluginError

import _charts
import _data as d

FOLDER = "data/benchmarks"
PILOT_FOLDER = "data/benchmarks/pilot"
_spec = importlib.util.spec_from_file_location("bench_stats", d.ROOT / "bench" / "stats.py")
stats = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stats)

MODELS = {"mlp": "MLP", "cnn": "small CNN", "transformer": "small GPT-style decoder"}
CONFIGS = {  # framework/mode -> label, in the order of the tables
    "pytorch/eager": "PyTorch eager",
    "pytorch/compile": "PyTorch torch.compile",
    "pytorch/compile-tuned": "PyTorch torch.compile, tuned",
    "keras/eager": "Keras 3 (TensorFlow) eager",
    "keras/xla": "Keras 3 (TensorFlow) XLA",
    "tensorflow/eager": "TensorFlow eager",
    "tensorflow/function": "TensorFlow tf.function",
}
REQUIRED = ["pytorch/eager", "pytorch/compile", "keras/eager", "keras/xla", "tensorflow/eager",
            "tensorflow/function"]
MIN_REPEATS = 7
VIRTUALIZATION = {"docker": "Docker container", "none": "none detected", "kvm": "KVM"}
PARITY_TOLERANCE = 1e-3  # relative difference allowed between any two implementations' losses
OUTPUT_TOLERANCE = 1e-4  # absolute difference allowed between inference outputs


class Bad(Exception):
    """A field breaks the schema: (path of the field, problem)."""


def need(container: dict, key: str, where: str):
    if not isinstance(container, dict) or key not in container:
        raise Bad(f"{where}{key}", "missing")
    return container[key]


def number(value, where: str, positive: bool = True) -> float:
    # JSON allows NaN and Infinity (Python writes them for a failed measurement); neither is one.
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or (value <= 0 if positive else value < 0)):
        raise Bad(where, f"must be a {'positive' if positive else 'non-negative'} number, not "
                         f"{value!r}")
    return float(value)


def count(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise Bad(where, f"must be a positive whole number, not {value!r}")
    return value


def text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Bad(where, "must be non-empty text")
    return value


def numbers(value, where: str, positive: bool = False) -> list:
    if not isinstance(value, list) or not value:
        raise Bad(where, "must be a non-empty list of numbers")
    for i, item in enumerate(value):
        number(item, f"{where}[{i}]", positive)
    return value


def spread(value, where: str) -> dict:
    for key in ("median", "q1", "q3", "p90", "p99"):
        number(need(value, key, f"{where}."), f"{where}.{key}")
    count(need(value, "n", f"{where}."), f"{where}.n")
    if not value["q1"] <= value["median"] <= value["q3"] <= value["p99"]:
        raise Bad(where, "needs q1 <= median <= q3 <= p99")
    return value


def check_repeat(run: dict, where: str) -> None:
    for key in ("train_step_ms", "latency_ms"):
        spread(need(run, key, where), f"{where}{key}")
    for key in ("first_step_ms", "first_result_s", "throughput_per_s", "import_mib",
                "baseline_mib"):
        number(need(run, key, where), f"{where}{key}")
    for key in ("peak_above_baseline_mib", "compiler_workers_mib"):
        number(need(run, key, where), f"{where}{key}", positive=False)
    if need(run, "graphs_compiled_while_timed", where) != 0:
        raise Bad(f"{where}graphs_compiled_while_timed",
                  f"is {run['graphs_compiled_while_timed']!r}: a timed call traced or compiled, "
                  "so its time includes compiling")
    numbers(need(run, "losses", where), f"{where}losses", positive=True)
    numbers([abs(x) if isinstance(x, (int, float)) else x for x in need(run, "output", where)],
            f"{where}output")


def check_result(result: dict, where: str, repeats: int) -> None:
    framework, mode, model = (need(result, k, where) for k in ("framework", "mode", "model"))
    if f"{framework}/{mode}" not in CONFIGS:
        raise Bad(f"{where}mode", f"unknown configuration {framework}/{mode}")
    if model not in MODELS:
        raise Bad(f"{where}model", f"unknown model {model!r}")
    if result.get("error") is not None:
        text(result["error"], f"{where}error")
        return
    runs = need(result, "repeats", where)
    if not isinstance(runs, list) or len(runs) != repeats:
        raise Bad(f"{where}repeats", f"must hold one result per repeat ({repeats}), not "
                                     f"{len(runs) if isinstance(runs, list) else runs!r}")
    for i, run in enumerate(runs):
        check_repeat(run, f"{where}repeats[{i}].")
    if framework == "pytorch" and mode.startswith("compile"):
        cold = need(result, "cold", where)
        if cold.get("error") is None:
            for key in ("first_step_ms", "first_result_s"):
                number(need(cold, key, f"{where}cold."), f"{where}cold.{key}")


def check_sweep(sweep: dict, where: str, repeats: int) -> None:
    if f"{need(sweep, 'framework', where)}/{need(sweep, 'mode', where)}" not in CONFIGS:
        raise Bad(f"{where}mode", "unknown configuration")
    if need(sweep, "axis", where) not in ("batch", "width"):
        raise Bad(f"{where}axis", f"must be batch or width, not {sweep['axis']!r}")
    count(need(sweep, "threads", where), f"{where}threads")
    if sweep.get("error") is not None:
        text(sweep["error"], f"{where}error")
        return
    runs = need(sweep, "repeats", where)
    if not isinstance(runs, list) or len(runs) != repeats:
        raise Bad(f"{where}repeats", f"must hold one list of points per repeat ({repeats})")
    values = None
    for i, points in enumerate(runs):
        if not isinstance(points, list) or not points:
            raise Bad(f"{where}repeats[{i}]", "must be a non-empty list of points")
        for j, point in enumerate(points):
            at = f"{where}repeats[{i}][{j}]."
            count(need(point, "value", at), f"{at}value")
            spread(need(point, "train_step_ms", at), f"{at}train_step_ms")
            number(need(point, "peak_above_baseline_mib", at), f"{at}peak_above_baseline_mib",
                   positive=False)
        found = [p["value"] for p in points]
        if values is not None and found != values:
            raise Bad(f"{where}repeats[{i}]", f"has points {found}, not {values} as repeat 0")
        values = found


def check_document(doc, raw_exists=None) -> dict:
    """Checks one summary; raw_exists(relative path) says whether its raw samples exist."""
    if need(doc, "schema", "") != 2:
        raise Bad("schema", "must be 2 (written by this bench/run.py)")
    run = need(doc, "run", "")
    try:
        d.date(need(run, "date", "run."))
    except d.Invalid as problem:
        raise Bad("run.date", str(problem)) from None
    if need(run, "quick", "run.") is not False:
        raise Bad("run.quick", "a quick run is not published; run bench/run.py without --quick")
    text(need(run, "label", "run."), "run.label")
    number(need(run, "wall_s", "run."), "run.wall_s")
    for moment in ("before", "after"):
        numbers(need(need(run, moment, "run."), "loadavg", f"run.{moment}."),
                f"run.{moment}.loadavg")
    machine = need(doc, "machine", "")
    if need(machine, "device", "machine.") not in ("cpu", "cuda"):
        raise Bad("machine.device", f"must be cpu or cuda, not {machine['device']!r}")
    text(need(machine, "device_name", "machine."), "machine.device_name")
    cpu = need(machine, "cpu", "machine.")
    text(need(cpu, "model", "machine.cpu."), "machine.cpu.model")
    count(need(cpu, "logical_cpus", "machine.cpu."), "machine.cpu.logical_cpus")
    threads = need(machine, "threads", "machine.")
    for key in ("intra_op", "inter_op"):
        count(need(threads, key, "machine.threads."), f"machine.threads.{key}")
    versions = need(machine, "versions", "machine.")
    for key in ("torch", "tensorflow", "tensorflow_distribution", "keras", "numpy"):
        text(need(versions, key, "machine.versions."), f"machine.versions.{key}")
    text(need(need(machine, "harness", "machine."), "commit", "machine.harness."),
         "machine.harness.commit")
    need(machine, "builds", "machine.")
    settings = need(doc, "settings", "")
    repeats = count(need(settings, "repeats", "settings."), "settings.repeats")
    if repeats < MIN_REPEATS:
        raise Bad("settings.repeats", f"is {repeats}; the page publishes runs with at least "
                                      f"{MIN_REPEATS} repeats")
    for key in ("train_s", "latency_s", "throughput_s"):
        number(need(settings, key, "settings."), f"settings.{key}")
    for key in ("warmup_steps", "parity_steps", "slices", "sweep_repeats"):
        count(need(settings, key, "settings."), f"settings.{key}")
    if not isinstance(need(settings, "staggered", "settings."), bool):
        raise Bad("settings.staggered", "must be true or false")
    raw = text(need(settings, "raw", "settings."), "settings.raw")
    if raw_exists is not None and not raw_exists(raw):
        raise Bad("settings.raw", f"names {FOLDER}/{raw}, which does not exist")
    models = need(settings, "models", "settings.")
    if not isinstance(models, list) or not models or len(set(map(str, models))) != len(models):
        raise Bad("settings.models", "must be a list of models, each once")
    for i, model in enumerate(models):
        if model not in MODELS:
            raise Bad(f"settings.models[{i}]", f"unknown model {model!r}")
    results = need(doc, "results", "")
    if not isinstance(results, list) or not results:
        raise Bad("results", "must be a non-empty list")
    seen = {}
    for i, result in enumerate(results):
        name = ("/".join(str(result.get(k, "?")) for k in ("model", "framework", "mode"))
                if isinstance(result, dict) else "?")
        check_result(result, f"results[{i}] ({name}).", repeats)
        key = (result["model"], f"{result['framework']}/{result['mode']}")
        if key in seen:
            raise Bad(f"results[{i}] ({name})", f"the same configuration as results[{seen[key]}]")
        if result["model"] not in models:
            raise Bad(f"results[{i}] ({name}).model", "not in settings.models")
        seen[key] = i
    for model in models:
        missing = [c for c in REQUIRED if (model, c) not in seen]
        if missing:
            raise Bad("results", f"no result for {model} in {', '.join(missing)}")
        if all(results[seen[(model, c)]].get("error") is not None for c in REQUIRED):
            first = results[seen[(model, REQUIRED[0])]]["error"]
            raise Bad("results", f"every configuration of {model} failed (first: {first!r}); "
                                 "fix it and run bench/run.py again")
    sweeps = need(doc, "sweeps", "")
    if not isinstance(sweeps, list):
        raise Bad("sweeps", "must be a list")
    for i, sweep in enumerate(sweeps):
        check_sweep(sweep, f"sweeps[{i}].", settings["sweep_repeats"])
    return doc


_loaded: dict[tuple, list[tuple[str, dict]]] = {}  # files and their times -> checked documents


def datasets(where: str = FOLDER) -> list[tuple[str, dict]]:
    """Every published run (or, with PILOT_FOLDER, every pilot run): (file stem, document),
    oldest first; the last is the primary run. Read and checked once per set of files (every
    renderer asks), again when one changes."""
    folder = d.ROOT / where
    key = (str(folder), tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                              for p in sorted(folder.glob("*.json"))))
    if key not in _loaded:
        for old in [k for k in _loaded if k[0] == str(folder)]:
            del _loaded[old]
        _loaded[key] = read_datasets(folder, where)
    return _loaded[key]


def read_datasets(folder, where: str = FOLDER) -> list[tuple[str, dict]]:
    found = []
    for path in sorted(folder.glob("*.json")):
        rel = f"{where}/{path.name}"
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise PluginError(
                f"{rel}:{error.lineno}:{error.colno}: malformed JSON: {error.msg}"
            ) from None
        try:
            check_document(doc, lambda raw: (folder / raw).is_file())
        except Bad as bad:
            field, problem = bad.args
            raise PluginError(f"{rel}: field '{field}': {problem}") from None
        found.append((path.stem, doc))
    if not found and where == FOLDER:
        raise PluginError(f"{where}: no benchmark results (run bench/run.py)")
    # By date, then by name with numbers read as numbers: run-10 after run-9.
    return sorted(found, key=lambda item: (item[1]["run"]["date"], [
        int(part) if part.isdigit() else part for part in re.split(r"(\d+)", item[0])]))


def latest() -> tuple[str, dict]:
    return datasets()[-1]


def fmt(value: float) -> str:
    """Three significant digits (trailing zeros kept), thousands grouped, a true minus sign."""
    if value == 0:
        return "0"
    text = f"{value:#.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if "e" in text:
        text = f"{value:.2e}"
    return text.rstrip(".").replace("-", "−")


def with_interval(found: tuple[float, float, float] | None) -> str:
    if found is None:
        return "failed"
    mean, low, high = found
    return f"{fmt(mean)} ({fmt(low)} to {fmt(high)})"


def configs_of(doc: dict, model: str) -> list[str]:
    present = {f"{r['framework']}/{r['mode']}" for r in doc["results"] if r["model"] == model}
    return [c for c in CONFIGS if c in present]


def error_of(doc: dict, model: str, config: str) -> str | None:
    for r in doc["results"]:
        if r["model"] == model and f"{r['framework']}/{r['mode']}" == config:
            return r.get("error")
    return None


# Charts: training-step time per configuration, and the sweeps.

def chart_path(stem: str, name: str) -> str:
    return f"assets/charts/bench-{stem}-{name}.svg"


def chart_rows(doc: dict, model: str) -> list[tuple[str, float, float, float]]:
    rows = []
    for config in configs_of(doc, model):
        found = stats.summary(doc, model, config, "train_step_ms")
        if found:
            rows.append((CONFIGS[config], *found))
    return rows


def chart_alt(doc: dict, model: str) -> str:
    parts = [f"{label} {mean:.3g} ms" for label, mean, _, _ in chart_rows(doc, model)]
    return (f"Bar chart of the training-step time of the {MODELS[model]} on "
            f"{doc['run']['label']}, shorter is faster: " + "; ".join(parts) + ".")


SWEEP_TITLES = {"batch": "Training step per example against batch size, MLP",
                "width": "Training step against hidden width, MLP (batch 64)"}


def sweep_series(doc: dict, axis: str, threads: int) -> tuple[list[int], list[tuple]]:
    """x values, and per configuration (label, [(mean, low, high) per x]) of the time per
    example (batch axis, microseconds) or per step (width axis, milliseconds)."""
    xs, series = None, []
    for sweep in doc["sweeps"]:
        if sweep["axis"] != axis or sweep["threads"] != threads or sweep.get("error"):
            continue
        xs = [p["value"] for p in sweep["repeats"][0]]
        points = []
        for i, x in enumerate(xs):
            scale = 1000 / x if axis == "batch" else 1.0
            points.append(stats.interval([run[i]["train_step_ms"]["median"] * scale
                                          for run in sweep["repeats"]]))
        series.append((CONFIGS[f"{sweep['framework']}/{sweep['mode']}"], points))
    return xs or [], series


def sweep_memory(doc: dict, axis: str, threads: int) -> list[tuple[str, list]]:
    out = []
    for sweep in doc["sweeps"]:
        if sweep["axis"] == axis and sweep["threads"] == threads and not sweep.get("error"):
            xs = range(len(sweep["repeats"][0]))
            out.append((CONFIGS[f"{sweep['framework']}/{sweep['mode']}"],
                        [stats.interval([run[i]["peak_above_baseline_mib"]
                                         for run in sweep["repeats"]]) for i in xs]))
    return out


def sweep_threads(doc: dict) -> list[int]:
    return sorted({s["threads"] for s in doc["sweeps"] if not s.get("error")})


def generated_files() -> dict[str, str]:
    files = {}
    for stem, doc in datasets():
        for model in doc["settings"]["models"]:
            rows = chart_rows(doc, model)
            if rows:
                files[chart_path(stem, model)] = _charts.range_bar_chart(
                    f"Training step, {MODELS[model]} ({doc['machine']['device'].upper()})",
                    chart_alt(doc, model), rows,
                    f"milliseconds per step (bar: mean of {doc['settings']['repeats']} runs; "
                    "whisker: 95% interval)",
                )
        for axis in ("batch", "width"):
            for threads in sweep_threads(doc):
                xs, series = sweep_series(doc, axis, threads)
                if not series:
                    continue
                unit = "µs per example" if axis == "batch" else "ms per step"
                files[chart_path(stem, f"sweep-{axis}-{threads}t")] = _charts.line_chart(
                    f"{SWEEP_TITLES[axis]}, {threads} thread{'s' * (threads > 1)}",
                    sweep_alt(doc, axis, threads), [str(x) for x in xs],
                    [(label, [p[0] for p in points]) for label, points in series],
                    f"{unit} (log scale)", intervals=[[(p[1], p[2]) for p in points]
                                                      for _, points in series], log_y=True)
    return files


def sweep_alt(doc: dict, axis: str, threads: int) -> str:
    xs, series = sweep_series(doc, axis, threads)
    unit = "microseconds per example" if axis == "batch" else "milliseconds per step"
    parts = [f"{label}: " + ", ".join(f"{x} {fmt(p[0])}" for x, p in zip(xs, points, strict=True))
             for label, points in series]
    return (f"Line chart, {unit} on a log scale against {axis} size, {threads} "
            f"thread{'s' * (threads > 1)}: " + "; ".join(parts) + ".")


def figure(path: str, alt: str, height: int) -> str:
    # Sized, so the page does not shift as it loads; not lazy, so that it prints.
    return (f'<figure class="chart" markdown>\n![{alt}]({path}){{ width="{_charts.WIDTH}" '
            f'height="{height}" }}\n</figure>\n')


# Tables.

def human_run(stem: str, doc: dict) -> str:
    return f"{doc['run']['label']}, {d.human_date(doc['run']['date'])}"


def flags_unlike(doc: dict) -> str:
    """The processor flags that doc's machine has and some other machine lacks, and those it
    lacks that another has: what tells machines apart when each reports one family name."""
    others = [runs[0] for _, runs in other_machines(doc)]
    if not others:
        return "no other machine"
    has = sorted({f for o in others for f in stats.flag_difference(doc, o)[0]})
    lacks = sorted({f for o in others for f in stats.flag_difference(doc, o)[1]})
    return "; ".join(part for part in (f"has {', '.join(has)}" if has else "",
                                       f"lacks {', '.join(lacks)}" if lacks else "") if part) \
        or "none"


def render_environment() -> str:
    docs = datasets()
    rows = {
        "Run": lambda s, doc: f"{doc['run']['label']} (`{FOLDER}/{s}.json`)",
        "Date": lambda s, doc: d.human_date(doc["run"]["date"]),
        "Machine": lambda s, doc: machine_letter(doc),
        "Processor": lambda s, doc: (f"{doc['machine']['cpu']['model']}, "
                                     f"{doc['machine']['cpu']['logical_cpus']} logical CPUs"),
        "CPU flags unlike the other machines'": lambda s, doc: flags_unlike(doc),
        "Device": lambda s, doc: (f"{doc['machine']['device'].upper()} "
                                  f"({doc['machine']['device_name']})"),
        "Virtualization": lambda s, doc: VIRTUALIZATION.get(
            str(doc["machine"].get("virtualization")), str(doc["machine"].get("virtualization"))),
        "Memory": lambda s, doc: f"{fmt(doc['machine'].get('memory_mib') or 0)} MiB",
        "Threads": lambda s, doc: (f"{doc['machine']['threads']['intra_op']} within an operation, "
                                   f"{doc['machine']['threads']['inter_op']} across operations"),
        "Software": lambda s, doc: ("Python {python}, PyTorch {torch}, TensorFlow {tensorflow} "
                                    "(`{tensorflow_distribution}`), Keras {keras}, NumPy "
                                    "{numpy}").format(python=doc["machine"]["python"],
                                                      **doc["machine"]["versions"]),
        "Harness": lambda s, doc: f"commit `{doc['machine']['harness']['commit'][:12]}`"
                                  + (" with changes to bench/" if doc["machine"]["harness"].get(
                                      "bench_changed") else ""),
        "Repeats": lambda s, doc: (f"{doc['settings']['repeats']} fresh processes per "
                                   "configuration, one per round; rounds one after another; in "
                                   "each, one lockstep group per model, its members started "
                                   + ("one by one" if doc["settings"]["staggered"] else
                                      "all at once") + " in random order (seed "
                                   f"{doc['run']['seed']})"),
        "Windows": lambda s, doc: (f"{doc['settings']['warmup_steps']} warm-up steps; training "
                                   f"{doc['settings']['train_s']:g} s, latency "
                                   f"{doc['settings']['latency_s']:g} s, throughput "
                                   f"{doc['settings']['throughput_s']:g} s, each in "
                                   f"{doc['settings']['slices']} slices taken in turns"),
        "Load average before, after": lambda s, doc: (
            f"{doc['run']['before']['loadavg'][0]:.2f}, {doc['run']['after']['loadavg'][0]:.2f}"),
        "Stolen CPU time during the run": lambda s, doc: steal(doc),
        "Whole run": lambda s, doc: f"{doc['run']['wall_s'] / 60:.1f} minutes",
        "Raw samples": lambda s, doc: f"`{FOLDER}/{doc['settings']['raw']}`",
    }
    head = "| Setting | " + " | ".join(d.cell(doc["run"]["label"]) for _, doc in docs) + " |"
    lines = [head, "|---|" + "---|" * len(docs)]
    for name, value in rows.items():
        lines.append(f"| {name} | " + " | ".join(d.cell(value(s, doc)) for s, doc in docs) + " |")
    return "\n".join(lines)


def steal_share(doc: dict) -> float | None:
    """The share of CPU time the hypervisor took during the run, or None when not recorded."""
    before, after = doc["run"]["before"], doc["run"]["after"]
    if before.get("steal_ticks") is None or after.get("steal_ticks") is None:
        return None
    total = after["total_ticks"] - before["total_ticks"]
    return (after["steal_ticks"] - before["steal_ticks"]) / total if total else 0.0


def steal(doc: dict) -> str:
    share = steal_share(doc)
    return "not recorded" if share is None else f"{share:.2%} of CPU time"


def render_results() -> str:
    docs = datasets()
    stem, doc = docs[-1]
    blocks = []
    for model in doc["settings"]["models"]:
        name = MODELS[model][0].upper() + MODELS[model][1:]
        blocks.append(f"### {name} {{#results-{model}}}\n")
        if rows := chart_rows(doc, model):
            blocks.append(figure(chart_path(stem, model), chart_alt(doc, model),
                                 _charts.range_bar_height(len(rows))))
        lines = [
            "| Configuration | Training step, ms | Latency at batch 1, ms: p50 | p90 | p99 | "
            "Throughput, examples/s | Peak memory above baseline, MiB | Time to first result, s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for config in configs_of(doc, model):
            if (problem := error_of(doc, model, config)) is not None:
                lines.append(f"| {CONFIGS[config]} | failed: {d.cell(problem)} |||||||")
                continue
            cells = [with_interval(stats.summary(doc, model, config, m)) for m in (
                "train_step_ms", "latency_p50_ms", "latency_p90_ms", "latency_p99_ms",
                "throughput_per_s", "peak_above_baseline_mib", "first_result_s")]
            lines.append(f"| {CONFIGS[config]} | " + " | ".join(cells) + " |")
        blocks.append("\n".join(lines) + "\n")
        blocks.append(f"/// table-caption\n{name}, {human_run(stem, doc)}: the mean of "
                      f"{doc['settings']['repeats']} fresh-process runs and, in brackets, its 95% "
                      "interval.\n///\n")
        if len(docs) > 1:
            blocks.append(render_side_by_side(docs, model))
    return "\n".join(blocks)


def render_side_by_side(docs: list[tuple[str, dict]], model: str) -> str:
    configs = [c for c in CONFIGS if any(c in configs_of(doc, model) for _, doc in docs)]
    lines = ["| Configuration | " + " | ".join(d.cell(doc["run"]["label"]) for _, doc in docs)
             + " |", "|---|" + "---:|" * len(docs)]
    for config in configs:
        cells = [with_interval(stats.summary(doc, model, config, "train_step_ms"))
                 if config in configs_of(doc, model) else "not run" for _, doc in docs]
        lines.append(f"| {CONFIGS[config]} | " + " | ".join(cells) + " |")
    return ("\n".join(lines) + "\n\n/// table-caption\nTraining step of the "
            f"{MODELS[model]} in ms, every published run side by side (mean and 95% interval)."
            "\n///\n")


def typical(entry: dict) -> dict:
    """The run whose median training step is the median of the runs'."""
    ordered = sorted(entry["repeats"], key=lambda run: run["train_step_ms"]["median"])
    return ordered[len(ordered) // 2]


def render_other() -> str:
    """Per-step spread within a run, first steps, the memory when ready to train, the compiler
    workers' memory, and the cold compiles."""
    _, doc = latest()
    lines = ["| Model | Configuration | Training step within the typical run, ms: median (IQR) | "
             "First step, ms | Memory ready to train, MiB | Compiler workers, MiB | First step "
             "with an empty compiler cache, ms (compiler workers, MiB) |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for model in doc["settings"]["models"]:
        for config in configs_of(doc, model):
            entry = stats.result(doc, model, config)
            if entry is None:
                lines.append(f"| {MODELS[model]} | {CONFIGS[config]} | failed: "
                             f"{d.cell(error_of(doc, model, config))} |||||")
                continue
            middle = typical(entry)["train_step_ms"]
            compiled = config.startswith("pytorch/compile")
            cold = entry.get("cold") or {}
            if not compiled:
                cold_text = "no compiler cache"
            elif cold.get("error"):
                cold_text = f"failed: {d.cell(cold['error'])}"
            else:
                cold_text = (f"{fmt(cold['first_step_ms'])} ({fmt(cold['compiler_workers_mib'])}),"
                             " one run")
            workers = (with_interval(stats.summary(doc, model, config, "compiler_workers_mib"))
                       if compiled else "not measured")
            lines.append(
                f"| {MODELS[model]} | {CONFIGS[config]} | {fmt(middle['median'])} "
                f"({fmt(middle['q1'])}–{fmt(middle['q3'])}) | "
                f"{with_interval(stats.summary(doc, model, config, 'first_step_ms'))} | "
                f"{with_interval(stats.summary(doc, model, config, 'baseline_mib'))} | "
                f"{workers} | {cold_text} |")
    return "\n".join(lines)


def render_sweeps() -> str:
    stem, doc = latest()
    blocks = []
    for axis in ("batch", "width"):
        for threads in sweep_threads(doc):
            xs, series = sweep_series(doc, axis, threads)
            if not series:
                continue
            blocks.append(figure(chart_path(stem, f"sweep-{axis}-{threads}t"),
                                 sweep_alt(doc, axis, threads), _charts.HEIGHT))
            memory = dict(sweep_memory(doc, axis, threads))
            unit = "µs per example" if axis == "batch" else "ms per step"
            head = "Batch size" if axis == "batch" else "Hidden width"
            lines = [f"| {head} | " + " | ".join(f"{label}, {unit} | {label}, MiB above baseline"
                                                 for label, _ in series) + " |",
                     "|---:|" + "---:|---:|" * len(series)]
            for i, x in enumerate(xs):
                cells = []
                for label, points in series:
                    cells += [with_interval(points[i]), with_interval(memory[label][i])]
                lines.append(f"| {x} | " + " | ".join(cells) + " |")
            blocks.append("\n".join(lines) + f"\n\n/// table-caption\n{SWEEP_TITLES[axis]}, "
                          f"{threads} thread{'s' * (threads > 1)}: mean and 95% interval of "
                          f"{doc['settings']['sweep_repeats']} runs.\n///\n")
    return "\n".join(blocks)


def parity(doc: dict) -> list[tuple[str, float, float, int]]:
    """Per model: the largest relative difference between any two configurations' losses over
    the recorded steps of every repeat, the largest absolute difference of the inference
    outputs, and how many steps were compared."""
    out = []
    for model in doc["settings"]["models"]:
        entries = [r for r in doc["results"] if r["model"] == model and not r.get("error")]
        runs = [run for entry in entries for run in entry["repeats"]]
        steps = min(len(run["losses"]) for run in runs)
        worst = 0.0
        for i in range(steps):
            values = [run["losses"][i] for run in runs]
            worst = max(worst, (max(values) - min(values)) / max(abs(min(values)), 1e-12))
        outputs = [run["output"] for run in runs]
        widest = max(max(column) - min(column) for column in zip(*outputs, strict=True))
        out.append((model, worst, widest, steps))
    return out


def render_parity() -> str:
    _, doc = latest()
    lines = ["| Model | Steps compared | Largest relative difference in loss | Largest difference "
             "in inference output | Within tolerance |", "|---|---:|---:|---:|---|"]
    for model, worst, widest, steps in parity(doc):
        ok = worst <= PARITY_TOLERANCE and widest <= OUTPUT_TOLERANCE
        lines.append(f"| {MODELS[model]} | {steps} | {worst:.1e} | {widest:.1e} | "
                     f"{'yes' if ok else 'no'} |")
    return "\n".join(lines)


# Verdicts: every one from paired per-round ratios (bench/stats.py).

WORDS = {"lower": "lower", "higher": "higher", "within variation": "within variation"}
NO_DIFFERENCE = f"No difference of {round((stats.MARGIN - 1) * 100)}% or more shown"


def ratio_text(found: dict) -> str:
    return f"{found['ratio']:#.3g}× ({found['low']:#.3g} to {found['high']:#.3g})"


def machines(docs: list[tuple[str, dict]] | None = None) -> list[tuple[str, list[dict]]]:
    """The published runs grouped by machine (stats.machine_key), each group named by a letter
    in the order of its first run: [("A", [runs, oldest first]), ...]."""
    groups: dict[tuple, list[dict]] = {}
    for _, doc in datasets() if docs is None else docs:
        groups.setdefault(stats.machine_key(doc), []).append(doc)
    return [(chr(ord("A") + i), runs) for i, runs in enumerate(groups.values())]


def machine_letter(doc: dict) -> str:
    return next(letter for letter, runs in machines() if any(r is doc for r in runs))


def earlier_runs(doc: dict) -> list[dict]:
    """The other published runs on the same machine as doc, newest first."""
    key = stats.machine_key(doc)
    return [other for _, other in reversed(datasets()) if other is not doc
            and stats.machine_key(other) == key]


def other_machines(doc: dict) -> list[tuple[str, list[dict]]]:
    """The other machines of doc's kind of device (CPU or GPU) and their runs."""
    return [(letter, runs) for letter, runs in machines()
            if stats.machine_key(runs[0]) != stats.machine_key(doc)
            and runs[0]["machine"]["device"] == doc["machine"]["device"]]


def disagreeing(doc: dict, outcome_of, mine: str) -> str:
    """The notes that keep a verdict from reading as settled: every other run on doc's machine
    that gives another outcome ('not settled'), and every other machine on which some run does
    ('on machine B')."""
    notes = []
    same = [f"{other['run']['label']} gives {theirs}" for other in reversed(earlier_runs(doc))
            if (theirs := outcome_of(other)) != mine]
    if same:
        notes.append(f"not settled: {'; '.join(same)}")
    for letter, runs in other_machines(doc):
        theirs = [f"{other['run']['label']} gives {got}" for other in runs
                  if (got := outcome_of(other)) != mine]
        if theirs:
            notes.append(f"on machine {letter}: {'; '.join(theirs)}")
    return "".join(f" [{note}]" for note in notes)


def settled(doc: dict, model: str, measure: str, a: str, b: str, outcome: str) -> str:
    """'' when every other published run gives the same outcome; otherwise notes naming every run
    that does not, on this machine and on others, so that no verdict reads as settled when a
    re-run, or another machine, disagrees."""
    def outcome_of(other: dict) -> str:
        found = stats.compare(other, model, measure, a, b)
        return found["outcome"] if found else "not compared"

    return disagreeing(doc, outcome_of, outcome)


def against(model: str, a: str, b: str, ratio: str) -> str:
    """How most verdicts word one comparison."""
    return f"{a} against {b}, {model}: {ratio}"


def items(doc: dict, measure: str, pairs: list[tuple[str, str]], phrase) -> dict[str, list[str]]:
    """Each model's comparisons on one measure, grouped by outcome; phrase(model, a, b, text).
    Each says whether the earlier runs agree with it."""
    groups = {"lower": [], "higher": [], "within variation": []}
    for model in doc["settings"]["models"]:
        for a, b in pairs:
            found = stats.compare(doc, model, measure, a, b)
            if found:
                note = settled(doc, model, measure, a, b, found["outcome"])
                groups[found["outcome"]].append(phrase(MODELS[model], CONFIGS[a], CONFIGS[b],
                                                       ratio_text(found)) + note)
    return groups


def bullets(groups: dict[str, list[str]], labels: dict[str, str]) -> str:
    return "\n\n" + "\n".join(f"- {labels[k]}: {'; '.join(v)}." for k, v in groups.items()
                              if v) + "\n"


def lead(groups: dict[str, list[str]], holds: str, fails: str, always: bool = False) -> str:
    """The verdict's first words. A claim holds when some comparison supports it and none
    contradicts it; a claim of 'always' also needs every comparison to support it."""
    if not any(groups.values()):
        return "**Not compared**: a configuration it needs failed."
    if always:
        if groups[fails] or groups["within variation"]:
            return "**Does not hold on our data.**"
        return "**Holds on our data.**"
    if not groups[holds] and not groups[fails]:
        return "**No difference shown on our data.**"
    if groups[holds] and groups[fails]:
        return "**Depends on the model and mode.**"
    if groups["within variation"]:  # some comparisons show the difference, the rest none
        side = "Holds" if groups[holds] else "Does not hold"
        return f"**{side} in some comparisons; no difference shown in the others.**"
    return "**Holds on our data.**" if groups[holds] else "**Does not hold on our data.**"


def verdict_graph_mode(doc: dict) -> str:
    groups = items(doc, "train_step_ms", stats.GRAPH,
                   lambda m, a, b, t: f"{a} on the {m}: {t} of {b}'s time")
    labels = {"lower": "Faster than eager", "higher": "Slower than eager",
              "within variation": NO_DIFFERENCE}
    return (f"{lead(groups, 'lower', 'higher', always=True)} The training step's time in each "
            "compiled mode "
            "as a share of the same framework's eager time, with its 95% interval:"
            + bullets(groups, labels))


def fastest_text(doc: dict, model: str) -> str:
    found = stats.fastest(doc, model, list(CONFIGS))
    if found is None:
        return f"{MODELS[model]}: every configuration failed"
    # The fastest and the configurations the rule cannot tell from it, as one set, in a fixed
    # order: which of them has the lowest mean is itself within variation.
    group = sorted(CONFIGS[c] for c in [found["best"], *found["ties"]])
    named = (f"{', '.join(group)}, none of them beaten by another" if found["ties"] else
             f"{group[0]}, the only configuration that no other beats")
    failed = (f" ({', '.join(CONFIGS[c] for c in found['failed'])} failed and could not be "
              "compared)" if found["failed"] else "")
    return f"{MODELS[model]}: {named}{failed}"


def verdict_eager_speed(doc: dict) -> str:
    labels = {"higher": "PyTorch faster", "lower": "TensorFlow faster",
              "within variation": NO_DIFFERENCE}
    eager = items(doc, "train_step_ms", stats.ACROSS[:2],
                  against)
    compiled = items(doc, "train_step_ms", stats.ACROSS[3:],
                     against)
    defaults = items(doc, "train_step_ms", stats.DEFAULTS, against)
    best = []
    for model in doc["settings"]["models"]:
        mine = fastest_text(doc, model)
        best.append(mine + disagreeing(
            doc, lambda other, model=model: fastest_text(other, model).split(": ", 1)[1],
            mine.split(": ", 1)[1]))
    def plain(text: str) -> str:
        return text.replace("**", "")

    return (f"**Eager against eager: {plain(lead(eager, 'higher', 'lower'))}** TensorFlow's "
            "training step time as a share of PyTorch's (above 1: PyTorch faster):"
            + bullets(eager, labels) + "\n**Compiled against compiled: "
            f"{plain(lead(compiled, 'higher', 'lower'))}** The same ratio between the compiled "
            "modes:" + bullets(compiled, labels)
            + "\n**Keras with XLA, its default on a machine with a GPU or TPU, against PyTorch "
            "eager: "
            f"{plain(lead(defaults, 'higher', 'lower'))}** PyTorch runs eagerly unless asked "
            "otherwise, while Keras's `Model.compile` on the TensorFlow backend compiles with XLA "
            "when the model allows it and the machine has a GPU or TPU; on a CPU-only machine "
            "such as this one it leaves XLA off [@keras2026trainer], a default the harness does "
            "not measure as a Keras mode, so on this machine this compares a setting, not the "
            "default. The ratio of Keras with XLA to PyTorch eager:"
            + bullets(defaults, labels)
            + "\nThe fastest configurations for each model: " + "; ".join(best) + ".\n")


def verdict_memory(doc: dict) -> str:
    groups = items(doc, "peak_above_baseline_mib",
                   [("keras/eager", "pytorch/eager"), ("tensorflow/eager", "pytorch/eager")],
                   against)
    labels = {"lower": "TensorFlow lower", "higher": "TensorFlow higher",
              "within variation": NO_DIFFERENCE}
    ready = items(doc, "baseline_mib", [("keras/eager", "pytorch/eager")],
                  lambda m, a, b, t: f"{m}: {t}")
    peak, ready_lead = lead(groups, "lower", "higher"), lead(ready, "lower", "higher")
    first = (peak.replace(" and mode", "") if peak == ready_lead else
             "**Depends on what is counted.**")
    return (f"{first} Peak memory of the "
            "training and inference steps above what the process held after imports, model "
            "building and data, eager against eager:" + bullets(groups, labels)
            + "\nThe memory a process holds when it is ready to train (after imports, model and "
            "data), Keras 3 with TensorFlow against PyTorch, is a separate cost; it includes "
            "each framework's libraries (here PyTorch's CUDA build), and its narrow interval "
            "describes processes of one build, not other builds:"
            + bullets(ready, labels))


def verdict_first_result(doc: dict) -> str:
    groups = items(doc, "first_result_s",
                   [("keras/eager", "pytorch/eager"), ("keras/xla", "pytorch/compile")],
                   against)
    labels = {"lower": "TensorFlow sooner", "higher": "PyTorch sooner",
              "within variation": NO_DIFFERENCE}
    return ("**Not testable by timing alone**: prototyping speed depends on the person and the "
            "task. The nearest measurable quantity is the time from starting Python to the first "
            "training step's result, imports, model building and any compiling included. "
            "`torch.compile` starts with its cache filled by an earlier run, while XLA, which the "
            "harness gives no cache, compiles from scratch in every process; the [other figures]"
            "(#other-figures) give `torch.compile`'s first step with an empty cache:"
            + bullets(groups, labels))


VERDICTS = {
    "graph-mode": verdict_graph_mode,
    "memory": verdict_memory,
    "eager-speed": verdict_eager_speed,
    "first-result": verdict_first_result,
}


def render_verdict(name: str) -> str:
    return VERDICTS[name](latest()[1])


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def pretty(text: str) -> str:
    """A verdict's id or outcome in the page's words: 'mlp: ..., keras/xla vs ...' reads
    'MLP: ..., Keras 3 (TensorFlow) XLA vs ...'."""
    for config in sorted(CONFIGS, key=len, reverse=True):
        text = text.replace(config, CONFIGS[config])
    model, sep, rest = text.partition(": ")
    if sep and model in MODELS:
        text = upper_first(MODELS[model]) + sep + rest
    return text


def verdict_args(name: str) -> tuple[str, str, str, str]:
    """(model, measure, a, b) of a paired verdict, from its id in stats.verdict_list."""
    for listed, model, measure, a, b in stats.verdict_list(list(MODELS)):
        if listed == name:
            return model, measure, a, b
    raise KeyError(name)


def differing(runs: list[dict], names: list[str]) -> str:
    """A list of the paired comparisons among names, each with every run's ratio and outcome."""
    return "\n".join(f"- {d.cell(pretty(k))}: " + "; ".join(
        f"{o['run']['label']}: {ratio_text(got)}, {pretty(got['outcome'])}"
        for o in runs if (got := stats.compare(o, *verdict_args(k))) is not None)
        for k in names) + "\n"


def render_reproduction() -> str:
    """For each machine with two or more runs, the agreement of its two newest runs as
    bench/compare.py counts it, with the paired comparisons that differ; then the verdicts that
    differ between machines (the newest run of each); then every verdict in every run, one
    column per run, grouped by machine."""
    docs = datasets()
    stem = {id(o): s for s, o in docs}
    device = docs[-1][1]["machine"]["device"]
    groups = [(letter, runs) for letter, runs in machines(docs)
              if runs[0]["machine"]["device"] == device]
    runs = [o for _, group in groups for o in group]
    if len(runs) < 2:
        return ("Only one run has been published for this device, so no verdict has been checked "
                "against a re-run yet.")
    found = {id(o): stats.verdicts(o) for o in runs}
    names = list(dict.fromkeys(k for o in reversed(runs) for k in found[id(o)]))
    paired = [k for k in names if not k.endswith("fastest training step")]
    # Each verdict's outcome on each machine, or None where that machine's runs disagree.
    steady = {}
    for k in names:
        outcomes = [{found[id(o)].get(k, "not compared") for o in group} for _, group in groups]
        steady[k] = [next(iter(o)) for o in outcomes] if all(len(o) == 1 for o in outcomes) \
            else None
    parts = []
    for letter, group in groups:
        if len(group) < 2:
            parts.append(f"Machine {letter} has one run, {group[0]['run']['label']}, and no "
                         "re-run yet.")
            continue
        old, new = group[-2], group[-1]
        agree, total = stats.agreement(found[id(old)], found[id(new)])
        differ = [k for k in paired if found[id(old)].get(k) != found[id(new)].get(k)]
        opposite = sum({found[id(old)].get(k), found[id(new)].get(k)} == {"lower", "higher"}
                       for k in differ)
        text = (f"On machine {letter}, **{agree} of {total} verdicts agree** between its two "
                f"newest runs, `{stem[id(old)]}.json` and `{stem[id(new)]}.json`, the result of "
                f"`bench/compare.py` on the two files; {len(differ)} of the {len(paired)} paired "
                f"comparisons {'differs' if len(differ) == 1 else 'differ'}, {opposite} of them "
                "in opposite directions.")
        if differ:
            text += (" The paired comparisons that differ, each run's ratio with its 95% "
                     "interval:\n\n" + differing([old, new], differ))
        sets = [k for k in names if k.endswith("fastest training step")
                and found[id(old)].get(k) != found[id(new)].get(k)]
        if sets:
            text += ("\n\nThe fastest configurations differ for "
                     + "; ".join(f"{d.cell(upper_first(MODELS[k.split(':')[0]]))} "
                                 f"({old['run']['label']}: "
                                 f"{d.cell(pretty(found[id(old)].get(k, 'not compared')))}; "
                                 f"{new['run']['label']}: "
                                 f"{d.cell(pretty(found[id(new)].get(k, 'not compared')))})"
                                 for k in sets) + ".")
        parts.append(text)
    if len(groups) > 1:
        # A difference between machines counts only where every run on each machine agrees:
        # otherwise the re-runs on one machine already differ, and the machine may not be why.
        across = [k for k in paired if steady[k] and len(set(steady[k])) > 1]
        unsteady = [k for k in paired if steady[k] is None]
        newest = [group[-1] for _, group in groups]
        text = (f"Between machines ({', '.join(letter for letter, _ in groups)}): "
                f"{len(across)} of the {len(paired)} paired comparisons give one verdict in "
                "every run on each machine and another verdict on another machine")
        text += (", each machine's newest ratio with its 95% interval:\n\n"
                 + differing(newest, across) if across else ".\n")
        parts.append(text + f"\n{len(unsteady)} more differ between runs on one machine, so "
                     "that what they show of the machines is unclear.")
    head = " | ".join(d.cell(f"{o['run']['label']} (machine {machine_letter(o)})") for o in runs)
    lines = [f"| Verdict | {head} | Same on each machine | Same on all |",
             "|---|" + "---|" * len(runs) + "---|---|"]
    for k in names:
        cells = [found[id(o)].get(k, "not compared") for o in runs]
        lines.append(f"| {d.cell(pretty(k))} | " + " | ".join(d.cell(pretty(c)) for c in cells)
                     + f" | {'yes' if steady[k] else '**no**'} | "
                     + f"{'yes' if len(set(cells)) == 1 else '**no**'} |")
    return "\n\n".join(parts) + "\n\n" + "\n".join(lines) + "\n"


def render_repeat() -> str:
    """How far absolute figures moved between the two newest runs on the newest run's machine:
    each configuration's mean step time and mean time to a first result, newer over older."""
    new = latest()[1]
    same = earlier_runs(new)
    if not same:
        return "Only one run has been published on this machine."
    old = same[0]
    spans = {}
    for measure in ("train_step_ms", "first_result_s"):
        ratios = []
        for model in new["settings"]["models"]:
            for config in configs_of(new, model):
                a, b = stats.summary(old, model, config, measure), stats.summary(
                    new, model, config, measure)
                if a and b:
                    ratios.append(b[0] / a[0])
        spans[measure] = (min(ratios), max(ratios)) if ratios else None
    if not all(spans.values()):
        return "The two newest runs on this machine have no configuration in common."
    (s_lo, s_hi), (f_lo, f_hi) = spans["train_step_ms"], spans["first_result_s"]
    return ("Between the two newest runs on one machine, each configuration's mean training "
            f"step time in {new['run']['label']} was between {s_lo:.2f} and {s_hi:.2f} times its "
            f"time in {old['run']['label']}, and its mean time to a first result between "
            f"{f_lo:.2f} and {f_hi:.2f} times.")


def render_pilots() -> str:
    return pilot_agreement(latest()[1]["machine"]["device"]).strip() or (
        "No pilot runs are kept for this device.")


def pilot_agreement(device: str) -> str:
    """How often each pair of pilot runs agrees under the rule as it is now. The pilots chose the
    rule, so this shows what the choice was fitted to, not a test of it."""
    pilots = [o for _, o in datasets(PILOT_FOLDER) if o["machine"]["device"] == device]
    if len(pilots) < 2:
        return ""
    found = [stats.verdicts(o) for o in pilots]
    pairs = [(i, j) for i in range(len(pilots)) for j in range(i + 1, len(pilots))]
    counts = [stats.agreement(found[i], found[j]) for i, j in pairs]
    agreed = sorted(agree for agree, _ in counts)
    return (pilot_spread(pilots) + f" Scored by that rule, the {len(pilots)} pilot runs agree "
            f"on {agreed[0]} to {agreed[-1]} of {counts[0][1]} verdicts, pair by pair: a fit to "
            "the data the rule was chosen from, not a test of it.")


QUIET = 0.01  # a run in which the hypervisor took less than 1% of the CPU time


def spreads_of(runs: list[dict]) -> list[float]:
    """For every paired verdict that all the runs compare: its largest ratio over its smallest,
    minus 1, sorted."""
    out = []
    for _, model, measure, a, b in stats.verdict_list(list(runs[0]["settings"]["models"])):
        ratios = [found["ratio"] for o in runs
                  if (found := stats.compare(o, model, measure, a, b))]
        if len(ratios) == len(runs):
            out.append(max(ratios) / min(ratios) - 1)
    return sorted(out)


def pilot_spread(pilots: list[dict]) -> str:
    """How far each paired ratio moved between the quiet pilot runs, and between all of them:
    what the margin was chosen from (bench/stats.py)."""
    quiet = [o for o in pilots if (share := steal_share(o)) is not None and share < QUIET]
    if len(quiet) < 2:
        return ""
    spreads, everywhere = spreads_of(quiet), spreads_of(pilots)
    if len(spreads) < 10:
        return ""
    p90 = spreads[math.ceil(0.9 * len(spreads)) - 1]
    return ("\n\nIn the " + str(len(quiet)) + " pilot runs on a quiet host (the hypervisor took "
            f"under {QUIET:.0%} of the CPU time: "
            + "; ".join(o["run"]["label"] for o in quiet)
            + f"), the largest of a paired ratio's values exceeded its smallest by "
            f"{statistics.median(spreads):.1%} for the median verdict, {p90:.0%} at the 90th "
            f"percentile and {spreads[-1]:.0%} at most, over {len(spreads)} paired verdicts; over "
            f"all {len(pilots)} pilot runs, by {everywhere[-1]:.0%} at most. No margin keeps a "
            "verdict whose ratio lies near it from changing between runs; a wider margin only "
            "leaves fewer ratios near it.")
