"""Renders `<!-- example: TOPIC -->` as linked content tabs, one per framework, each showing an
example file from examples/TOPIC/ and the output recorded for it by scripts/run_examples.py.

The tabs use the same labels everywhere ("PyTorch", "TensorFlow"), so with Material's
content.tabs.link a reader's choice holds across the site. The code and output are pulled in by
pymdownx.snippets, so the page shows exactly the files the tests run and compare.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^<!-- example: ([\w-]+(?:/[\w-]+)?) -->$", re.M)
VERSIONS_MARKER = "<!-- example-versions -->"
FRAMEWORKS = (("PyTorch", "in_pytorch"), ("TensorFlow", "in_tensorflow"))
LOCK = "requirements/test.txt"  # the versions the tests run the examples against
PINNED = {"torch": "PyTorch", "tensorflow-cpu": "TensorFlow", "keras": "Keras"}


def indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def render(topic: str, page_path: str) -> str:
    folder = ROOT / "examples" / topic
    tabs = []
    for label, stem in FRAMEWORKS:
        code = folder / f"{stem}.py"
        if not code.exists():
            continue
        source = f"examples/{topic}/{stem}"
        # Code and output stay out of the search index, which every reader downloads on their
        # first view: the prose around each example names what it shows, and is where a search
        # should land (scripts/search_quality.py finds no loss; the index shrinks by a tenth).
        body = (
            f'``` {{ .python title="{source}.py" data-search-exclude="" }}\n'
            f'--8<-- "{source}.py"\n```\n\n'
            f'``` {{ .text title="Output" data-search-exclude="" }}\n'
            f'--8<-- "{source}.out"\n```'
        )
        tabs.append(f'=== "{label}"\n\n{indent(body)}\n')
    if not tabs:
        raise PluginError(f"{page_path}: example '{topic}' has no examples/{topic}/in_pytorch.py "
                          "or in_tensorflow.py")
    return "\n".join(tabs)


def versions() -> str:
    """'PyTorch 2.13.0, TensorFlow 2.21.0 and Keras 3.15.1', read from the lock file."""
    pins = dict(
        re.findall(r"^([\w-]+)==([^\s;]+)", (ROOT / LOCK).read_text(encoding="utf-8"), re.M)
    )
    missing = [name for name in PINNED if name not in pins]
    if missing:
        raise PluginError(f"{LOCK}: no pinned version of {', '.join(missing)}")
    named = [f"{label} {pins[name]}" for name, label in PINNED.items()]
    return f"{', '.join(named[:-1])} and {named[-1]}"


@event_priority(85)  # after data_blocks.py writes the porting table's markers (90); before
# snippet_paths.py checks the includes this writes (80)
def on_page_markdown(markdown, page, config, files, **kwargs):
    if VERSIONS_MARKER in markdown:
        markdown = markdown.replace(VERSIONS_MARKER, versions())
    return MARKER.sub(lambda match: render(match.group(1), page.file.src_uri), markdown)
