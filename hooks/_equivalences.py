"""The porting equivalence table (data/equivalences.yml): groups of rows, each row a PyTorch call,
its TensorFlow or Keras counterpart, where they differ, both official docs, and the kind of check
that tests/equivalence_checks.py runs for it. Each row is a heading of its own, so that its id is a
permanent anchor and the site search lands on the row, not on the top of its group."""

from __future__ import annotations

import re
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


def example_name(value):
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]+(_[a-z]+)*", value):
        raise d.Invalid(f"'{value}' must be a folder name: lowercase words joined by underscores")
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
    # with kind runs: the part of the note the tests cannot check here, in words
    "unchecked": (d.text, False),
    # a trap this row's note describes, run both ways: a folder under examples/porting/ with
    # in_pytorch.py (into PyTorch from Keras) and in_tensorflow.py (into Keras from PyTorch)
    "example": (example_name, False),
}
EXAMPLES = "examples/porting"
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
        if row["kind"] == "same" and "unchecked" in row:
            raise d.PluginError(f"{name}: field 'unchecked': only rows of kind 'runs' have it")
        row.setdefault("tolerance", DEFAULT_TOLERANCE if row["kind"] == "same" else None)
        if "example" in row:
            folder = d.ROOT / EXAMPLES / row["example"]
            missing = [f for f in ("in_pytorch.py", "in_tensorflow.py")
                       if not (folder / f).is_file()]
            if missing:
                raise d.PluginError(f"{name}: field 'example': no {EXAMPLES}/{row['example']}/"
                                    f"{missing[0]}")
    empty = sorted(group_ids - {row["group"] for row in rows})
    if empty:
        raise d.PluginError(f"{EQUIVALENCES}: group '{empty[0]}' has no rows")
    return groups, rows


def docs_link(framework: str, url: str) -> str:
    return f"[{DOCS_HOSTS[framework][urlparse(url).hostname]}]({url})"


def checked(row: dict) -> str:
    if row["kind"] == "runs":
        if "unchecked" in row:
            return f"The test runs both and checks what this note says, except {row['unchecked']}."
        return "The test runs both and checks what this note says."
    how = f" with {row['compares']}" if "compares" in row else ""
    if row["tolerance"] == 0:
        return f"The test runs both on the same inputs{how}: the results are identical."
    tolerance = f"{row['tolerance']:g}".replace("e-0", "e-")  # 1e-06 reads 1e-6
    return f"The test runs both on the same inputs{how}: the results agree within {tolerance}."


# examples.py turns the marker below it into the two tabs; it runs after this block is written.
# The same words under every trap: not indexed.
TRAP = ("Run both ways: the PyTorch tab moves a Keras layer into PyTorch, the TensorFlow tab a "
        "PyTorch layer into Keras; each prints what a copy as first written gives and, where there "
        "is one, what the fix gives.\n{ data-search-exclude }\n")


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
            if "example" in row:
                out += [TRAP, f"<!-- example: porting/{row['example']} -->\n"]
    return "\n".join(out)


def count() -> str:
    return str(len(load()[1]))


PROPER = {"Adam", "AdamW", "RMSprop"}  # first words that keep their capital inside a sentence


def in_sentence(title: str) -> str:
    """A row's title as it reads inside a sentence: 'Fully connected layer' -> 'fully connected
    layer'; '"Same" padding' -> '"same" padding'; 'GRU' and 'Adam' unchanged."""
    word = title.split(" ", 1)[0].strip('"')
    if word in PROPER or word.isupper() or not word[:1].isalpha():
        return title
    at = title.index(word[0])
    return title[:at] + title[at].lower() + title[at + 1:]


def example_links() -> str:
    """'N rows ... : [title](#id), ... and [title](#id)', the rows that show a trap run."""
    rows = [row for row in load()[1] if "example" in row]
    if not rows:
        raise d.PluginError(f"{EQUIVALENCES}: no row has an 'example', but the page lists them")
    links = [f"[{in_sentence(row['title'])}](#{row['id']})" for row in rows]
    listed = links[0] if len(links) == 1 else f"{', '.join(links[:-1])} and {links[-1]}"
    return f"{len(rows)} rows: {listed}"
