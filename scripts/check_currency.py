"""Checks every package version the site states against its registry's newest final release,
and prints one table: package, where the site says it, what the site says, what the registry
says now, the day the site's fact was checked, and a status (current, newer release, not found,
bad answer). Exits 1 when anything is not current. Maintainers only: it needs the network.

    .venv/bin/python scripts/check_currency.py            # check
    .venv/bin/python scripts/check_currency.py --write    # also refresh data/releases.yml

What it reads: the release table (data/releases.yml: the newest release it lists), the framework
pins in the lock files (requirements/*.txt), and every tool in the ecosystem matrix
(data/ecosystem.yml) that names a `package` and the `newest` release its note states. --write
rewrites data/releases.yml from the registry, as the release table is data only; the lock files
(scripts/lock) and the matrix's notes are prose or pins that a person updates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PYPI = "https://pypi.org/pypi"
NPM = "https://registry.npmjs.org"
FINAL = re.compile(r"^\d+(\.\d+)*(\.post\d+)?$")  # no alpha, beta, release candidate or dev build
# The release table: package on PyPI -> (project name on the page, citation key of its history).
RELEASE_TABLE = {
    "torch": ("PyTorch", "pypi2026torch"),
    "tensorflow": ("TensorFlow", "pypi2026tensorflow"),
    "keras": ("Keras", "pypi2026keras"),
}
RELEASES_SINCE = dt.date(2022, 1, 1)
FRAMEWORK_PINS = ("torch", "tensorflow-cpu", "keras")  # what the examples and benchmarks run on
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)")


class BadAnswer(Exception):
    """The registry answered, but not with what a registry answers."""


class NotFound(Exception):
    """The registry has no such package."""


@dataclass
class Claim:
    package: str  # "name" on PyPI, "npm:name" on npm
    where: str  # file, and the row or pin in it
    says: str  # the version the site states
    checked: str  # the day the site's fact was last checked ("" for a lock pin)


def version_key(version: str) -> tuple:
    """Orders final versions: 2.10.0 after 2.9.1, 1.0.post1 after 1.0."""
    main, _, post = version.partition(".post")
    return tuple(int(part) for part in main.split(".")), int(post or -1)


def final_releases(package: str, pypi: str = PYPI, npm: str = NPM) -> list[tuple[str, dt.date]]:
    """Every final release with the day of its first file, oldest first; raises NotFound or
    BadAnswer."""
    registry, name = package.split(":", 1) if package.startswith("npm:") else ("pypi", package)
    url = (f"{npm}/{urllib.parse.quote(name, safe='@')}" if registry == "npm"
           else f"{pypi}/{name}/json")
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise NotFound(f"{url}: 404, no such package") from None
        raise BadAnswer(f"{url}: HTTP {error.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise BadAnswer(f"{url}: no answer ({getattr(error, 'reason', error)})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BadAnswer(f"{url}: not JSON ({error})") from None
    try:
        if registry == "npm":
            found = [(v, dt.date.fromisoformat(answer["time"][v][:10]))
                     for v in answer["versions"] if FINAL.match(v)]
        else:
            found = []
            for version, files in answer["releases"].items():
                files = [f for f in files if not f.get("yanked")]
                if files and FINAL.match(version):
                    found.append((version, min(dt.date.fromisoformat(f["upload_time"][:10])
                                               for f in files)))
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise BadAnswer(f"{url}: not a registry answer (missing or malformed {error})") from None
    if not found:
        raise NotFound(f"{url}: no final release")
    return sorted(found, key=lambda release: version_key(release[0]))


def claims(root: Path) -> list[Claim]:
    out = []
    table = yaml.safe_load((root / "data/releases.yml").read_text(encoding="utf-8"))
    for package in table["packages"]:
        version, _ = max((r.split() for r in package["releases"]),
                         key=lambda r: version_key(r[0]))
        out.append(Claim(package["name"], "data/releases.yml", version, str(table["checked"])))
    for lock in sorted((root / "requirements").glob("*.txt")):
        for line in lock.read_text(encoding="utf-8").splitlines():
            pin = PIN.match(line)
            if pin and pin[1].lower() in FRAMEWORK_PINS:
                out.append(Claim(pin[1].lower(), f"requirements/{lock.name}", pin[2], ""))
    for row in yaml.safe_load((root / "data/ecosystem.yml").read_text(encoding="utf-8")):
        for column in ("tensorflow", "pytorch"):
            for tool in row[column]:
                if "package" in tool:
                    out.append(Claim(tool["package"], f"data/ecosystem.yml: {row['id']}, "
                                     f"{tool['name']}", str(tool["newest"]), str(tool["checked"])))
    return out


def check(found: list[Claim], pypi: str = PYPI, npm: str = NPM) -> list[tuple[Claim, str, str]]:
    """(claim, what the registry says, status) for every claim; one registry call per package."""
    answers: dict[str, list | Exception] = {}
    out = []
    for claim in found:
        if claim.package not in answers:
            try:
                answers[claim.package] = final_releases(claim.package, pypi, npm)
            except (NotFound, BadAnswer) as problem:
                answers[claim.package] = problem
        answer = answers[claim.package]
        if isinstance(answer, NotFound):
            out.append((claim, str(answer), "not found"))
        elif isinstance(answer, BadAnswer):
            out.append((claim, str(answer), "bad answer"))
        else:
            newest, day = answer[-1]
            status = ("current" if newest == claim.says else
                      "not found" if claim.says not in {v for v, _ in answer} else
                      "newer release")
            out.append((claim, f"{newest} ({day.isoformat()})", status))
    return out


def table(results: list[tuple[Claim, str, str]], today: str) -> str:
    lines = [f"Checked against the registries on {today}.", "",
             "| package | where | site says | registry says | site checked | status |",
             "|---|---|---|---|---|---|"]
    for claim, registry, status in results:
        lines.append(f"| {claim.package} | {claim.where} | {claim.says} | {registry} | "
                     f"{claim.checked or '-'} | {status} |")
    return "\n".join(lines)


def write_releases(root: Path, today: str, pypi: str = PYPI) -> Path:
    """Rewrites data/releases.yml: each package's final releases since 2022, first file's day."""
    lines = [
        "# Written by scripts/check_currency.py --write from PyPI's release histories; do not",
        f"# edit by hand. Final releases since {RELEASES_SINCE.isoformat()}, each as "
        "\"version first-upload-date\".",
        f"checked: {today}",
        "packages:",
    ]
    for package, (project, source) in RELEASE_TABLE.items():
        releases = sorted(((v, day) for v, day in final_releases(package, pypi)
                           if day >= RELEASES_SINCE), key=lambda r: (r[1], version_key(r[0])))
        lines += [f"  - name: {package}", f"    project: {project}", f"    source: {source}",
                  "    releases:"]
        lines += [f'      - "{version} {day.isoformat()}"' for version, day in releases]
    out = root / "data/releases.yml"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="refresh data/releases.yml")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this one)")
    parser.add_argument("--pypi", default=PYPI, help="PyPI's JSON interface (for the tests)")
    parser.add_argument("--npm", default=NPM, help="npm's registry (for the tests)")
    args = parser.parse_args(argv)
    today = dt.date.today().isoformat()
    try:
        if args.write:
            written = write_releases(args.root, today, args.pypi)
            print(f"wrote {written.relative_to(args.root)} (checked {today})")
        results = check(claims(args.root), args.pypi, args.npm)
    except (NotFound, BadAnswer) as problem:  # only --write stops on one: it cannot half-write
        print(f"check_currency: {problem}", file=sys.stderr)
        return 1
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as problem:
        # one line: YAML's own messages span several
        print(f"check_currency: cannot read the site's data: {' '.join(str(problem).split())}",
              file=sys.stderr)
        return 1
    print(table(results, today))
    behind = [r for r in results if r[2] != "current"]
    print(f"\n{len(results) - len(behind)} of {len(results)} current")
    return 1 if behind else 0


if __name__ == "__main__":
    sys.exit(main())
