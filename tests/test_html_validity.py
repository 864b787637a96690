"""The Nu HTML Checker finds no error in the markup this project writes (pages and SVG charts).
Errors from Material's own templates are listed, with reasons, in scripts/validate_html.py."""

from __future__ import annotations

import validate_html


def test_the_built_site_has_no_markup_errors_of_ours(site):
    ours, _ = validate_html.check(site)
    assert not ours, "\n".join(ours)


def test_the_checker_reports_an_error_in_our_markup(tmp_path):
    """Guards the test above: a broken page of ours is reported with its file and line."""
    page = tmp_path / "broken" / "index.html"
    page.parent.mkdir()
    page.write_text('<!doctype html><html lang="en"><title>x</title><p><a '
                    'href="#">link<div>block</div></a>\n'
                    '<table><tr><td headers="nowhere">cell</td></tr></table>', encoding="utf-8")
    ours, _ = validate_html.check(tmp_path)
    assert ours and all(line.startswith("broken/index.html:") for line in ours), ours


def test_materials_known_errors_are_left_alone_only_in_materials_markup(tmp_path):
    """The same two errors as Material's templates make, once in Material's markup and once in
    markup of ours: only Material's are left alone."""
    page = tmp_path / "page" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<!doctype html><html lang="en"><title>x</title>\n<input class="md-toggle" '
        'data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n<input '
        'class="md-nav__toggle md-toggle" type="checkbox" id="__nav_2">\n<label '
        'class="md-nav__link" for="__nav_2" id="__nav_2_label" '
        'tabindex="">Frameworks</label>\n<input class="decision-toggle" type="checkbox" id="mine" '
        'autocomplete="off">\n<label class="decision-option" for="mine" '
        'tabindex="">Mine</label>\n', encoding="utf-8")
    ours, theirs = validate_html.check(tmp_path)
    assert [line.split(": ", 1)[0] for line in ours] == [
        "page/index.html:5",
        "page/index.html:6",
    ], ours
    assert "“autocomplete”" in ours[0] and "“tabindex”" in ours[1], ours
    assert sum(theirs.values()) == 2, theirs
