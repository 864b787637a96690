"""The installs are the same everywhere: the locks pin and hash every package, the environment
holds nothing the lock does not list, and scripts/lib.sh fails with a message, never silently."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

import check_pythons
from conftest import ROOT

LOCKS = sorted((ROOT / "requirements").glob("*.txt"))
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)
# The one package a new virtual environment brings itself (venv seeds pip); the lock can't pin it.
SEEDED_BY_VENV = {"pip"}


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, str]:
    found = PIN.findall(lock.read_text(encoding="utf-8"))
    return {normalize(name): version for name, version in found}


def requirement_blocks(lock: Path) -> list[str]:
    """Each requirement of a pip-compile lock with its continuation lines, comments dropped."""
    text = re.sub(r"^\s*#.*$", "", lock.read_text(encoding="utf-8"), flags=re.M)
    return [block for block in re.split(r"(?<!\\)\n", text) if block.strip()]


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_every_locked_package_is_pinned_and_hashed(lock):
    blocks = requirement_blocks(lock)
    assert len(blocks) > 20, f"{lock.name}: suspiciously few requirements"
    for block in blocks:
        name = block.split("\\")[0].strip()
        assert PIN.match(name), f"{lock.name}: {name!r} is not pinned with =="
        assert "--hash=sha256:" in block, f"{lock.name}: {name} has no hash"


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_locks_were_made_against_the_public_index(lock):
    text = lock.read_text(encoding="utf-8")
    assert "+cpu" not in text, f"{lock.name}: a local build (+cpu) leaked into the lock"
    assert "--find-links" not in text and "--index-url" not in text, f"{lock.name}: names an index"


def test_lock_pins_the_declared_frameworks():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = declared["dependencies"] + [d for extra in declared["optional-dependencies"].values()
                                         for d in extra]
    locked = pins(ROOT / "requirements/test.txt")
    for requirement in wanted:
        name, version = requirement.split("==")
        have = locked.get(normalize(name))
        assert have == version, f"{name}: pyproject says {version}, lock says {have}"


def test_every_installed_package_is_in_the_lock():
    """Run from .venv: nothing was installed that the lock does not list, at its version."""
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        pytest.skip("runs only inside the project's .venv")
    locked = pins(ROOT / "requirements/test.txt")
    strays = []
    # What is installed in the venv's site-packages, not whatever is on sys.path: importing
    # setuptools (torch.compile does) appends its own vendored packages to sys.path.
    installed = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    for dist in importlib.metadata.distributions(path=installed):
        name = normalize(dist.metadata["Name"])
        if name not in SEEDED_BY_VENV and locked.get(name) != dist.version:
            strays.append(f"{name}=={dist.version} (lock: {locked.get(name)})")
    assert not strays, f"installed but not locked: {strays}"


# scripts/lib.sh, run in a copy of the project with a controlled PATH.

def lib_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts/lib.sh", project / "scripts/lib.sh")
    return project


def fake_bin(tmp_path: Path, **scripts: str) -> Path:
    """A folder of tiny shell scripts to put first on PATH, with the system's own tools after."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name, body in scripts.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    return folder


