"""Every browser test fails, after it ends, on anything its pages did that a reader would not
see: an outside request, a console error, a script error or a policy violation. Checked by
running tests that use open_page (tests/conftest.py) on small pages made for each, in a pytest
of their own."""

from __future__ import annotations

import os
import subprocess
import sys
from xml.etree import ElementTree

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

INNER = '''
import base64

import pytest

PAGES = {
    "clean": "<p>Nothing wrong here.</p>",
    "console": "<script>console.error('broken widget')</script>",
    "outside": '<img src="https://cdn.example.org/logo.png" alt="">',
    "throws": "<script>throw new Error('boom')</script>",
    "policy": '<meta http-equiv="Content-Security-Policy" content="img-src \\'none\\'">'
              '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">',
}


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    for name, body in PAGES.items():
        (folder / f"{name}.html").write_text(f"<!doctype html><title>{name}</title>{body}")
    return folder


@pytest.mark.parametrize("name", list(PAGES))
def test_page(open_page, name):
    open_page(f"{name}.html")


def test_provoked_error_taken_on_purpose(open_page):
    page = open_page("console.html")
    page.watch.expected("console_errors", "broken widget")


@pytest.fixture(scope="session")
def other_site(tmp_path_factory):
    """A second local server: another site, which answers if a request ever reaches it."""
    from conftest import serve

    folder = tmp_path_factory.mktemp("other")
    (folder / "pixel.gif").write_bytes(base64.b64decode(
        "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"))
    with serve(folder) as base:
        yield base


def test_outside_request_is_blocked(open_page, other_site):
    page = open_page("clean.html")
    outcome = page.evaluate("""url => new Promise(done => {
        const image = new Image();
        image.onload = () => done("loaded");
        image.onerror = () => done("blocked");
        image.src = url;
    })""", other_site + "pixel.gif")
    page.watch.expected("outside", "pixel.gif$")
    page.watch.console_errors[:] = [e for e in page.watch.console_errors if "ERR_FAILED" not in e]
    assert outcome == "blocked"
'''


@pytest.fixture(scope="module")
def outcome(tmp_path_factory) -> dict[str, str]:
    """Each inner test's name and what failed it ("" when it passed), from pytest's JUnit report."""
    folder = tmp_path_factory.mktemp("inner")
    (folder / "test_inner.py").write_text(INNER, encoding="utf-8")
    paths = os.pathsep.join(str(ROOT / part) for part in ("tests", "scripts"))
    report = folder / "report.xml"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "-n", "0",
         "--rootdir", str(folder), f"--junitxml={report}", str(folder / "test_inner.py")],
        cwd=folder, env=dict(os.environ, PYTHONPATH=paths), capture_output=True, text=True,
        timeout=300,
    )
    assert report.exists(), done.stdout + done.stderr
    results = {}
    for case in ElementTree.parse(report).iter("testcase"):
        problems = [
            element.get("message", "") for element in case if element.tag in ("error", "failure")
        ]
        results[case.get("name")] = " ".join(problems)
    return results


@pytest.mark.parametrize("name,message", [
    ("console", "console errors: ['broken widget']"),
    ("outside", "requests outside the site: ['https://cdn.example.org/logo.png']"),
    ("throws", "script errors: ['boom']"),
    ("policy", "Content-Security-Policy violations: ['CSP violation: img-src blocked data"),
])
def test_a_page_that_misbehaves_fails_its_test(outcome, name, message):
    assert message in outcome[f"test_page[{name}]"], outcome


def test_a_clean_page_and_an_error_taken_on_purpose_pass(outcome):
    assert outcome["test_page[clean]"] == "", outcome
    assert outcome["test_provoked_error_taken_on_purpose"] == "", outcome


def test_a_request_to_another_site_is_blocked_not_only_recorded(outcome):
    """An image from a second local server (which would answer) fails to load."""
    assert outcome["test_outside_request_is_blocked"] == "", outcome
