"""Checks every built page and SVG with the Nu HTML Checker (vnu.jar, from audit/'s npm packages,
run with Java) and prints each error in markup this project writes. Errors that come from
Material for MkDocs' own templates are counted separately, with the reason they are left alone.

    .venv/bin/python scripts/validate_html.py [SITE_DIR]    # without SITE_DIR, builds the site

Exits non-zero when markup of ours has an error. tests/test_html_validity.py runs the same check.
"""

from __future__ import annotations

import collections
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from _site import ROOT, built

VNU = ROOT / "audit" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors in Material's templates (material/templates/*.html), not in our pages. Changing them
# would mean overriding whole partials that Material maintains. Each is known by its message and
# by the element it is reported on (the checker's highlighted extract), which carries classes and
# ids that only Material's template writes: the same error in our own markup is still reported.
TEMPLATE_ERRORS = [
    (re.compile(r"Attribute “autocomplete” is only allowed when the input type is "),
     re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
                r'id="__(drawer|search)" autocomplete="off">'),
     "Material's drawer and search toggles (base.html) are checkboxes with autocomplete=off, which "
     "keeps Firefox from restoring them open when a reader goes back."),
    (re.compile(r"Bad value “” for attribute “tabindex” on element “label”"),
     re.compile(r'<label class="md-nav__link" for="__nav_[\d_]+" id="__nav_[\d_]+_label" '
                r'tabindex="">'),
     "Material's navigation template (partials/nav-item.html) writes an empty tabindex on section "
     "labels."),
]


def run_vnu(site: Path) -> list[dict]:
    if not VNU.exists():
        sys.exit(f"{VNU.relative_to(ROOT)} is missing: run `npm ci --prefix audit` "
                 "(scripts/test does)")
    if not shutil.which("java"):
        sys.exit("java is missing: install Debian's default-jre-headless (scripts/test does)")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
         "--also-check-svg", str(site)],
        capture_output=True, text=True,
    )
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


def highlighted(message: dict) -> str:
    """The markup the checker reports the error on."""
    extract, start = message.get("extract", ""), message.get("hiliteStart", 0)
    return extract[start:start + message.get("hiliteLength", len(extract))]


def template_error(message: dict) -> str | None:
    """Why an error is left alone, when Material's template made it; else None."""
    return next((reason for text, element, reason in TEMPLATE_ERRORS
                 if text.match(message["message"]) and element.fullmatch(highlighted(message))),
                None)


def check(site: Path) -> tuple[list[str], collections.Counter]:
    """(our errors, one line each with file and line; count of template errors by reason)"""
    ours, theirs = [], collections.Counter()
    for message in run_vnu(site):
        if reason := template_error(message):
            theirs[reason] += 1
            continue
        where = message.get("url", "").split(str(site) + "/")[-1]
        ours.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return ours, theirs


def report(site: Path) -> int:
    ours, theirs = check(site)
    files = sum(1 for f in site.rglob("*") if f.suffix in (".html", ".svg"))
    for line in ours:
        print(line)
    print(f"{files} files checked: {len(ours)} errors in our markup")
    for reason, count in theirs.items():
        print(f"  left alone, {count}x, from Material's templates: {reason}")
    return 1 if ours else 0


def main() -> int:
    if len(sys.argv) > 1:
        return report(Path(sys.argv[1]))
    with built() as site:
        return report(site)


if __name__ == "__main__":
    sys.exit(main())
