"""The Nu HTML Checker finds no error in the markup this project writes (pages and SVG charts).
Errors from Material's own templates are listed, with reasons, in scripts/validate_html.py."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import validate_html  # noqa: E402


def test_the_built_site_has_no_markup_errors_of_ours(site):
    ours, _ = validate_html.check(site)
    assert not ours, "\n".join(ours)


def test_the_checker_reports_an_error_in_our_markup(tmp_path):
    """Guards the test above: a broken page of ours is reported with its file and line."""
    page = tmp_path / "broken" / "index.html"
    page.parent.mkdir()
    page.write_text('<!doctype html><html lang="en"><title>x</title><p><a href="#">link<div>block</div></a>\n'
                    '<table><tr><td headers="nowhere">cell</td></tr></table>', encoding="utf-8")
    ours, _ = validate_html.check(tmp_path)
    assert ours and all(line.startswith("broken/index.html:") for line in ours), ours
