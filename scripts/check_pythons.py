"""Checks on which CPython versions the site's lock (requirements/site.txt, what scripts/serve
installs) installs, and where an interpreter of that version is on this machine, that the site
builds with it. Prints one line per version; the README's "Supported Pythons" records the result.

    .venv/bin/python scripts/check_pythons.py            # 3.10 to 3.14
    .venv/bin/python scripts/check_pythons.py 3.13       # only these

For each version, pip resolves the lock against the public index as that version would
(`--python-version`, wheels only, every file checked against the lock's hashes, nothing
installed), so a package that needs a newer Python, or a dependency the lock lacks on that
version, shows. Where `python3.X` (or pyenv's) exists, the lock is also installed into a
temporary virtual environment and `mkdocs build --strict` runs with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "site.txt"
# 3.11 twice: pymdown-extensions 13.1 requires 3.11.5 or later.
VERSIONS = ["3.10", "3.11.4", "3.11.5", "3.12", "3.13", "3.14"]
# The public index alone, as scripts/lock and scripts/lib.sh use it.
ENV = dict(os.environ, PIP_CONFIG_FILE="/dev/null", NO_MKDOCS_2_WARNING="1")


def last_line(done: subprocess.CompletedProcess) -> str:
    lines = [line for line in (done.stderr + done.stdout).splitlines()
             if line.strip() and not line.startswith("WARNING")]
    return lines[-1][:160] if lines else f"exit code {done.returncode}"


def resolves(version: str) -> tuple[bool, str]:
    with tempfile.TemporaryDirectory() as target:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
             "--python-version", version, "--only-binary=:all:", "--require-hashes",
             "--target", target, "-r", str(LOCK)],
            capture_output=True, text=True, env=ENV, timeout=600)
    return done.returncode == 0, "" if done.returncode == 0 else last_line(done)


def interpreter(version: str) -> str | None:
    """An interpreter of the version's major.minor release on this machine (pyenv's or on PATH)."""
    version = ".".join(version.split(".")[:2])
    pyenv = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python3"))
    candidates = [str(p) for p in pyenv]
    candidates.append(shutil.which(f"python{version}") or "")
    for candidate in filter(None, candidates):
        code = "import sys; print('%d.%d' % sys.version_info[:2])"
        done = subprocess.run([candidate, "-c", code], capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip() == version:
            return candidate
    return None


def builds(python: str) -> tuple[bool, str]:
    """Installs the lock with `python` into a fresh venv and builds the site strictly."""
    with tempfile.TemporaryDirectory() as folder:
        venv = Path(folder) / "venv"
        steps = [
            [python, "-m", "venv", str(venv)],
            [str(venv / "bin/python"), "-m", "pip", "install", "--quiet",
             "--disable-pip-version-check", "--require-hashes", "--no-deps", "-r", str(LOCK)],
            [str(venv / "bin/python"), "-m", "mkdocs", "build", "--strict", "--site-dir",
             str(Path(folder) / "site")],
        ]
        for step in steps:
            done = subprocess.run(step, cwd=ROOT, capture_output=True, text=True, env=ENV,
                                  timeout=900)
            if done.returncode:
                return False, f"{Path(step[0]).name} {step[2]}: {last_line(done)}"
    return True, ""


def main() -> int:
    versions = sys.argv[1:] or VERSIONS
    for version in versions:
        ok, why = resolves(version)
        line = f"Python {version}: lock {'resolves' if ok else 'does not resolve: ' + why}"
        python = interpreter(version) if ok else None
        if python:
            built, why = builds(python)
            line += f"; installed and built with {python}: " + ("yes" if built else f"no: {why}")
        elif ok:
            line += "; no interpreter here to build with"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
