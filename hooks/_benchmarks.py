"""The Performance page's data: one JSON file per benchmark run and machine under
data/benchmarks/, written by bench/run.py. This module checks each file against the schema the
harness writes, draws one chart per model and run, and renders the tables and the verdicts on
common claims, so that every figure on the page comes from a measured file."""

from __future__ import annotations

import json
import math
import statistics

from mkdocs.exceptions import PluginError

import _charts
import _data as d

FOLDER = "data/benchmarks"
MODELS = {"mlp": "MLP", "cnn": "small CNN", "transformer": "small transformer encoder"}
CONFIGS = {  # (framework, mode) -> label, in the order of the tables
    ("pytorch", "eager"): "PyTorch eager",
    ("pytorch", "compile"): "PyTorch torch.compile",
    ("tensorflow", "eager"): "TensorFlow eager",
    ("tensorflow", "function"): "TensorFlow tf.function",
    ("tensorflow", "xla"): "TensorFlow tf.function + XLA",
}
COMPILED = {
    ("pytorch", "compile"): ("pytorch", "eager"),
    ("tensorflow", "function"): ("tensorflow", "eager"),
    ("tensorflow", "xla"): ("tensorflow", "eager"),
}
PARITY_TOLERANCE = 1e-3  # relative difference allowed between any two implementations' losses


class Bad(Exception):
    """A field breaks the schema: (path of the field, problem)."""


def need(container: dict, key: str, where: str):
    if not isinstance(container, dict) or key not in container:
        raise Bad(f"{where}{key}", "missing")
    return container[key]


def number(value, where: str, positive: bool = True) -> float:
    # JSON allows NaN and Infinity (Python writes them for a failed measurement); neither is one.
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or (positive and value <= 0)):
        raise Bad(where, f"must be a {'positive ' if positive else ''}number, not {value!r}")
    return float(value)


