"""The monthly link check (scripts/check_links.py with .github/lychee.toml), run here on the
session's built site: its own links and anchors hold, and in a copy with links broken on purpose
(a missing page, a missing anchor, an outside address that refuses, a bibliography URL that
refuses; the outside ones point at a closed port on this machine) each is reported with the
page or citation key that uses it. No request leaves the machine."""

from __future__ import annotations

import shutil
import socket

import yaml

import check_links
from conftest import ROOT


def closed_port() -> int:
    """A port on this machine that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rows(out: str) -> dict[str, list[str]]:
    """link -> [status, pages, citation keys], from the printed report."""
    return {cells[0]: cells[1:] for line in out.splitlines()
            if line.startswith("| ") and not line.startswith(("| link", "|---"))
            for cells in [[c.strip() for c in line.strip("|").split(" | ")]]}


def test_the_built_sites_own_links_and_anchors_hold(site, port, capsys):
    code = check_links.main([str(site), "--offline", "--site-url", f"http://127.0.0.1:{port}/"])
    out = capsys.readouterr().out
    assert code == 0, out
    checked = int(out.split()[0])
    assert checked > 1000, "every page's links, not a few"


def test_broken_links_are_reported_with_their_page_and_key(site, port, tmp_path, capsys):
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    gone = closed_port()
    home = broken / "index.html"
    text = home.read_text(encoding="utf-8")
    for old, new in [('href="background/#timeline"', 'href="background/#no-such-section"'),
                     ('href="glossary/"', 'href="no-such-page/"'),
                     ('href="applications/"', f'href="http://127.0.0.1:{gone}/paper"')]:
        assert old in text, f"test setup: {old!r} not on the home page"
        text = text.replace(old, new, 1)
    home.write_text(text, encoding="utf-8")
    bib = tmp_path / "references.bib"
    bib.write_text((ROOT / "references.bib").read_text(encoding="utf-8") + (
        "\n@misc{gone2026page,\n  title = {Gone},\n  year = {2026},\n"
        f"  url = {{http://127.0.0.1:{gone}/gone}},\n  urldate = {{2026-12-01}}\n}}\n"),
        encoding="utf-8")
    code = check_links.main([str(broken), "--only-local", "--bib", str(bib),
                             "--site-url", f"http://127.0.0.1:{port}/"])
    out = capsys.readouterr().out
    assert code == 1
    found = rows(out)
    assert found["/background#no-such-section"][:2] == ["Cannot find fragment", "/"]
    assert found["/no-such-page"][1] == "/" and "not found" in found["/no-such-page"][0]
    assert found[f"http://127.0.0.1:{gone}/paper"][1] == "/"
    assert "refused" in found[f"http://127.0.0.1:{gone}/paper"][0]
    assert found[f"http://127.0.0.1:{gone}/gone"][1:] == ["-", "gone2026page"]
    assert out.splitlines()[0].endswith("4 broken."), out


def test_a_folder_that_is_not_a_built_site_is_one_clear_line(tmp_path, capsys):
    assert check_links.main([str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"check_links: {tmp_path}: not a built site (no index.html)"


def test_the_monthly_workflow_runs_both_checks_and_reports_in_one_issue():
    workflow = yaml.safe_load((ROOT / ".github/workflows/currency.yml").read_text("utf-8"))
    assert "schedule" in workflow[True] and "workflow_dispatch" in workflow[True]  # YAML's on:
    job = workflow["jobs"]["check"]
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "scripts/check_currency.py" in runs and "scripts/check_links.py site" in runs
    assert "gh issue create" in runs and "gh issue edit" in runs
    assert workflow["permissions"]["issues"] == "write"
    assert job["defaults"]["run"]["shell"] == "bash", "pipefail keeps a check's exit status"
