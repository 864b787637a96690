"""Links that course pages hold must keep working: every URL in tests/public_urls.txt reaches its
page and heading, directly or through a redirect, and every heading has an explicit id."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from mkdocs_redirects.plugin import HTML_TEMPLATE

import public_urls
from conftest import ROOT, build, copy_project, free_port, serve

HEADING = re.compile(r"^#{1,6} ")
FENCE = re.compile(r"^\s*(```|~~~)")
EXPLICIT_ID = re.compile(r"\{[^}]*#[\w-]+[^}]*\}\s*$")


def test_every_listed_url_still_reaches_its_page_and_heading(site):
    assert all(url.startswith("/") for url in public_urls.listed()), "list paths from the site root"
    problems = [p for url in public_urls.listed() if (p := public_urls.broken(site, url))]
    assert not problems, "\n".join(problems)


def test_every_page_and_heading_of_the_site_is_listed(site):
    new = sorted(public_urls.site_urls(site) - set(public_urls.listed()))
    assert not new, f"not in tests/public_urls.txt (run scripts/public_urls.py --write): {new}"


def test_every_heading_in_the_pages_has_an_explicit_id():
    missing = []
    for md in sorted((ROOT / "docs").glob("*.md")):
        in_fence = False
        for number, line in enumerate(md.read_text(encoding="utf-8").splitlines(), start=1):
            if FENCE.match(line):
                in_fence = not in_fence
            elif not in_fence and HEADING.match(line) and not EXPLICIT_ID.search(line):
                missing.append(f"docs/{md.name}:{number}: {line}")
    assert not missing, "headings without {#id}:\n" + "\n".join(missing)


def move_glossary(project):
    """Moves glossary.md to terms.md the way an author would: file, nav, links and the pages that
    the changes log names."""
    (project / "docs/glossary.md").rename(project / "docs/terms.md")
    for path in [project / "mkdocs.yml", project / "docs/index.md", project / "data/changes.yml"]:
        path.write_text(
            path.read_text(encoding="utf-8").replace("glossary.md", "terms.md"), encoding="utf-8"
        )


def test_a_removed_heading_id_is_reported(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs/background.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{#direction-keras}", "{#keras-direction}"),
        encoding="utf-8",
    )
    assert build(project, tmp_path / "site").returncode == 0
    assert public_urls.broken(tmp_path / "site", "/background/#direction-keras") == (
        "/background/#direction-keras: no heading with id 'direction-keras' on /background/; "
        "restore the id or add a redirect")


def test_a_redirect_loop_is_reported_not_followed_forever(tmp_path):
    """Two stubs, as mkdocs-redirects writes them, that send readers to each other. Run in a
    process of its own, so that a loop fails the test by its timeout instead of hanging it."""
    for page, target in [("old", "../older/"), ("older", "../old/")]:
        (tmp_path / page).mkdir()
        (tmp_path / page / "index.html").write_text(
            HTML_TEMPLATE.format(url=target), encoding="utf-8"
        )
    check = ("import sys, pathlib, public_urls; "
             "print(public_urls.broken(pathlib.Path(sys.argv[1]), '/old/#x'))")
    done = subprocess.run(
        [sys.executable, "-c", check, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "scripts")),
    )
    assert done.stdout.strip() == ("/old/#x: redirect loop /old/ -> /older/ -> /old/; "
                                   "fix redirect_maps in mkdocs.yml"), done.stdout + done.stderr


@pytest.mark.browser
def test_a_moved_page_needs_a_redirect_which_keeps_the_anchor(tmp_path, open_page):
    project = copy_project(tmp_path / "project")
    move_glossary(project)
    assert build(project, tmp_path / "unredirected").returncode == 0
    assert "page /glossary/ is gone" in public_urls.broken(
        tmp_path / "unredirected", "/glossary/#autograph"
    )

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "redirect_maps: {}", "redirect_maps: {glossary.md: terms.md}"), encoding="utf-8")
    port = free_port()
    result = build(project, tmp_path / "site", site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [
        p for url in public_urls.listed() if (p := public_urls.broken(tmp_path / "site", url))
    ]

    with serve(tmp_path / "site", port) as base:
        page = open_page("glossary/#autograph", base=base)
        page.wait_for_url("**/terms/#autograph", timeout=10_000)  # a script sends it at once
        assert page.locator("h2#autograph").is_visible()
        assert not page.watch.console_errors and not page.watch.outside


def test_a_redirect_stub_carries_a_policy_that_lets_its_script_keep_the_anchor(tmp_path):
    """Without a browser: the stub that mkdocs-redirects writes for a moved page holds the
    script that carries the #anchor over, and its Content-Security-Policy allows that script by
    its hash (worked out here with hashlib). A blocked script would still redirect, through the
    stub's meta refresh, but to the top of the new page."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "redirect_maps: {}", "redirect_maps: {terms.md: glossary.md}"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    stub = BeautifulSoup((tmp_path / "site/terms/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    script = stub.find("script").string
    assert 'location.href="../glossary/"+(anchor?"#"+anchor:"")' in script, script
    policy = stub.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    hashed = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"'sha256-{hashed}'" in policy.split("script-src", 1)[1].split(";")[0], policy


def test_a_moved_section_is_followed_to_its_new_page(site):
    """/graph-models/#export moved to Compilers and export (data/moved_anchors.yml)."""
    assert public_urls.broken(site, "/graph-models/#export") is None
    assert public_urls.broken(site, "/graph-models/#no-such-section") is not None


def test_a_moved_section_whose_new_place_is_gone_is_reported(tmp_path):
    site = tmp_path / "site"
    for page, body in [
        ("old", '<article class="md-content__inner"><h1 id="old">Old</h1>'
                '<a id="gone" class="moved-anchor" href="../new/#gone">Gone</a></article>'),
        ("new", '<article class="md-content__inner"><h1 id="new">New</h1></article>'),
    ]:
        (site / page).mkdir(parents=True)
        (site / page / "index.html").write_text(f"<html><head><title>{page}</title></head>"
                                                f"<body>{body}</body></html>", encoding="utf-8")
    assert public_urls.broken(site, "/old/#gone") == (
        "/old/#gone: moved to /new/#gone, which is broken: /new/#gone: no heading with id "
        "'gone' on /new/; restore the id or add a redirect")


@pytest.mark.browser
def test_an_old_link_to_a_moved_section_lands_on_its_new_place(open_page):
    page = open_page("graph-models/#export")
    page.wait_for_url("**/compilers-and-export/#export", timeout=10_000)  # sent on at once
    assert page.locator("h2#export").is_visible()


@pytest.mark.browser
def test_without_javascript_an_old_link_lands_on_a_link_to_the_new_place(open_page, server):
    page = open_page("graph-models/#export", javascript=False)
    link = page.locator("a#export.moved-anchor")
    assert link.is_visible() and "Compilers and export" in link.locator("xpath=..").inner_text()
    assert link.get_attribute("href") == "../compilers-and-export/#export"
