"""Links that course pages hold must keep working: every URL in tests/public_urls.txt reaches its
page and heading, directly or through a redirect, and every heading has an explicit id."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, build, copy_project, free_port, serve

sys.path.insert(0, str(ROOT / "scripts"))
import public_urls  # noqa: E402

HEADING = re.compile(r"^#{1,6} ")
FENCE = re.compile(r"^\s*(```|~~~)")


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
            elif not in_fence and HEADING.match(line) and not re.search(r"\{[^}]*#[\w-]+[^}]*\}\s*$", line):
                missing.append(f"docs/{md.name}:{number}: {line}")
    assert not missing, "headings without {#id}:\n" + "\n".join(missing)


def move_glossary(project):
    """Moves glossary.md to terms.md the way an author would: file, nav and links."""
    (project / "docs/glossary.md").rename(project / "docs/terms.md")
    for path in [project / "mkdocs.yml", project / "docs/index.md"]:
        path.write_text(path.read_text(encoding="utf-8").replace("glossary.md", "terms.md"), encoding="utf-8")


def test_a_removed_heading_id_is_reported(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs/background.md"
    path.write_text(path.read_text(encoding="utf-8").replace("{#direction-keras}", "{#keras-direction}"), encoding="utf-8")
    assert build(project, tmp_path / "site").returncode == 0
    assert public_urls.broken(tmp_path / "site", "/background/#direction-keras") == (
        "/background/#direction-keras: no heading with id 'direction-keras' on /background/; "
        "restore the id or add a redirect")


@pytest.mark.browser
def test_a_moved_page_needs_a_redirect_which_keeps_the_anchor(tmp_path, open_page):
    project = copy_project(tmp_path / "project")
    move_glossary(project)
    assert build(project, tmp_path / "unredirected").returncode == 0
    assert "page /glossary/ is gone" in public_urls.broken(tmp_path / "unredirected", "/glossary/#autograph")

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "redirect_maps: {}", "redirect_maps: {glossary.md: terms.md}"), encoding="utf-8")
    port = free_port()
    result = build(project, tmp_path / "site", site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [p for url in public_urls.listed() if (p := public_urls.broken(tmp_path / "site", url))]

    with serve(tmp_path / "site", port) as base:
        page = open_page("glossary/#autograph", base=base)
        page.wait_for_url("**/terms/#autograph")
        assert page.locator("h2#autograph").is_visible()
        assert not page.watch.console_errors and not page.watch.outside
