"""Compares the verdicts of two benchmark runs, one line per verdict, and exits 1 when any
differs: the check that a published verdict survives an independent re-run.

    .venv/bin/python bench/compare.py data/benchmarks/OLD.json data/benchmarks/NEW.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import stats


def load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise SystemExit(f"{path}: cannot read a benchmark run: {error}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    old_doc, new_doc = load(args.old), load(args.new)
    if stats.machine_key(old_doc) != stats.machine_key(new_doc):
        only_old, only_new = stats.flag_difference(old_doc, new_doc)
        print("note: the runs were made on different machines (device, processor or CPU count "
              f"differ; CPU flags only in the first: {', '.join(only_old) or 'none'}; only in "
              f"the second: {', '.join(only_new) or 'none'}), so a difference may come from the "
              "machine, not from chance")
    old, new = stats.verdicts(old_doc), stats.verdicts(new_doc)
    shared = [name for name in old if name in new]
    if not shared:
        print("no verdict can be compared: the runs share no configuration")
        return 1
    for name in shared:
        same = old[name] == new[name]
        print(f"{'agree ' if same else 'differ'}  {name}: {old[name]} | {new[name]}")
    for name in sorted(set(old) ^ set(new)):  # a configuration that failed or was not run
        print(f"missing in the {'second' if name in old else 'first'} run: {name}")
    agree, total = stats.agreement(old, new)
    print(f"{agree} of {total} verdicts agree")
    return 0 if agree == total else 1


if __name__ == "__main__":
    sys.exit(main())
