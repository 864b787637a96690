"""Breaks the project on purpose, one guarantee at a time, and checks that the tests notice.

    .venv/bin/python scripts/mutation_check.py            # every mutation in tests/mutations.yml
    .venv/bin/python scripts/mutation_check.py --list     # their ids and guarantees, one a line
    .venv/bin/python scripts/mutation_check.py csp-any-inline-script search-lazy-index   # these

Each mutation in tests/mutations.yml names the guarantee it breaks (one of the README's "What
the tests and scripts check"), an exact text to find in one file and what to put instead, and
the tests that should fail. For each, the script copies the project to a temporary folder,
applies the change, runs those tests there, and reports the mutation as killed (a test failed)
or survived (all passed). Before any mutation it runs every named test on an unchanged copy: a
test that fails there would "kill" every mutation and prove nothing, so the run stops.
Exits 1 if any mutation survives or cannot be applied.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MUTATIONS = ROOT / "tests" / "mutations.yml"
# Installed tools the copy uses as they are (too large to copy, and never mutated).
SHARED = (".venv", "audit/node_modules")
FIELDS = {"id", "guarantee", "file", "find", "replace", "tests"}


class Problem(Exception):
    """The mutation list is malformed, or a mutation no longer applies; the message says how."""


def load(path: Path = MUTATIONS) -> list[dict]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    if not isinstance(entries, list) or not entries:
        raise Problem(f"{name}: expected a list of mutations")
    seen = set()
    for number, entry in enumerate(entries, start=1):
        label = f" ({entry.get('id')})" if isinstance(entry, dict) else ""
        where = f"{name}: mutation {number}{label}"
        if not isinstance(entry, dict):
            raise Problem(f"{where}: expected a mapping")
        missing, unknown = FIELDS - set(entry), set(entry) - FIELDS
        if missing or unknown:
            raise Problem(f"{where}: " + (f"missing field '{sorted(missing)[0]}'" if missing
                                          else f"unknown field '{sorted(unknown)[0]}'"))
        if entry["id"] in seen:
            raise Problem(f"{where}: id used twice")
        if not isinstance(entry["tests"], list) or not entry["tests"]:
            raise Problem(f"{where}: 'tests' must be a non-empty list of pytest arguments")
        seen.add(entry["id"])
    return entries


def project_files() -> list[str]:
    """What git would clone, plus files not yet committed (and not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def copy_project(dest: Path) -> Path:
    for name in project_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    for name in SHARED:
        if (ROOT / name).exists():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            (dest / name).symlink_to(ROOT / name)
    # Pages show their last change from git; a copy with one commit keeps that path working.
    git = ["git", "-c", "user.name=mutation", "-c", "user.email=mutation@localhost"]
    subprocess.run([*git, "init", "-q"], cwd=dest, check=True)
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-qm", "copy"], cwd=dest, check=True)
    return dest


def apply(project: Path, mutation: dict) -> None:
    path = project / mutation["file"]
    if not path.is_file():
        raise Problem(f"{mutation['id']}: no file {mutation['file']}")
    text = path.read_text(encoding="utf-8")
    found = text.count(mutation["find"])
    if found != 1:
        raise Problem(f"{mutation['id']}: the text to find occurs {found} times in "
                      f"{mutation['file']} (must be exactly once; update tests/mutations.yml)")
    path.write_text(text.replace(mutation["find"], mutation["replace"]), encoding="utf-8")


def has_options(tests: list[str]) -> bool:
    return any(test.startswith("-") for test in tests)


def run_tests(project: Path, tests: list[str]) -> tuple[bool, str]:
    """True when every test passed; the last lines of pytest's report."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
         "--numprocesses=0", *tests],
        cwd=project, env=env, capture_output=True, text=True,
    )
    lines = [line for line in done.stdout.strip().splitlines() if line.strip()]
    tail = lines[-1] if lines else "no output"
    # Name the test that failed (pytest's short summary, from -ra in pyproject.toml), so that a
    # baseline failure can be fixed and a kill can be checked for the right reason.
    failed = next((line for line in lines if line.startswith(("FAILED ", "ERROR "))), None)
    return done.returncode == 0, f"{tail}; {failed[:300]}" if failed else tail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="mutation ids to run (default: all)")
    parser.add_argument("--list", action="store_true", help="print the mutations and stop")
    args = parser.parse_args()
    try:
        mutations = load()
    except Problem as problem:
        print(problem, file=sys.stderr)
        return 1
    if args.list:
        for m in mutations:
            print(f"{m['id']}: {m['guarantee']}")
        return 0
    unknown = sorted(set(args.ids) - {m["id"] for m in mutations})
    if unknown:
        print(f"unknown mutation id: {unknown[0]}", file=sys.stderr)
        return 1
    chosen = [m for m in mutations if not args.ids or m["id"] in args.ids]

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        baseline = copy_project(Path(tmp) / "baseline")
        # Plain test ids run together; a list with options (-k EXPR, -m EXPR) runs as it is
        # written, since merging and sorting would part an option from its value.
        tests = sorted({t for m in chosen for t in m["tests"] if not has_options(m["tests"])})
        runs = ([tests] if tests else []) + [list(group) for group in dict.fromkeys(
            tuple(m["tests"]) for m in chosen if has_options(m["tests"]))]
        for run in runs:
            passed, tail = run_tests(baseline, run)
            if not passed:
                print("the named tests fail on an unchanged copy, so no mutation can be judged: "
                      f"{tail}")
                return 1
            print(f"baseline: {len(run)} test targets pass on an unchanged copy ({tail})")
        survived = broken = 0
        for number, mutation in enumerate(chosen, start=1):
            project = Path(tmp) / f"m{number}"
            shutil.copytree(baseline, project, symlinks=True)
            try:
                apply(project, mutation)
            except Problem as problem:
                print(f"BROKEN    {problem}")
                broken += 1
                continue
            began = time.perf_counter()
            passed, tail = run_tests(project, mutation["tests"])
            status = "SURVIVED" if passed else "killed"
            survived += passed
            print(f"{status:<9} {mutation['id']} ({time.perf_counter() - began:.0f} s): {tail}")
            shutil.rmtree(project)
    total = len(chosen)
    print(f"{total - survived - broken} of {total} mutations killed, {survived} survived, "
          f"{broken} could not be applied, in {time.perf_counter() - start:.0f} s")
    return 1 if survived or broken else 0


if __name__ == "__main__":
    sys.exit(main())
