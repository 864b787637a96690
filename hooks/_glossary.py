"""The glossary (data/glossary.yml): the Glossary page and the hover abbreviations."""

from __future__ import annotations

import _data as d

GLOSSARY = "data/glossary.yml"
GLOSSARY_SCHEMA = {
    "term": (d.text, True),
    "id": (d.slug, True),
    "definition": (d.text, True),
    "source": (d.cites, True),
    "hover": (d.text, False),
    "see": (d.text, False),
}


def glossary() -> list[dict]:
    rows = d.check_entries(GLOSSARY, d.load_yaml(GLOSSARY), GLOSSARY_SCHEMA, "term", unique=("id",))
    return sorted(rows, key=lambda row: row["term"].lower())


def render_glossary() -> str:
    blocks = []
    for row in glossary():
        # API names such as tf.function read as code
        title = f"`{row['term']}`" if "." in row["term"] else row["term"]
        see = f"\n\nSee {row['see']}." if "see" in row else ""
        blocks.append(
            f"## {title} {{#{row['id']}}}\n\n{row['definition'].strip()} "
            f"{d.citations(row['source'])}{see}\n"
        )
    return "\n".join(blocks)


def abbreviations() -> str:
    """Markdown abbreviation definitions, appended to every page."""
    return "\n".join(f"*[{row['term']}]: {row['hover']}" for row in glossary() if "hover" in row)
