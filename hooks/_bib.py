"""Reads references.bib once per change and checks it against the project's conventions.

Helper for the hooks, not a hook itself. mkdocs-bibtex parses the same file for formatting;
this module exists so that a malformed file or entry stops the build with one line that names
the file, the entry and the problem, before mkdocs-bibtex would print a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from pybtex.database import BibliographyData, parse_file
from pybtex.exceptions import PybtexError

ROOT = Path(__file__).resolve().parent.parent
BIB_NAME = "references.bib"

AT_IN_CODE = "\ue000"  # stands in for "@" inside code while mkdocs-bibtex runs
KEY_FORMAT = re.compile(r"^[a-z][a-z0-9]*$")
DATE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ENTRY_TYPES = {"article", "inproceedings", "misc", "techreport", "book", "incollection",
               "phdthesis"}
# Names a plain style would lowercase unless the title braces them.
PROPER_NOUNS = (
    "TensorFlow", "PyTorch", "Keras", "JAX", "Google", "Meta", "Facebook", "Python", "Torch",
    "Chainer", "XLA", "TPU", "GPU", "CUDA", "ONNX", "Linux", "NVIDIA", "LiteRT", "ExecuTorch",
    "TensorBoard", "Hugging Face", "AutoGraph", "Lua", "DistBelief", "Apple", "AMD", "Intel",
)

_cache: dict[str, object] = {"mtime": None, "data": None}


def bib_path() -> Path:
    return ROOT / BIB_NAME


def _unbraced(title: str) -> str:
    """The parts of a title that sit outside any braces (a style may change their case)."""
    depth, out = 0, []
    for ch in title:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            out.append(ch)
        else:
            out.append(" ")
    return "".join(out)


def _check_entry(key: str, entry) -> str | None:
    fields = entry.fields
    if not KEY_FORMAT.match(key):
        return f"key '{key}' must be lowercase letters and digits (authorYEARword or orgYEARtopic)"
    if entry.type.lower() not in ENTRY_TYPES:
        return f"entry '{key}' has unsupported type @{entry.type}"
    if "title" not in fields:
        return f"entry '{key}' has no title"
    if "url" not in fields and "doi" not in fields:
        return f"entry '{key}' has neither url nor doi"
    if entry.type.lower() == "misc":
        if "urldate" not in fields:
            return (f"entry '{key}' is a web page (@misc) without urldate (the date its content "
                    "was checked)")
    if "urldate" in fields and not DATE_FORMAT.match(fields["urldate"]):
        return f"entry '{key}' has urldate '{fields['urldate']}', expected YYYY-MM-DD"
    if not entry.persons.get("author") and "author" not in fields:
        return f"entry '{key}' has no author (use {{{{Organization}}}} for a web page)"
    if re.match(r"[a-z]", fields["title"]):
        return (f"entry '{key}' has a title that starts with a lowercase code name; the style "
                "capitalizes it ('Tensorflow/...', 'Torch.export'): brace it, as in "
                "{{torch.export} ...}")
    bare = _unbraced(fields["title"])
    for noun in PROPER_NOUNS:
        if re.search(rf"(?<![\w-]){re.escape(noun)}(?![\w-])", bare):
            return (f"entry '{key}' has '{noun}' unbraced in its title (write {{{noun}}} so the "
                    "style keeps its case)")
    return None


def load() -> BibliographyData:
    """The parsed bibliography; raises PluginError naming the file and the problem."""
    path = bib_path()
    if not path.exists():
        raise PluginError(f"{BIB_NAME}: file not found")
    mtime = path.stat().st_mtime
    if _cache["mtime"] == mtime:
        return _cache["data"]  # type: ignore[return-value]
    try:
        data = parse_file(str(path), bib_format="bibtex")
    except PybtexError as error:
        message = str(error).replace("\n", " ")
        line = getattr(error, "lineno", None)
        where = f"{BIB_NAME}:{line}" if line else BIB_NAME
        raise PluginError(f"{where}: malformed bibliography: {message}") from None
    for key, entry in data.entries.items():
        problem = _check_entry(key, entry)
        if problem:
            raise PluginError(f"{BIB_NAME}: {problem}")
    _cache.update(mtime=mtime, data=data)
    return data


def keys() -> set[str]:
    return set(load().entries)


_titles: dict[tuple[str, str], str] = {}  # (key, title as written) -> plain title


def plain_title(key: str) -> str:
    """An entry's title as plain text: braces and LaTeX escapes resolved. Kept per title text:
    decoding LaTeX is slow, and several hooks ask for every title on every build."""
    from pybtex.backends.plaintext import Backend
    from pybtex.richtext import Text

    title = load().entries[key].fields["title"]
    if (key, title) not in _titles:
        # render(Backend()), not render_as("text"): render_as looks the backend up among the
        # installed packages' entry points on every call, which took a quarter of the build.
        _titles[key, title] = Text.from_latex(title).render(Backend())
    return _titles[key, title]
