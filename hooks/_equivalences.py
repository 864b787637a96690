"""The porting equivalence table (data/equivalences.yml): groups of rows, each row a PyTorch call,
its TensorFlow or Keras counterpart, where they differ, both official docs, and the kind of check
that tests/equivalence_checks.py runs for it. Each row is a heading of its own, so that its id is a
permanent anchor and the site search lands on the row, not on the top of its group."""

from __future__ import annotations

from urllib.parse import urlparse

import _data as d

EQUIVALENCES = "data/equivalences.yml"
GROUP_SCHEMA = {"id": (d.slug, True), "title": (d.text, True)}
DOCS_HOSTS = {  # where each framework's official docs live, and how a link to them reads
    "pytorch": {"docs.pytorch.org": "PyTorch docs"},
    "tensorflow": {"www.tensorflow.org": "TensorFlow docs", "keras.io": "Keras docs"},
}


def tolerance(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
        raise d.Invalid(f"'{value}' must be a number from 0 up to 1")
    return float(value)


def docs(value):
    if not isinstance(value, dict) or set(value) != set(DOCS_HOSTS):
        raise d.Invalid("must give exactly 'pytorch' and 'tensorflow' URLs")
    for framework, url in value.items():
        parsed = urlparse(str(url))
        if parsed.scheme != "https" or parsed.hostname not in DOCS_HOSTS[framework]:
            hosts = ", ".join(DOCS_HOSTS[framework])
            raise d.Invalid(f"{framework}: '{url}' is not an https URL on {hosts}")
    return value


ROW_SCHEMA = {
    "id": (d.slug, True),
    "group": (d.slug, True),
    "title": (d.text, True),
    "pytorch": (d.text, True),
    "tensorflow": (d.text, True),
    "note": (d.text, True),
    "docs": (docs, True),
    "kind": (d.one_of("same", "runs"), True),
    "tolerance": (tolerance, False),
    # with kind same, where the calls as shown differ on purpose (two defaults side by side):
    # the settings under which the check compares them, in words
    "compares": (d.text, False),
}
DEFAULT_TOLERANCE = 1e-6


def load() -> tuple[list[dict], list[dict]]:
    """(groups, rows), checked: every row in a known group, no group left empty, no id used twice
    (rows and groups share the page's anchors), a tolerance only on rows that compare numbers."""
    raw = d.load_yaml(EQUIVALENCES)
    if not isinstance(raw, dict) or set(raw) != {"groups", "rows"}:
        raise d.PluginError(f"{EQUIVALENCES}: expected exactly two keys, 'groups' and 'rows'")
    groups = d.check_entries(EQUIVALENCES, raw["groups"], GROUP_SCHEMA, "title", noun="group",
                             unique=("id",))
    rows = d.check_entries(EQUIVALENCES, raw["rows"], ROW_SCHEMA, "id", noun="row",
                           unique=("id",))
    group_ids = {g["id"] for g in groups}
    for number, row in enumerate(rows, start=1):
        name = f"{EQUIVALENCES}: row {number} ({row['id']})"
        if row["group"] not in group_ids:
            raise d.PluginError(f"{name}: field 'group': unknown group '{row['group']}'")
        if row["id"] in group_ids:
            raise d.PluginError(f"{name}: field 'id': '{row['id']}' is also a group's id")
        for field in ("tolerance", "compares"):
            if row["kind"] == "runs" and field in row:
                raise d.PluginError(f"{name}: field '{field}': only rows of kind 'same' compare "
                                    "numbers")
        row.setdefault("tolerance", DEFAULT_TOLERANCE if row["kind"] == "same" else None)
    empty = sorted(group_ids - {row["group"] for row in rows})
    if empty:
        raise d.PluginError(f"{EQUIVALENCES}: group '{empty[0]}' has no rows")
    return groups, rows


def docs_link(framework: str, url: str) -> str:
    return f"[{DOCS_HOSTS[framework][urlparse(url).hostname]}]({url})"


def checked(row: dict) -> str:
    if row["kind"] == "runs":
        return "The test runs both and checks what this note says."
    how = f" with {row['compares']}" if "compares" in row else ""
    if row["tolerance"] == 0:
        return f"The test runs both on the same inputs{how}: the results are identical."
    tolerance = f"{row['tolerance']:g}".replace("e-0", "e-")  # 1e-06 reads 1e-6
    return f"The test runs both on the same inputs{how}: the results agree within {tolerance}."


def render() -> str:
    groups, rows = load()
    out = []
    for group in groups:
        out.append(f"## {group['title']} {{#{group['id']}}}\n")
        for row in (r for r in rows if r["group"] == group["id"]):
            out += [
                f"### {row['title']} {{#{row['id']}}}\n",
                "| PyTorch | TensorFlow / Keras |",
                "|---|---|",
                f"| {d.cell(row['pytorch'])} | {d.cell(row['tensorflow'])} |",
                f"| {docs_link('pytorch', row['docs']['pytorch'])} "
                f"| {docs_link('tensorflow', row['docs']['tensorflow'])} |\n",
                f"{row['note']}\n",
                f"{checked(row)}\n{{ .equivalence-check }}\n",
            ]
    return "\n".join(out)


def count() -> str:
    return str(len(load()[1]))
