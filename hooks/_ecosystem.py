"""The ecosystem matrix (data/ecosystem.yml): one row per job, one column per framework, a
list of tools in each cell, each with a status, a source and the date it was checked."""

from __future__ import annotations

import datetime as dt

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
    return rows


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
    newest = max(
        t["checked"] for row in rows for column, _ in FRAMEWORK_COLUMNS for t in row[column]
    )
    return "\n".join(
        [
            '<div class="row-headers ecosystem-matrix stack-on-phones" markdown>',
            "",
            *lines,
            "",
            "</div>",
            "",
            "/// table-caption",
            "The tools each framework offers for each job, and their status, as of "
            f"{d.human_date(newest)}.",
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