def run_lib(project: Path, call: str, path: str) -> subprocess.CompletedProcess:
    env = {"PATH": path, "HOME": os.environ.get("HOME", "/root"), "PIP_NO_INPUT": "1"}
    return subprocess.run(["/bin/bash", "-c", f"source scripts/lib.sh; {call}"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=300)


def test_lib_says_so_when_no_python_is_found(tmp_path):
    project = lib_project(tmp_path)
    tools = fake_bin(tmp_path)
    (tools / "dirname").symlink_to(shutil.which("dirname"))  # the one outside tool lib.sh needs
    # nothing else on PATH: no python3
    result = run_lib(project, "find_python requirements/test.txt", str(tools))
    assert result.returncode != 0
    assert ("Python 3.11 (3.11.5 or a later 3.11) is required for requirements/test.txt, and no "
            "python3 is on PATH" in result.stderr), result.stderr


def test_lib_names_a_wrong_python_version(tmp_path):
    project = lib_project(tmp_path)
    fake = 'if [ "$1" = "--version" ]; then echo "Python 3.9.2"; fi; exit 1'
    tools = fake_bin(tmp_path, python3=fake)
    (tools / "dirname").symlink_to(shutil.which("dirname"))
    for lock, need in [("test.txt", "Python 3.11 (3.11.5 or a later 3.11)"),
                       ("site.txt", "Python 3.11.5 or newer")]:
        result = run_lib(project, f"find_python requirements/{lock}", str(tools))  # the fake
        assert result.returncode != 0
        assert f"{need} is required for requirements/{lock}; found Python 3.9.2" in result.stderr, (
            result.stderr)


def newer_python() -> str | None:
    """A CPython newer than 3.11 that runs on this machine (pyenv's, where it has one)."""
    return next(filter(None, map(check_pythons.interpreter, ("3.12", "3.13", "3.14"))), None)


def test_lib_serves_with_a_newer_python_but_tests_with_3_11_only(tmp_path):
    python = newer_python()
    if python is None:
        pytest.skip("no Python newer than 3.11 on this machine")
    project = lib_project(tmp_path)
    check = 'python_ok "{}" requirements/{} && echo yes || echo no'
    site = run_lib(project, check.format(python, "site.txt"), os.environ["PATH"])
    test = run_lib(project, check.format(python, "test.txt"), os.environ["PATH"])
    assert (site.stdout.strip(), test.stdout.strip()) == ("yes", "no"), site.stderr + test.stderr


def test_lib_never_waits_for_a_sudo_password(tmp_path):
    project = lib_project(tmp_path)
    log = tmp_path / "sudo-args"
    tools = fake_bin(tmp_path, id="echo 1000", sudo=f'printf "%s\\n" "$@" > {log}; exit 1')
    result = run_lib(project, "as_root apt-get update", f"{tools}:/bin:/usr/bin")
    assert result.returncode != 0
    assert log.read_text().split()[0] == "-n", "sudo must be called with -n"
    assert "needs root" in result.stderr and "apt-get update" in result.stderr, result.stderr


def test_lib_rebuilds_a_venv_left_without_pip(tmp_path):
    """An interrupted first run leaves .venv without pip; the next run must start again."""
    project = lib_project(tmp_path)
    import ensurepip

    python = getattr(sys, "_base_executable", sys.executable)  # the Python that made .venv
    subprocess.run([python, "-m", "venv", "--without-pip", str(project / ".venv")], check=True)
    # A lock that installs offline: the wheel of setuptools that Python itself bundles.
    wheel = next((Path(ensurepip.__file__).parent / "_bundled").glob("setuptools-*.whl"), None)
    if wheel is None:
        pytest.skip("this Python bundles no setuptools wheel to install offline")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    (project / "requirements").mkdir()
    lock = f"setuptools @ {wheel.as_uri()} --hash=sha256:{digest}\n"
    (project / "requirements/tiny.txt").write_text(lock)
    path = f"{Path(python).parent}:/bin:/usr/bin"
    result = run_lib(project, "setup_venv requirements/tiny.txt", path)
    assert result.returncode == 0, result.stderr
    assert ".venv is incomplete" in result.stderr
    check = subprocess.run([str(project / ".venv/bin/python"), "-m", "pip", "--version"],
                           capture_output=True)
    assert check.returncode == 0, "the rebuilt .venv has no working pip"


def test_tests_marked_with_one_xdist_group_run_on_one_worker(tmp_path):
    """scripts/test relies on --dist loadgroup to build a shared fixture (the benchmarks' quick
    run, the editions) once; with pytest 9.2 and pytest-xdist 3.8.0 the grouping silently did
    nothing and each of those fixtures ran on both workers."""
    (tmp_path / "test_grouped.py").write_text(
        "import pytest\npytestmark = pytest.mark.xdist_group('one')\n"
        "@pytest.mark.parametrize('i', range(6))\ndef test_a(i):\n    pass\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--numprocesses=2",
         "--dist", "loadgroup", "-v", "test_grouped.py"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    workers = set(re.findall(r"^\[(gw\d+)\] .*PASSED", done.stdout, re.M))
    assert len(re.findall(r"PASSED", done.stdout)) == 6 and len(workers) == 1, done.stdout
