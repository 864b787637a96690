"""Checks every `--8<--` include before pymdownx.snippets runs.

Snippets (with check_paths) raises on a missing file, and MkDocs then prints a traceback.
This hook stops the build first with one line naming the page, the file and, for a named
section (`file.py:name`), the missing `# --8<-- [start:name]` marker.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
SINGLE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+(["\'])(?P<target>[^"\']+)\1', re.M)
BLOCK = re.compile(
    r"^[ \t]*-{1,}8<-{1,}[ \t]*$\n(?P<body>.*?)^[ \t]*-{1,}8<-{1,}[ \t]*$", re.M | re.S
)
LINE_RANGE = re.compile(r"^[\d:,-]*$")


def targets(markdown: str) -> list[str]:
    found = [m.group("target") for m in SINGLE.finditer(markdown)]
    for block in BLOCK.finditer(markdown):
        found += [line.strip() for line in block.group("body").splitlines() if line.strip()]
    return [t for t in found if not t.startswith(";")]  # ';' escapes an include


def problem(target: str) -> str | None:
    path, _, section = target.partition(":")
    file = ROOT / path
    if not file.is_file():
        return f"included file '{path}' does not exist"
    if section and not LINE_RANGE.match(section):
        text = file.read_text(encoding="utf-8")
        for edge in ("start", "end"):
            if f"--8<-- [{edge}:{section}]" not in text:
                return f"included file '{path}' has no '--8<-- [{edge}:{section}]' marker"
    return None


@event_priority(80)
def on_page_markdown(markdown, page, config, files, **kwargs):
    for target in targets(markdown):
        found = problem(target)
        if found:
            raise PluginError(f"{page.file.src_uri}: {found}")
    return markdown
