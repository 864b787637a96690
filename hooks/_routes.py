"""data/porting-routes.json (written by bench/routes.py): its schema, and the Porting page's table
of the routes that move a model between the frameworks."""

from __future__ import annotations

import json

from mkdocs.exceptions import PluginError

import _data as d

PATH = "data/porting-routes.json"
NEEDED = {"date", "settings", "machine", "minutes", "routes"}
ROUTE_FIELDS = {"id", "direction", "how", "by_hand", "runs", "repeats", "before"}
RAN_FIELDS = {"after", "kind", "difference", "step_ms"}


def load() -> dict:
    """The results file, checked: each problem names the file and, where it has one, the route."""
    try:
        doc = json.loads((d.ROOT / PATH).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PluginError(f"{PATH}: missing (run bench/routes.py)") from None
    except json.JSONDecodeError as error:
        raise PluginError(f"{PATH}:{error.lineno}:{error.colno}: malformed JSON: {error.msg}"
                          ) from None
    if not isinstance(doc, dict) or NEEDED - set(doc):
        missing = sorted(NEEDED - set(doc)) if isinstance(doc, dict) else sorted(NEEDED)
        raise PluginError(f"{PATH}: missing field '{missing[0]}'")
    if doc["settings"].get("quick"):
        raise PluginError(f"{PATH}: a --quick run; the page shows full runs only")
    for number, route in enumerate(doc["routes"], start=1):
        name = f"route {number}" + (f" ({route['id']})" if route.get("id") else "")
        needed = ROUTE_FIELDS | (RAN_FIELDS if route.get("runs") else {"error"})
        missing = sorted(needed - set(route))
        if missing:
            raise PluginError(f"{PATH}: {name}: missing field '{missing[0]}'")
        if not route["runs"]:
            continue
        numbers = {"difference": route["difference"], "before": route["before"],
                   "after": route["after"], "step_ms.mean": (route["step_ms"] or {}).get("mean")}
        for field, value in numbers.items():
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise PluginError(f"{PATH}: {name}: field '{field}': expected a number")
    return doc


def milliseconds(figure: dict) -> str:
    if figure.get("low") is None:
        return f"{figure['mean']:.2f}"
    return f"{figure['mean']:.2f} ({figure['low']:.2f} to {figure['high']:.2f})"


def trainable(route: dict) -> str:
    if not route["runs"]:
        return "–"
    before, after = route["before"], route["after"]
    text = f"{before:,} → {after:,}"
    if after < before:
        text += " **(frozen: " + (f"{before - after:,})**" if after else "all)**")
    return text


def render() -> str:
    doc = load()
    rows = ["| Route | Runs | Largest output difference | Trainable numbers, before → after "
            "| Step (ms, 95% interval) | What is left to do by hand |",
            "|---|---|---|---|---|---|"]
    for direction in ("Keras to PyTorch", "PyTorch to Keras"):
        rows.append(f"| **{direction}** | | | | | |")
        for route in (r for r in doc["routes"] if r["direction"] == direction):
            if route["runs"]:
                difference = "–" if route["id"].endswith("original") else (
                    f"{route['difference']:.1e}")
                kind = "inference only"
                if route["kind"] == "training":
                    kind = ("training" if route["after"] == route["before"]
                            else "training the trainable part only")
                step = f"{milliseconds(route['step_ms'])}, {kind}"
                runs = "yes"
            else:
                difference = step = "–"
                runs = f"no: `{d.cell(route['error'])}`"
            rows.append(f"| {d.cell(route['how'])} | {runs} | {difference} | "
                        f"{trainable(route)} | {step} | {d.cell(route['by_hand'])} |")
    return "\n".join(rows)


def environment() -> str:
    doc = load()
    machine, settings = doc["machine"], doc["settings"]
    versions = ", ".join(f"{name} {value}" for name, value in machine["versions"].items()
                         if value)
    commit = (machine.get("harness") or {}).get("commit") or "unknown"
    return (f"Measured on {d.human_date(doc['date'])} on {machine['cpu']['model']} "
            f"({machine['cpu']['logical_cpus']} logical CPUs, {machine['virtualization']}), "
            f"Python {machine['python']}, with {versions}; harness commit `{commit[:7]}`. "
            f"Each route ran in {settings['repeats']} fresh processes in a random order, each "
            f"timing {settings['steps']} steps of batch {settings['batch']} after "
            f"{settings['warmup']} warm-up steps; the step time is the mean of the processes' "
            f"medians, with its 95% interval across them. The run took {doc['minutes']} minutes.")
