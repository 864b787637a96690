"""Frozen editions, the whole path as a maintainer runs it (scripts/editions.py): in a git copy
of the project, cut an edition, change a page, cut a second, build the live site with both
beside it, serve it, and check in Chromium that each edition keeps its own text, says which
edition it is, switches to the other, searches within itself and keeps to the policy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

import check_links
from _site import free_port, serve
from conftest import ROOT, copy_project

# One test worker runs the whole module: its tests share one module fixture (two editions
# built and served), which each worker would otherwise build for its share of the tests.
pytestmark = pytest.mark.xdist_group("editions")

ADDED = "A sentence added after the first edition."
EDITIONS = {"2026-11": "November 2026", "2026-12": "December 2026"}


def run(*args: str, cwd: Path, env: dict) -> None:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """(site folder, base URL): the live site with two editions, served."""
    tmp = tmp_path_factory.mktemp("editions")
    project = copy_project(tmp / "project")
    shutil.copytree(ROOT / "scripts", project / "scripts")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, SITE_URL=base, NO_MKDOCS_2_WARNING="1", GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    script = str(project / "scripts" / "editions.py")
    run("git", "init", "-q", cwd=project, env=env)
    run("git", "add", "-A", cwd=project, env=env)
    run("git", "commit", "-qm", "base", cwd=project, env=env)
    run(sys.executable, script, "cut", "2026-11", "--title", EDITIONS["2026-11"], cwd=project,
        env=env)
    first = tree(project, "editions:editions/2026-11")
    with open(project / "docs" / "glossary.md", "a", encoding="utf-8") as handle:
        handle.write(f"\n{ADDED}\n")
    run("git", "commit", "-qam", "change", cwd=project, env=env)
    run(sys.executable, script, "cut", "2026-12", "--title", EDITIONS["2026-12"], cwd=project,
        env=env)
    site = tmp / "site"
    run(sys.executable, script, "build", str(site), cwd=project, env=env)
    assert tree(project, "editions:editions/2026-11") == first, "the first edition changed"
    with serve(site, port) as served_at:
        assert served_at == base
        yield {"site": site, "base": base, "project": project, "script": script, "env": env}


def tree(project: Path, spec: str) -> str:
    return subprocess.run(["git", "rev-parse", spec], cwd=project, capture_output=True,
                          text=True, check=True).stdout.strip()


def cut_again(published, cwd: Path, *extra: str, env: dict | None = None):
    return subprocess.run([sys.executable, published["script"], "cut", "2026-11", "--title", "x",
                           *extra], cwd=cwd, env=env or published["env"], capture_output=True,
                          text=True)


def test_an_edition_is_never_rebuilt_not_even_from_a_fresh_clone(published, tmp_path):
    project = published["project"]
    before = tree(project, "editions:editions/2026-11")
    again = cut_again(published, project)
    assert again.returncode == 1 and "never rebuilt" in again.stderr, again.stderr
    # A fresh clone has origin/editions but no local branch, which mike would otherwise rebuild.
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(project), str(clone)], check=True)
    again = cut_again(published, clone)
    assert again.returncode == 1 and "never rebuilt" in again.stderr, again.stderr
    rerun = cut_again(published, clone, "--if-missing")
    assert rerun.returncode == 0, rerun.stderr  # a re-run of the workflow succeeds
    assert tree(project, "editions:editions/2026-11") == before


def test_an_edition_needs_the_live_sites_address(published):
    env = {k: v for k, v in published["env"].items() if k != "SITE_URL"}
    done = subprocess.run([sys.executable, published["script"], "cut", "2027-01", "--title", "x"],
                          cwd=published["project"], env=env, capture_output=True, text=True)
    assert done.returncode == 2 and "set SITE_URL" in done.stderr, done.stderr


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_each_edition_keeps_the_text_it_was_cut_with(published):
    site = published["site"]
    versions = json.loads((site / "editions" / "versions.json").read_text(encoding="utf-8"))
    assert {v["version"]: v["title"] for v in versions} == EDITIONS
    assert ADDED not in soup(site, "editions/2026-11/glossary").get_text()
    assert ADDED in soup(site, "editions/2026-12/glossary").get_text()
    assert ADDED in soup(site, "glossary").get_text()  # the live site


@pytest.mark.parametrize("name", EDITIONS)
def test_an_edition_says_which_it_is_and_links_the_live_page(published, name):
    site, base = published["site"], published["base"]
    page = soup(site, f"editions/{name}/graph-models")
    notice = page.select_one("div.admonition.info")
    assert notice is not None and f"Edition {name}" in notice.get_text()
    assert notice.select_one(f'a[href="{base}graph-models/"]') is not None
    assert page.select_one('link[rel="canonical"]')["href"] == (
        f"{base}editions/{name}/graph-models/")
    cite = page.find(id="cite-this-page").find_next("code").get_text()
    assert f"{base}editions/{name}/graph-models/" in cite and f"Edition {name}" in cite
    assert page.select_one('meta[http-equiv="Content-Security-Policy"]') is not None
    # A feed reader subscribes to the live log: the edition's own copy never changes.
    feed = page.select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed["href"] == f"{base}changes.xml"
    subscribe = soup(site, f"editions/{name}/changes").find("a", string="Atom feed")
    assert subscribe["href"] == f"{base}changes.xml"


def test_the_live_site_lists_the_editions_and_cites_the_newest(published):
    site, base = published["site"], published["base"]
    listed = [a["href"] for a in soup(site, "methodology").find(id="editions").find_next("ul")
              .select("a")]
    assert listed == [f"{base}editions/2026-12/", f"{base}editions/2026-11/"]
    assert f"{base}editions/2026-12/graph-models/" in soup(site, "graph-models").get_text()
    assert soup(site, "graph-models").select_one("div.admonition.info") is None


def test_the_links_and_anchors_of_the_live_site_and_both_editions_hold(published, capsys):
    site, base = published["site"], published["base"]
    code = check_links.main([str(site), "--offline", "--site-url", base])
    assert code == 0, capsys.readouterr().out


@pytest.mark.browser
def test_the_version_menu_switches_editions_with_no_outside_request(published, open_page):
    base = published["base"]
    page = open_page("editions/2026-11/graph-models/", base=base)
    menu = page.locator(".md-version__current")
    expect(menu).to_have_text(EDITIONS["2026-11"])
    menu.focus()  # the menu opens on focus or hover, as for a keyboard or mouse reader
    page.get_by_role("link", name=EDITIONS["2026-12"], exact=True).click()
    page.wait_for_url(f"{base}editions/2026-12/graph-models/")
    expect(page.locator(".md-version__current")).to_have_text(EDITIONS["2026-12"])
    expect(page.locator("div.admonition.info")).to_contain_text("Edition 2026-12")


@pytest.mark.browser
def test_the_notice_links_the_same_section_on_the_live_site(published, open_page):
    base = published["base"]
    page = open_page("editions/2026-12/graph-models/#tf-function", base=base)
    link = page.locator("a[data-live-link]")
    expect(link).to_have_attribute("href", f"{base}graph-models/#tf-function")
    link.click()
    page.wait_for_url(f"{base}graph-models/#tf-function")
    expect(page.locator("[id='tf-function']")).to_be_in_viewport()


@pytest.mark.browser
def test_search_in_an_edition_finds_pages_of_that_edition(published, open_page):
    base = published["base"]
    page = open_page("editions/2026-11/", base=base)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").fill("retracing")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert hrefs and all(h.startswith(f"{base}editions/2026-11/") for h in hrefs), hrefs


def test_a_broken_versions_file_stops_the_live_build_naming_it(tmp_path):
    bad = tmp_path / "versions.json"
    bad.write_text('{"not": "a list"', encoding="utf-8")
    env = dict(os.environ, EDITIONS_JSON=str(bad), NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True,
                          text=True)
    output = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in output, output
    assert f"EDITIONS_JSON: {bad}: not a mike versions.json" in output, output


def test_an_edition_is_built_strictly_though_mike_passes_no_strict(tmp_path):
    """mike runs `mkdocs build` without --strict; scripts/editions.py sets MKDOCS_STRICT, which
    mkdocs.yml reads, so that a warning stops an edition as it stops the live build."""
    project = copy_project(tmp_path / "project")
    with open(project / "docs" / "glossary.md", "a", encoding="utf-8") as handle:
        handle.write("\nSee [a page that does not exist](no-such-page.md).\n")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MKDOCS_STRICT="true")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir",
                           str(tmp_path / "site")], cwd=project, env=env, capture_output=True,
                          text=True)
    output = done.stdout + done.stderr
    assert done.returncode != 0 and "no-such-page.md" in output, output
    script = (ROOT / "scripts" / "editions.py").read_text(encoding="utf-8")
    assert 'MKDOCS_STRICT="true"' in script
