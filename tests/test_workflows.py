"""The GitHub workflows are valid (SchemaStore's workflow schema, through check-jsonschema's
bundled copy, so no network), and the Pages workflow tests the site before it publishes it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHECK = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]


def check(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CHECK, *map(str, paths)], capture_output=True, text=True)


def test_every_workflow_passes_the_schema():
    assert WORKFLOWS
    done = check(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("old,new", [
    ("    runs-on: ubuntu-latest\n    steps:", "    steps:"),  # a job without its runner
    ("      - uses: actions/checkout@v4", "      - usses: actions/checkout@v4"),  # a misspelled key
], ids=["job without runs-on", "misspelled step key"])
def test_a_broken_workflow_fails_the_schema(tmp_path, old, new):
    """Guards the test above: the check finds a broken copy of the Pages workflow."""
    source = ROOT / ".github" / "workflows" / "pages.yml"
    broken = tmp_path / "pages.yml"
    shutil.copy(source, broken)
    text = broken.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {source}"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = check(broken)
    assert done.returncode == 1 and "Schema validation errors were encountered" in done.stdout, (
        done.stdout
    )


def test_the_pages_workflow_tests_before_it_publishes():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    )
    job = workflow["jobs"]["build"]
    assert job["runs-on"] == "ubuntu-latest"
    steps = [step.get("run") or step.get("uses", "") for step in job["steps"]]

    def position(fragment: str) -> int:
        found = [i for i, step in enumerate(steps) if fragment in step]
        assert found, f"no step runs {fragment!r}: {steps}"
        return found[0]

    install = steps[position("pip install")]
    assert "--require-hashes" in install and "-r requirements/test.txt" in install, install
    assert "PIP_CONFIG_FILE" not in str(workflow), "the runner has no pip configuration to ignore"
    # The build goes through scripts/editions.py, which runs mkdocs build --strict itself.
    build = steps[position("scripts/editions.py build")]
    script = (ROOT / "scripts" / "editions.py").read_text(encoding="utf-8")
    assert '"mkdocs", "build", "--strict"' in script and '"-q"' not in script
    assert " -q" not in build, build  # -q would hide warnings from --strict
    assert position("git fetch origin editions") < position("scripts/editions.py build")
    assert '-m "not browser"' in steps[position("pytest")]
    upload = position("actions/upload-pages-artifact")
    assert position("pip install") < position("scripts/editions.py build") < upload
    assert position("pytest") < upload
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_an_edition_tag_cuts_the_edition_after_the_tests_and_checks_it_before_pushing():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    )
    # PyYAML reads the key `on` as True.
    assert workflow[True]["push"]["tags"] == ["edition-*"]
    steps = workflow["jobs"]["build"]["steps"]

    def index(fragment: str) -> int:
        return next(i for i, s in enumerate(steps) if fragment in s.get("run", ""))

    cut = index("scripts/editions.py cut")
    assert index("pytest") < cut < index("test -f site/editions/versions.json")
    assert steps[cut]["if"] == "startsWith(github.ref, 'refs/tags/edition-')"
    run = steps[cut]["run"]
    # cut (a re-run succeeds), rebuild with the new edition, check its links, and only then push
    order = [run.index(s) for s in ("editions.py cut", "editions.py build site",
                                    "check_links.py site --offline", "git push origin editions")]
    assert order == sorted(order), run
    assert "--if-missing" in run and "--push" not in run
    assert workflow["permissions"]["contents"] == "write"  # to push the editions branch
