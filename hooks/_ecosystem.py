"""The ecosystem matrix (data/ecosystem.yml): one row per job, one column per framework, a
list of tools in each cell, each with a status, a source and the date it was checked."""

from __future__ import annotations

import datetime as dt
import re

import _data as d

ECOSYSTEM = "data/ecosystem.yml"
ECOSYSTEM_ROW_SCHEMA = {
    "job": (d.text, True),
    "id": (d.slug, True),
    "tensorflow": (lambda value: value, True),  # lists of tools, checked with TOOL_SCHEMA
    "pytorch": (lambda value: value, True),
}
TOOL_SCHEMA = {
    "name": (d.text, True),
    "status": (d.one_of("active", "maintenance", "deprecated", "archived"), True),
    "basis": (d.one_of("announcement", "release-history"), False),
    "party": (d.one_of("first", "third"), False),
    "note": (d.text, True),
    "source": (d.cites, True),
    "checked": (d.date, True),
    # For scripts/check_currency.py: the tool's package (a PyPI name, or npm:name) and the
    # newest release its note states, which the note must name.
    "package": (d.text, False),
    "newest": (lambda value: d.text(str(value)), False),
}
FRAMEWORK_COLUMNS = (("tensorflow", "TensorFlow"), ("pytorch", "PyTorch"))


def ecosystem() -> list[dict]:
    path = ECOSYSTEM
    rows = d.check_entries(path, d.load_yaml(path), ECOSYSTEM_ROW_SCHEMA, "job")
    for number, row in enumerate(rows, start=1):
        for column, _ in FRAMEWORK_COLUMNS:
            row[column] = d.check_entries(
                path, row[column], TOOL_SCHEMA, "name", where=f"entry {number} ({row['job']}): ",
                noun=f"{column} tool",
            )
            for tool_number, tool in enumerate(row[column], start=1):
                check_newest(path, f"entry {number} ({row['job']}): {column} tool "
                             f"{tool_number} ({tool['name']})", tool)
    return rows


def check_newest(path: str, name: str, tool: dict) -> None:
    """A tool with a package states its newest release in its note, so that the currency check
    and the page cannot disagree (2.1.0 may read 2.1 in prose)."""
    if ("package" in tool) != ("newest" in tool):
        raise d.PluginError(f"{path}: {name}: 'package' and 'newest' go together")
    newest = tool.get("newest")
    if newest is None:
        return
    short = newest[:-2] if newest.endswith(".0") else newest
    if not re.search(rf"(?<![\w.]){re.escape(short)}(\.0)?(?!\w|\.\d)", tool["note"]):
        raise d.PluginError(f"{path}: {name}: field 'newest': the note does not name release "
                            f"{newest}")


def render_tool(tool: dict) -> str:
    status = tool["status"]
    basis = " (by release history)" if tool.get("basis") == "release-history" else ""
    party = ' <span class="party">third party</span>' if tool.get("party") == "third" else ""
    return d.cell(
        f'<li>**{tool["name"]}**{party} '
        f'<span class="status status--{status}">{status.capitalize()}{basis}</span> '
        f'{tool["note"]} {d.citations(tool["source"])} '
        f'<span class="checked">Checked {tool["checked"].isoformat()}.</span></li>'
    )


def render_ecosystem_matrix() -> str:
    rows = ecosystem()
    lines = [
        "| Job | " + " | ".join(label for _, label in FRAMEWORK_COLUMNS) + " |",
        "|---|" + "---|" * len(FRAMEWORK_COLUMNS),
    ]
    for row in rows:
        tools = [
            '<ul class="tools">' + "".join(render_tool(t) for t in row[column]) + "</ul>"
            for column, _ in FRAMEWORK_COLUMNS
        ]
        lines.append(
            f'| <span id="matrix-{row["id"]}"></span>{row["job"]} | ' + " | ".join(tools) + " |"
        )
    dates = [t["checked"] for row in rows for column, _ in FRAMEWORK_COLUMNS for t in row[column]]
    # The range, not the newest date: a caption "as of" the newest would cover older cells too.
    span = (d.human_date(max(dates)) if min(dates) == max(dates) else
            f"{d.human_date(min(dates))} and {d.human_date(max(dates))}")
    return "\n".join(
        [
            '<div class="row-headers ecosystem-matrix stack-on-phones" markdown>',
            "",
            *lines,
            "",
            "</div>",
            "",
            "/// table-caption",
            "The tools each framework offers for each job, and their status, each cell checked "
            f"{'on' if min(dates) == max(dates) else 'between'} {span} (the date in the cell).",
            "///",
        ]
    )


def checked_dates() -> list[dt.date]:
    return [
        tool["checked"]
        for row in ecosystem()
        for column, _ in FRAMEWORK_COLUMNS
        for tool in row[column]
    ]
