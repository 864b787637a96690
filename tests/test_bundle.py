"""The examples bundle that Teaching with this site links: one zip, built with the site, holding
every example file and its recorded output, the lock file and a README; unpacked, an example in
it runs and prints what the site shows."""

from __future__ import annotations

import zipfile

import bundle
import run_examples
from conftest import ROOT


def unpack(site, tmp_path):
    with zipfile.ZipFile(site / bundle.BUNDLE) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    return names, tmp_path / bundle.TOP


def test_the_bundle_holds_every_example_its_output_the_lock_and_a_readme(site, tmp_path):
    names, top = unpack(site, tmp_path)
    wanted = {f"{bundle.TOP}/{p.relative_to(ROOT).as_posix()}"
              for p in (ROOT / "examples").rglob("*") if p.suffix in (".py", ".out")
              and "__pycache__" not in p.parts}
    assert sorted(wanted - set(names)) == [], "files missing from the bundle"
    assert (top / "requirements.txt").read_text(encoding="utf-8") == (
        ROOT / "requirements/test.txt").read_text(encoding="utf-8")
    readme = (top / "README.txt").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements.txt" in readme
    assert "PyTorch 2." in readme and "TensorFlow 2." in readme


def test_an_example_from_the_unpacked_bundle_prints_what_the_site_shows(site, tmp_path):
    _, top = unpack(site, tmp_path)
    example = top / "examples/exercises/grad_accumulation/in_pytorch.py"
    problem = run_examples.problem(run_examples.run(example, root=top), root=top)
    assert problem is None, problem


def test_the_teaching_page_links_the_bundle(site):
    html = (site / "teaching/index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/pytorch-vs-tensorflow-examples.zip"' in html


def test_the_same_sources_give_the_same_bundle():
    assert bundle.make() == bundle.make()