def count(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise Bad(where, f"must be a positive whole number, not {value!r}")
    return value


def text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Bad(where, "must be non-empty text")
    return value


def spread(value, where: str) -> dict:
    for key in ("median", "q1", "q3"):
        number(need(value, key, f"{where}."), f"{where}.{key}")
    count(need(value, "n", f"{where}."), f"{where}.n")
    if not value["q1"] <= value["median"] <= value["q3"]:
        raise Bad(where, "needs q1 <= median <= q3")
    return value


def check_result(result: dict, where: str, repeats: int | None = None) -> dict:
    """One configuration's result: every field the page shows (repeats: how many runs each
    per-run list must hold)."""
    framework, mode, model = (need(result, k, where) for k in ("framework", "mode", "model"))
    if (framework, mode) not in CONFIGS:
        raise Bad(f"{where}mode", f"unknown configuration {framework}/{mode}")
    if model not in MODELS:
        raise Bad(f"{where}model", f"unknown model {model!r}")
    if result.get("error") is not None:
        text(result["error"], f"{where}error")
        return result
    for key in ("train_step_ms", "latency_ms", "throughput_batch_ms"):
        spread(need(result, key, where), f"{where}{key}")
    for key in ("first_step_ms", "first_inference_ms", "throughput_per_s", "rss_after_setup_mb",
                "peak_rss_mb"):
        number(need(result, key, where), f"{where}{key}")
    count(need(result, "throughput_batch", where), f"{where}throughput_batch")
    if result["peak_rss_mb"] < result["rss_after_setup_mb"]:
        raise Bad(f"{where}peak_rss_mb", "is below rss_after_setup_mb, which it includes")
    for key in ("train_step_ms_runs", "first_step_ms_runs", "peak_rss_mb_runs"):
        values = need(result, key, where)
        if not isinstance(values, list) or not values or (repeats and len(values) != repeats):
            raise Bad(f"{where}{key}", "must be a list of numbers, one per run "
                                       f"({repeats or 'any'})")
        for i, value in enumerate(values):
            number(value, f"{where}{key}[{i}]")
    losses = need(result, "losses", where)
    if not isinstance(losses, list) or not losses:
        raise Bad(f"{where}losses", "must be a non-empty list of numbers")
    for i, loss in enumerate(losses):
        number(loss, f"{where}losses[{i}]")
    return result


def check_document(doc) -> dict:
    if need(doc, "schema", "") != 1:
        raise Bad("schema", "must be 1")
    run = need(doc, "run", "")
    try:
        d.date(need(run, "date", "run."))
    except d.Invalid as problem:
        raise Bad("run.date", str(problem)) from None
    if need(run, "quick", "run.") is not False:
        raise Bad("run.quick", "a quick run is not published; run bench/run.py without --quick")
    text(need(run, "label", "run."), "run.label")
    number(need(run, "wall_s", "run."), "run.wall_s")
    env = need(doc, "environment", "")
    for key in ("python", "cpu", "device"):
        text(need(env, key, "environment."), f"environment.{key}")
    count(need(env, "logical_cpus", "environment."), "environment.logical_cpus")
    threads = need(env, "threads", "environment.")
    for key in ("intra_op", "inter_op"):
        count(need(threads, key, "environment.threads."), f"environment.threads.{key}")
    versions = need(env, "versions", "environment.")
    for key in ("torch", "tensorflow-cpu", "keras", "numpy"):
        text(need(versions, key, "environment.versions."), f"environment.versions.{key}")
    settings = need(doc, "settings", "")
    for key in ("repeats", "warmup", "steps", "latency_calls", "throughput_calls"):
        count(need(settings, key, "settings."), f"settings.{key}")
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
        name = (
            "/".join(str(result.get(k, "?")) for k in ("model", "framework", "mode"))
            if isinstance(result, dict)
            else "?"
        )
        check_result(result, f"results[{i}] ({name}).", settings["repeats"])
        key = (result["model"], result["framework"], result["mode"])
        if key in seen:
            raise Bad(f"results[{i}] ({name})", f"the same configuration as results[{seen[key]}]")
        if result["model"] not in models:
            raise Bad(f"results[{i}] ({name}).model", "not in settings.models")
        seen[key] = i
    for model in models:
        missing = [f"{f}/{m}" for f, m in CONFIGS if (model, f, m) not in seen]
        if missing:
            raise Bad("results", f"no result for {model} in {', '.join(missing)}")
        if all(results[seen[(model, f, m)]].get("error") is not None for f, m in CONFIGS):
            first = results[seen[(model, *next(iter(CONFIGS)))]]["error"]
            raise Bad("results", f"every configuration of {model} failed (first: {first!r}); "
                                 "fix it and run bench/run.py again")
    return doc


def datasets() -> list[tuple[str, dict]]:
    """Every published run: (file stem, document), oldest first."""
    folder = d.ROOT / FOLDER
    found = []
    for path in sorted(folder.glob("*.json")):
        rel = f"{FOLDER}/{path.name}"
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise PluginError(
                f"{rel}:{error.lineno}:{error.colno}: malformed JSON: {error.msg}"
            ) from None
        try:
            check_document(doc)
        except Bad as bad:
            field, problem = bad.args
            raise PluginError(f"{rel}: field '{field}': {problem}") from None
        found.append((path.stem, doc))
    if not found:
        raise PluginError(f"{FOLDER}: no benchmark results (run bench/run.py)")
    return sorted(found, key=lambda item: item[1]["run"]["date"])


def latest() -> tuple[str, dict]:
    return datasets()[-1]


def by_config(doc: dict, model: str) -> dict[tuple[str, str], dict]:
    return {(r["framework"], r["mode"]): r for r in doc["results"] if r["model"] == model}


def fmt(value: float) -> str:
    return f"{value:,.3g}" if value < 1000 else f"{value:,.0f}"


def chart_path(stem: str, model: str) -> str:
    return f"assets/charts/bench-{stem}-{model}.svg"


def chart_rows(doc: dict, model: str) -> list[tuple[str, float, float, float]]:
    results = by_config(doc, model)
    return [
        (label, r["train_step_ms"]["median"], r["train_step_ms"]["q1"], r["train_step_ms"]["q3"])
        for config, label in CONFIGS.items()
        if (r := results.get(config)) and not r.get("error")
    ]


def chart_alt(doc: dict, model: str) -> str:
    rows = chart_rows(doc, model)
    parts = [f"{label} {median:.3g} ms" for label, median, _, _ in rows]
    return (f"Bar chart of the median training-step time of the {MODELS[model]} on "
            f"{doc['run']['label']}, shorter is faster: " + "; ".join(parts) + ".")


def generated_files() -> dict[str, str]:
    files = {}
    for stem, doc in datasets():
        for model in doc["settings"]["models"]:
            rows = chart_rows(doc, model)
            if rows:
                files[chart_path(stem, model)] = _charts.range_bar_chart(
                    f"Training step, {MODELS[model]} ({doc['environment']['device'].upper()})",
                    chart_alt(doc, model), rows, "milliseconds per step (bar: median; whisker: "
                                                 "interquartile range)",
                )
    return files


def render_environment() -> str:
    stem, doc = latest()
    env, settings = doc["environment"], doc["settings"]
    versions = env["versions"]
    rows = [
        ("Run", f"{doc['run']['label']}, {d.human_date(doc['run']['date'])} "
                f"(`{FOLDER}/{stem}.json`)"),
        ("Processor", f"{env['cpu']}, {env['logical_cpus']} logical CPUs"),
        ("Threads", f"{env['threads']['intra_op']} within an operation, "
                    f"{env['threads']['inter_op']} across "
                    "operations, the same for both frameworks"),
        ("Software", f"Python {env['python']}, PyTorch {versions['torch']}, TensorFlow "
                     f"{versions['tensorflow-cpu']} (CPU build), Keras {versions['keras']}, NumPy "
                     f"{versions['numpy']}"),
        ("Steps", f"{settings['warmup']} warm-up steps, then {settings['steps']} measured training "
                  f"steps; {settings['latency_calls']} latency calls and "
                  f"{settings['throughput_calls']} throughput calls"),
        ("Whole run", f"{doc['run']['wall_s'] / 60:.1f} minutes"),
    ]
    lines = ["| Setting | Value |", "|---|---|"] + [f"| {k} | {d.cell(v)} |" for k, v in rows]
    return "\n".join(lines)


def render_results() -> str:
    stem, doc = latest()
    blocks = []
    for model in doc["settings"]["models"]:
        results = by_config(doc, model)
        blocks.append(f"### {MODELS[model][0].upper() + MODELS[model][1:]} {{#results-{model}}}\n")
        if rows := chart_rows(doc, model):
            # Sized, so the page does not shift as it loads; not lazy, so that it prints.
            size = f'width="{_charts.WIDTH}" height="{_charts.range_bar_height(len(rows))}"'
            blocks.append('<figure class="chart" '
                          f'markdown>\n![{chart_alt(doc, model)}]({chart_path(stem, model)}){{ '
                          f'{size} }}\n</figure>\n')
        lines = [
            "| Configuration | Training step, ms: median (IQR) | Median of each run, ms | First "
            "step, ms | Latency, batch 1, ms: median (IQR) | Throughput, samples/s | Peak memory, "
            "MB |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for config, label in CONFIGS.items():
            r = results.get(config)
            if r is None:
                continue
            if r.get("error"):
                lines.append(f"| {label} | failed: {d.cell(r['error'])} | | | | | |")
                continue
            t, lat = r["train_step_ms"], r["latency_ms"]
            lines.append(
                f"| {label} | {fmt(t['median'])} ({fmt(t['q1'])} to {fmt(t['q3'])}) | "
                f"{', '.join(fmt(v) for v in r['train_step_ms_runs'])} | {fmt(r['first_step_ms'])} "
                f"| {fmt(lat['median'])} ({fmt(lat['q1'])} to {fmt(lat['q3'])}) | "
                f"{fmt(r['throughput_per_s'])} (batch {r['throughput_batch']}) | "
                f"{fmt(r['peak_rss_mb'])} |"
            )
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def parity(doc: dict) -> list[tuple[str, float, int]]:
    """Per model: the largest relative difference between any two configurations' losses over
    the first steps, and how many steps were compared."""
    out = []
    for model in doc["settings"]["models"]:
        runs = [r["losses"] for r in by_config(doc, model).values() if not r.get("error")]
        steps = min(len(losses) for losses in runs)
        worst = 0.0
        for i in range(steps):
            values = [losses[i] for losses in runs]
            worst = max(worst, (max(values) - min(values)) / max(abs(min(values)), 1e-12))
        out.append((model, worst, steps))
    return out


def render_parity() -> str:
    _, doc = latest()
    lines = [
        "| Model | Steps compared | Largest relative difference in loss | Within 0.1% |",
        "|---|---:|---:|---|",
    ]
    for model, worst, steps in parity(doc):
        lines.append(f"| {MODELS[model]} | {steps} | {worst:.1e} | "
                     f"{'yes' if worst <= PARITY_TOLERANCE else 'no'} |")
    return "\n".join(lines)


def runs(doc: dict, model: str, config: tuple, key: str) -> list[float] | None:
    r = by_config(doc, model).get(config)
    return None if r is None or r.get("error") else r[f"{key}_runs"]


def compare(a: list[float], b: list[float]) -> str:
    """'lower' or 'higher' when every run of a is below or above every run of b, else 'overlap'
    (the difference is within the variation between runs)."""
    if max(a) < min(b):
        return "lower"
    if min(a) > max(b):
        return "higher"
    return "overlap"


def ratio_text(a: list[float], b: list[float]) -> str:
    return f"{statistics.median(a) / statistics.median(b):.2f}×"


def sentence(groups: dict[str, list[str]], labels: dict[str, str]) -> str:
    """A bullet per non-empty group, after the verdict's paragraph."""
    return (
        "\n\n" + "\n".join(f"- {labels[k]}: {'; '.join(v)}." for k, v in groups.items() if v) + "\n"
    )


def verdict_graph_mode(doc: dict) -> str:
    groups = {"higher": [], "lower": [], "overlap": []}
    for model in doc["settings"]["models"]:
        for compiled, eager in COMPILED.items():
            a, b = (
                runs(doc, model, compiled, "train_step_ms"),
                runs(doc, model, eager, "train_step_ms"),
            )
            if a and b:
                groups[compare(a, b)].append(f"{CONFIGS[compiled]}, {MODELS[model]} "
                                             f"({ratio_text(a, b)} the eager time)")
    labels = {"higher": "Slower than eager in every run", "lower": "Faster than eager in every run",
              "overlap": "Within the run-to-run variation"}
    if not groups["higher"] and not groups["overlap"]:
        lead = "**Holds on our data** for the training step."
    else:
        lead = "**Does not hold on our data.**" if groups["higher"] else ("**Depends on the model "
                                                                          "and mode.**")
    return (f"{lead} Compiling also adds a first-step cost, shown in the "
            f"tables.{sentence(groups, labels)}")


def eager_comparison(doc: dict, metric: str, describe) -> dict[str, list[str]]:
    """Each model's TensorFlow-eager runs against PyTorch-eager runs on a metric, grouped by
    compare() (higher, lower, overlap); describe(model, ratio) words each model's entry."""
    groups = {"higher": [], "lower": [], "overlap": []}
    for model in doc["settings"]["models"]:
        a = runs(doc, model, ("tensorflow", "eager"), metric)
        b = runs(doc, model, ("pytorch", "eager"), metric)
        if a and b:
            groups[compare(a, b)].append(describe(MODELS[model], ratio_text(a, b)))
    return groups


def unanimous(groups: dict[str, list]) -> str | None:
    """The one group that holds every model, or None when the models fall into several."""
    filled = [name for name, members in groups.items() if members]
    return filled[0] if len(filled) == 1 else None


def verdict_memory(doc: dict) -> str:
    groups = eager_comparison(doc, "peak_rss_mb", lambda model, ratio: f"{model} ({ratio} "
                                                                       "PyTorch's peak)")
    lead = {"lower": "**Holds on our data**", "higher": "**Does not hold on our data**"}.get(
        unanimous(groups), "**Depends on the model**")
    labels = {"lower": "TensorFlow lower", "higher": "TensorFlow higher", "overlap": "Within the "
                                                                                     "variation"}
    return f"{lead} for the peak memory of the process in eager mode.{sentence(groups, labels)}"


def verdict_eager_speed(doc: dict) -> str:
    groups = eager_comparison(doc, "train_step_ms",
                              lambda model, ratio: f"{model} (TensorFlow took {ratio} PyTorch's "
                                                   "time)")
    lead = {"higher": "**PyTorch was faster on every model** in eager mode.",
            "lower": "**TensorFlow was faster on every model** in eager mode."}.get(
        unanimous(groups), "**It depends on the model** in eager mode.")
    labels = {"higher": "PyTorch faster", "lower": "TensorFlow faster", "overlap": "Within the "
                                                                                   "variation"}
    best = []
    for model in doc["settings"]["models"]:
        fastest = min(
            (statistics.median(v), CONFIGS[c])
            for c in CONFIGS
            if (v := runs(doc, model, c, "train_step_ms"))
        )
        best.append(f"{MODELS[model]}: {fastest[1]}")
    return (f"{lead} Counting every mode, the fastest training step was: " + "; ".join(best) + "."
            + sentence(groups, labels))


def verdict_first_result(doc: dict) -> str:
    parts = []
    for model in doc["settings"]["models"]:
        results = by_config(doc, model)
        cells = [f"{CONFIGS[c]} {fmt(results[c]['first_step_ms'])} ms" for c in CONFIGS
                 if c in results and not results[c].get("error")]
        parts.append(f"{MODELS[model]}: " + ", ".join(cells))
    return (
        "**Not testable by timing alone**: prototyping speed depends on the person and the task. "
        "The nearest measurable quantity is the time to the first training step, compilation "
        "included: "
        + "; ".join(parts)
        + "."
    )


VERDICTS = {
    "graph-mode": verdict_graph_mode,
    "memory": verdict_memory,
    "eager-speed": verdict_eager_speed,
    "first-result": verdict_first_result,
}


def render_verdict(name: str) -> str:
    return VERDICTS[name](latest()[1])

