"""Frozen editions of the site: cut one with mike, and build the site to publish with every
edition beside it.

    SITE_URL=https://.../ .venv/bin/python scripts/editions.py cut 2026-12 --title "December 2026"
    .venv/bin/python scripts/editions.py build SITE_DIR
    git push origin editions

`cut` builds the working tree as it is (strictly: MKDOCS_STRICT=true, see mkdocs.yml) and commits
it, once, to editions/<name>/ on the git branch `editions` (mike deploy --deploy-prefix
editions). An edition that exists, on the local branch or on origin's, is never rebuilt
(`--if-missing` makes that a success, for a re-run); SITE_URL must be the live site's address, or
the edition would keep local addresses for good. Nothing is pushed: check the edition (`build`,
then scripts/check_links.py), then push the branch.

`build` makes the live site in SITE_DIR (mkdocs build --strict) and copies every edition from
that branch into SITE_DIR/editions/, with mike's versions.json, which the live build reads
(EDITIONS_JSON) to list the editions. Without the branch, it builds the live site alone. The
Pages workflow runs both (see .github/workflows/pages.yml).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRANCH = "editions"
PREFIX = "editions"
NAME = re.compile(r"^\d{4}-\d{2}$")  # editions are named by month: 2026-12


def git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=check)


REFS = (f"refs/heads/{BRANCH}", f"refs/remotes/origin/{BRANCH}")


def has_ref(root: Path, ref: str) -> bool:
    return git("rev-parse", "--verify", "--quiet", ref, cwd=root, check=False).returncode == 0


def existing(root: Path) -> set[str]:
    """Editions on the local branch or on origin's (mike would take origin's as its base)."""
    found = set()
    for ref in REFS:
        if has_ref(root, ref):
            listing = git("ls-tree", "--name-only", f"{ref}:{PREFIX}", cwd=root,
                          check=False).stdout.decode()
            found |= {line for line in listing.split() if NAME.match(line)}
    return found


def cut(root: Path, name: str, title: str, if_missing: bool) -> int:
    if not NAME.match(name):
        print(f"edition name '{name}' must be YYYY-MM, such as 2026-12", file=sys.stderr)
        return 2
    if name in existing(root):
        print(f"edition {name} exists on branch '{BRANCH}'; an edition is never rebuilt",
              file=sys.stderr)
        return 0 if if_missing else 1
    if not os.environ.get("SITE_URL"):
        print("set SITE_URL to the live site's address: an edition keeps its addresses for good",
              file=sys.stderr)
        return 2
    mike = Path(sys.executable).with_name("mike")  # mike's command, installed beside Python
    command = [str(mike), "deploy", "--branch", BRANCH, "--deploy-prefix",
               PREFIX, "--title", title, "--message", f"Edition {name}: {title}", name]
    # mike runs the `mkdocs` command it finds on PATH: the one beside this Python comes first.
    path = os.pathsep.join([str(mike.parent), os.environ.get("PATH", "")])
    # MKDOCS_STRICT: mkdocs.yml's `strict`, as mike passes no --strict of its own.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PATH=path, MKDOCS_STRICT="true")
    done = subprocess.run(command, cwd=root, env=env)
    if done.returncode == 0:
        print(f"edition {name} committed to branch '{BRANCH}' under {PREFIX}/{name}/")
    return done.returncode


def build(root: Path, site_dir: Path) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory() as tmp:
        editions_dir = Path(tmp) / PREFIX
        ref = next((ref for ref in REFS if has_ref(root, ref)), None)
        if ref:
            archive = git("archive", "--format=tar", ref, PREFIX, cwd=root).stdout
            with tarfile.open(fileobj=BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
            env["EDITIONS_JSON"] = str(editions_dir / "versions.json")
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                               "--site-dir", str(site_dir)], cwd=root, env=env)
        if done.returncode:
            return done.returncode
        if editions_dir.is_dir():
            shutil.copytree(editions_dir, site_dir / PREFIX)
            names = sorted(p.name for p in (site_dir / PREFIX).iterdir() if NAME.match(p.name))
            print(f"editions beside the live site: {', '.join(names)}")
        else:
            print(f"no branch '{BRANCH}': the live site alone")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (a git clone)")
    commands = parser.add_subparsers(dest="command", required=True)
    cutting = commands.add_parser("cut", help="commit a new edition to the editions branch")
    cutting.add_argument("name", help="YYYY-MM")
    cutting.add_argument("--title", required=True, help='shown in the menu, e.g. "December 2026"')
    cutting.add_argument("--if-missing", action="store_true",
                         help="succeed without building when the edition exists")
    building = commands.add_parser("build", help="the live site with every edition beside it")
    building.add_argument("site_dir", type=Path)
    args = parser.parse_args()
    if args.command == "cut":
        return cut(args.root, args.name, args.title, args.if_missing)
    return build(args.root, args.site_dir.resolve())


if __name__ == "__main__":
    sys.exit(main())
