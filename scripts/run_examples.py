"""Runs the examples under examples/ and writes, or checks, the output the site shows for each.

    .venv/bin/python scripts/run_examples.py           # run all; rewrite every <example>.out
    .venv/bin/python scripts/run_examples.py --check   # run all; fail on any difference
    .venv/bin/python scripts/run_examples.py examples/autodiff/in_pytorch.py   # only these

Each example runs in its own Python process from the project root, as a reader runs it
(`python examples/<topic>/<file>.py`); only its standard output is recorded. Files whose names
start with "_" are modules that examples import, not examples. The tests use the same functions.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Quiet framework logs (stderr only) and no GPU, so a run prints the same everywhere.
ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": "", "PYTHONHASHSEED": "0"}


@dataclass
class Result:
    example: Path
    stdout: str
    stderr: str
    returncode: int
    seconds: float


def discover(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / "examples").rglob("*.py") if not p.name.startswith("_"))


def output_path(example: Path) -> Path:
    return example.with_suffix(".out")


def run(example: Path, root: Path = ROOT, timeout: int = 600) -> Result:
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"} | ENV
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(example.relative_to(root))],
            cwd=root, env=env, capture_output=True, text=True, timeout=timeout,
        )
        returncode, stdout, stderr = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as expired:
        returncode, stdout, stderr = -1, expired.stdout or "", f"timed out after {timeout} s"
    return Result(example, stdout, stderr, returncode, time.perf_counter() - start)


def run_all(examples: list[Path], root: Path = ROOT, workers: int = 2) -> list[Result]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda example: run(example, root), examples))


def problem(result: Result, root: Path = ROOT) -> str | None:
    """One line naming the example and what is wrong, or None when it ran and matches its .out."""
    name = result.example.relative_to(root)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no error message"])[-1]
        return f"{name}: exited with code {result.returncode}: {last}"
    recorded = output_path(result.example)
    if not recorded.exists():
        return (f"{name}: no recorded output {recorded.relative_to(root)} (run "
                "scripts/run_examples.py)")
    expected, got = recorded.read_text(encoding="utf-8").splitlines(), result.stdout.splitlines()
    for number, (want, have) in enumerate(zip(expected, got, strict=False), start=1):
        if want != have:
            return (f"{name}: output differs from {recorded.relative_to(root)} at line {number}: "
                    f"expected {want!r}, got {have!r}")
    if len(expected) != len(got):
        return (f"{name}: output differs from {recorded.relative_to(root)}: "
                f"expected {len(expected)} lines, got {len(got)}")
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", type=Path, help="example files (default: all)")
    parser.add_argument("--check", action="store_true", help="compare with the .out files instead "
                                                             "of writing them")
    args = parser.parse_args()
    examples = [p.resolve() for p in args.examples] or discover()

    start = time.perf_counter()
    results = run_all(examples)
    failures = 0
    for result in results:
        if not args.check and result.returncode == 0:
            output_path(result.example).write_text(result.stdout, encoding="utf-8")
        found = problem(result)
        status = "ok" if not found else "FAILED"
        print(f"{result.seconds:6.1f} s  {status:<6}  {result.example.relative_to(ROOT)}")
        if found:
            failures += 1
            print(f"          {found}")
    print(f"{len(results)} examples in {time.perf_counter() - start:.1f} s wall time, {failures} "
          "failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
