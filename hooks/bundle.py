"""Adds the examples bundle to the site: one zip with every file under examples/ (the examples,
the exercises, the modules they import and the output recorded for each), the lock file the
tests run them against, and a short README. Teaching with this site links it.

The zip is made from the files as they are, with fixed timestamps, so the same sources always
give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from mkdocs.structure.files import File

import examples

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = "downloads/pytorch-vs-tensorflow-examples.zip"
TOP = "pytorch-vs-tensorflow-examples"  # the folder the zip unpacks into
SKIP = {"__pycache__"}  # and any hidden folder, such as ruff's .ruff_cache
STAMP = (2026, 1, 1, 0, 0, 0)  # every entry's date, so the bytes depend on the content alone

README = """PyTorch vs TensorFlow: the examples
===================================

Every example and exercise shown on the site, with the output the site shows for
it, as the site's tests ran them with {versions}.

Set up (Python 3.11 on Linux, as the tests run):

    python3.11 -m venv .venv
    .venv/bin/python -m pip install --require-hashes --no-deps -r requirements.txt

requirements.txt is the lock file the tests install. It pins every package with
its hashes, and also holds the tools the site's own tests use. TensorFlow comes
as tensorflow-cpu; PyTorch is PyPI's Linux build, made for CUDA, which also runs
on a CPU and brings NVIDIA's CUDA libraries with it. Installed, the whole lock
took 7.6 GB on disk when we checked (torch 1.2 GB, the NVIDIA libraries 3.0 GB,
Triton 1.0 GB, TensorFlow 1.3 GB). Plan lab machines for that, or install only
the frameworks you need, at the versions named above.

The PyTorch files that call torch.compile with its default backend,
TorchInductor, compile C++ code on a CPU: they need a C++ compiler (g++ on
Linux) on the PATH, or they stop with an InvalidCxxCompiler error.

The files that use Keras expect its default backend, TensorFlow. Unset
KERAS_BACKEND (or set it to tensorflow) before running them: with another
backend, several print other results or fail.

Run an example from this folder and compare what it prints with the file next
to it that ends in .out:

    .venv/bin/python examples/autodiff/in_pytorch.py
    .venv/bin/python examples/exercises/tf_function_traces/in_tensorflow.py

examples/<topic>/in_pytorch.py and in_tensorflow.py show one topic in each
framework; examples/exercises/ holds the exercises, whose answers are on the
site's answer key page. Files whose names start with "_" are modules that
examples import.
"""


def entries() -> list[tuple[str, bytes]]:
    """(name in the zip, content), sorted by name."""
    found = [
        (f"{TOP}/{path.relative_to(ROOT).as_posix()}", path.read_bytes())
        for path in sorted((ROOT / "examples").rglob("*"))
        if path.is_file() and not any(part in SKIP or part.startswith(".")
                                       for part in path.relative_to(ROOT).parts)
    ]
    found.append((f"{TOP}/requirements.txt", (ROOT / examples.LOCK).read_bytes()))
    found.append((f"{TOP}/README.txt", README.format(versions=examples.versions()).encode()))
    return sorted(found)


def make() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, content in entries():
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, content)
    return buffer.getvalue()


def on_files(files, config, **kwargs):
    files.append(File.generated(config, BUNDLE, content=make()))
    return files
