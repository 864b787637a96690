"""The built site, read with a real HTML parser: pages, citations, data blocks, no outside
assets."""

from __future__ import annotations

import collections
import datetime as dt
import os
import re
import subprocess

import yaml
from bs4 import BeautifulSoup
from packaging.version import Version
from pybtex.database import parse_file

import _benchmarks
from conftest import ROOT, build, copy_project, html_path, page_url

OUTSIDE = re.compile(r"^(https?:)?//")


CHANGES = yaml.safe_load((ROOT / "data" / "changes.yml").read_text(encoding="utf-8"))

def bib_keys() -> set[str]:
    return set(parse_file(str(ROOT / "references.bib")).entries)


def article(soup):
    return soup.select_one("article.md-content__inner")


def test_every_nav_page_is_built(site, nav_pages):
    assert nav_pages, "mkdocs.yml has no nav"
    for src in nav_pages:
        assert html_path(site, src).is_file(), f"{src} was not built"


def test_every_page_has_one_h1_and_a_description(soups):
    for src, soup in soups.items():
        assert len(article(soup).find_all("h1")) == 1, src
        description = soup.find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 40, f"{src} lacks its own description"


def test_every_citation_resolves_to_a_listed_source(soups):
    keys = bib_keys()
    for src, soup in soups.items():
        body = article(soup)
        refs = body.select("sup[id^='fnref'] a.footnote-ref")
        for ref in refs:
            note = body.find(id=ref["href"].lstrip("#"))
            assert note is not None, f"{src}: footnote {ref['href']} missing"
            key = ref["href"].split(":", 1)[1]
            assert key in keys, f"{src}: footnote for unknown key {key}"
            assert note.find("a", href=OUTSIDE), f"{src}: source {key} shows no link"
        if refs:
            assert body.find(id="sources"), f"{src}: citations without a Sources heading"


def test_no_raw_citation_markup_outside_code(soups):
    for src, soup in soups.items():
        body = BeautifulSoup(str(article(soup)), "lxml")  # a copy: the session's soups stay whole
        for code in body.find_all(["code", "pre"]):
            code.decompose()
        assert "[@" not in body.get_text(), f"{src} shows an unrendered citation"


def test_every_page_cites_at_least_one_source(soups):
    for src, soup in soups.items():
        if src == "references.md":
            continue
        assert article(soup).select("a.footnote-ref"), f"{src} cites nothing"


def test_background_cites_at_least_15_distinct_sources(soups):
    notes = article(soups["background.md"]).select("div.footnote li[id^='fn:']")
    assert len(notes) >= 15, f"Background cites {len(notes)} sources"


def test_references_page_lists_every_entry_with_link_and_citing_pages(soups):
    items = article(soups["references.md"]).select("ol.bibliography > li")
    assert {li["id"].removeprefix("ref-") for li in items} == bib_keys()
    for li in items:
        assert li.find("a", href=OUTSIDE), f"{li['id']} has no URL or DOI link"
        cited_on = li.select_one("p.cited-on")
        assert cited_on and cited_on.find("a", href=re.compile(r"#fnref:")), (f"{li['id']} lacks "
                                                                              "'Cited on'")


def test_every_web_source_shows_when_it_was_checked():
    for key, entry in parse_file(str(ROOT / "references.bib")).entries.items():
        if entry.type == "misc":
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.fields.get("urldate", "")), key


DECORATOR_PAGE = """# Decorators

Prose may name @tf.function and @torch.compile, or `[@tf.function]` in inline code.

```python
@tf.function
def f(x):
    return tf.stack([x@x, x])  # brackets around a matrix product

decorators = ["@tf.function"]  # [@torch.compile]
```

A real citation still works [@dean2012large].
"""


def test_decorators_are_never_taken_for_citations(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/decorators.md").write_text(DECORATOR_PAGE, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("validation:", "not_in_nav: "
                                                                "/decorators.md\nvalidation:"))
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((tmp_path / "site/decorators/index.html").read_text(), "lxml")
    body = article(soup)
    assert [a["href"] for a in body.select("a.footnote-ref")] == ["#fn:dean2012large"]
    code = body.find("pre").get_text()
    assert "@tf.function" in code and "x@x" in code and "[@torch.compile]" in code
    assert "@tf.function and @torch.compile" in body.get_text()
    assert body.find("code", string="[@tf.function]")


def test_timeline_is_an_accessible_table_with_dates_and_sources(soups):
    body = article(soups["background.md"])
    figure = body.find("h2", id="timeline").find_next("figure")
    table = figure.find("table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["Date", "Project", "Event", "Source checked"]
    assert figure.find("figcaption").get_text(strip=True)
    rows = table.select("tbody tr")
    assert len(rows) >= 15
    for row in rows:
        time = row.find("time")
        assert time and re.fullmatch(r"\d{4}(-\d{2}){0,2}", time["datetime"])
        assert row.select("a.footnote-ref"), row.get_text()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.find_all("td")[-1].get_text(strip=True))
    dates = [row.find("time")["datetime"] for row in rows]
    assert dates == sorted(dates), "timeline is not in date order"


def test_release_table_names_each_framework_with_a_dated_caption(soups):
    body = article(soups["background.md"])
    table = body.find("h2", id="releases").find_next("table")
    text = table.get_text(" ")
    for project in ("PyTorch", "TensorFlow", "Keras"):
        assert project in text
    caption = table.find_parent("figure").find("figcaption").get_text()
    assert re.search(r"as of \d{1,2} \w+ 20\d\d", caption)


def test_ecosystem_matrix_has_row_and_column_headers_and_a_dated_status_per_tool(soups):
    body = article(soups["ecosystems.md"])
    table = body.select_one("div.ecosystem-matrix table")
    columns = [th.get_text(strip=True) for th in table.select("thead th[scope=col]")]
    assert columns == ["Job", "TensorFlow", "PyTorch"]
    rows = table.select("tbody tr")
    assert len(rows) >= 16
    jobs = set()
    for row in rows:
        header = row.find("th", attrs={"scope": "row"})
        assert header and header.get_text(strip=True), row
        jobs.add(header.get_text(strip=True))
        cells = row.find_all("td")
        assert len(cells) == 2
        for cell in cells:
            tools = cell.select("ul.tools > li")
            assert tools, f"{header.get_text()}: empty cell"
            for tool in tools:
                status = tool.select_one(".status").get_text()
                # the status is written out, not shown by color alone
                assert re.match(r"(Active|Maintenance|Deprecated|Archived)\b", status), status
                assert tool.select("a.footnote-ref"), tool.get_text()
                assert re.search(r"Checked \d{4}-\d{2}-\d{2}", tool.get_text()), tool.get_text()
    for job in ("Serving", "Mobile and edge", "In the browser", "Hardware", "Model interchange "
                                                                            "(ONNX)"):
        assert job in jobs
    assert body.find(id="matrix-serving"), "rows need their permanent anchors"


def test_ecosystem_statuses_match_the_projects_announcements(soups):
    """Spot checks of statuses that comparison articles often get wrong."""
    body = article(soups["ecosystems.md"])

    def status(tool_name):
        for tool in body.select("ul.tools > li"):
            if tool.find("strong").get_text().startswith(tool_name):
                return tool.select_one(".status").get_text()
        raise AssertionError(f"{tool_name} not in the matrix")

    assert status("TorchServe") == "Archived"
    assert status("Google TPUs through PyTorch/XLA") == "Deprecated"
    assert status("TorchText") == "Deprecated"
    assert status("TorchScript") == "Deprecated"
    assert status("TensorFlow Hub") == "Deprecated"
    assert status("ExecuTorch") == "Active"
    assert status("LiteRT") == "Active"


def test_applications_table_names_each_organization_with_a_dated_source(soups):
    body = article(soups["applications.md"])
    table = body.select_one("div.applications-table table")
    assert [th.get_text(strip=True) for th in table.select("thead th[scope=col]")][:3] == [
        "Organization", "Reported", "Frameworks"]
    rows = table.select("tbody tr")
    assert len(rows) >= 12
    for row in rows:
        assert row.find("th", attrs={"scope": "row"}).get_text(strip=True)
        assert row.find("time")["datetime"]
        assert row.select("a.footnote-ref"), row.get_text()


def test_adoption_chart_is_an_svg_file_with_alt_text_and_a_data_table(site, soups):
    body = article(soups["applications.md"])
    image = body.select_one("figure.chart img")
    assert image["src"].endswith(".svg")
    svg = (site / "applications" / image["src"]).resolve()
    assert svg.is_file(), svg
    svg_text = svg.read_text()
    assert "<title" in svg_text and "<desc" in svg_text and "<script" not in svg_text
    alt = image["alt"]
    assert "Stack Overflow" in alt and re.search(r"\d+(\.\d+)?% in 20\d\d", alt), alt
    table = image.find_parent("figure").find_next("table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert {"Year", "Population", "Respondents", "TensorFlow", "Torch/PyTorch"} <= set(headers)
    for row in table.select("tbody tr"):
        assert row.select("a.footnote-ref"), "every figure needs its source"
        assert re.search(r"\d{1,3}(,\d{3})*", row.find_all("td")[2].get_text())


def test_performance_page_draws_every_model_with_ranges_and_verdicts(site, soups):
    body = article(soups["performance.md"])
    images = body.select("figure.chart img")
    for image in images:
        assert (site / "performance" / image["src"]).resolve().is_file()
    bars = [i for i in images if i["alt"].startswith("Bar chart")]
    assert len(bars) == 3, "one chart per model"
    for image in bars:
        assert re.search(r"\d ms", image["alt"]), image["alt"]
    sweeps = [i for i in images if i["alt"].startswith("Line chart")]
    assert len(sweeps) == 4, "batch and width sweeps at 1 and 2 threads"
    _, document = _benchmarks.latest()
    for model in ("mlp", "cnn", "transformer"):
        table = body.find(id=f"results-{model}").find_next("table")
        rows = table.select("tbody tr")
        assert len(rows) == len(_benchmarks.configs_of(document, model))
        for row in rows:
            assert re.search(r"\(.+ to .+\)", row.find_all("td")[1].get_text()), ("an interval, "
                                                                                   "not a number")
    claims = ("claim-graph-mode", "claim-eager-speed", "claim-memory", "claim-prototyping",
              "claim-tpu")
    for claim in claims:
        verdict = body.find(id=claim).find_next("p").get_text()
        assert re.match(r"(Holds|Does not hold|Depends|No difference shown|Not compared|Eager "
                        r"against eager|Not test)", verdict), verdict
    heading = body.find(id="reproduction")
    section = []
    for node in heading.find_all_next(["p", "h2"]):
        if node.name == "h2":
            break
        section.append(node.get_text())
    assert any(re.search(r"\d+ of \d+ verdicts agree", text) for text in section), section
    assert "<!--" not in body.get_text()


def test_glossary_terms_have_permanent_anchors_and_hover_abbreviations(soups):
    glossary = article(soups["glossary.md"])
    ids = [h["id"] for h in glossary.find_all("h2") if h["id"] != "sources"]
    assert len(ids) >= 20 and len(ids) == len(set(ids))
    for term_id in ("define-by-run", "tf-function", "torch-compile", "xla", "graph-break"):
        assert term_id in ids
    # Abbreviations from the glossary apply on other pages too.
    abbrs = {a.get_text(): a["title"] for a in article(soups["background.md"]).find_all("abbr")}
    assert "XLA" in abbrs and "compiler" in abbrs["XLA"]


def test_home_states_when_facts_were_checked_and_how_to_cite(soups):
    home = article(soups["index.md"])
    checked = home.find(id="facts-checked").find_next("p").get_text()
    assert re.search(r"\d{1,2} \w+ 20\d\d", checked), checked
    assert "@misc{" in home.find(id="cite").find_next("pre").get_text()
    assert "<!--" not in home.get_text(), "a render marker was left in the page"


def test_the_home_page_map_links_every_page(soups, nav_pages):
    """README, "Add a page": every page goes into the nav and into the home page's page map."""
    table = article(soups["index.md"]).find(id="pages").find_next("table")
    linked = {a["href"].split("#")[0] for a in table.select("tbody a[href]")}
    missing = [src for src in nav_pages if src != "index.md" and page_url(src) not in linked]
    assert not missing, f"not in the home page's page map: {missing}"


def test_no_id_is_used_twice_on_a_page(site):
    """A heading id written twice would make one of the two sections unreachable by link."""
    twice = []
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        counts = collections.Counter(element["id"] for element in soup.find_all(id=True))
        twice += [f"{html.relative_to(site)}: #{id_}" for id_, n in counts.items() if n > 1]
    assert not twice, "ids used twice:\n" + "\n".join(twice)


def test_pages_load_nothing_from_outside(site):
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr) or ""
                loads = {"stylesheet", "preload", "icon", "modulepreload"}
                if tag == "link" and not set(element.get("rel", [])) & loads:
                    continue
                assert not OUTSIDE.match(value), f"{page.relative_to(site)} loads {value}"



CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


def test_no_outside_address_in_srcset_media_styles_or_stylesheets(site):
    """What the test above does not read, and a browser test may never load (a lazy image below
    the fold, a video's poster, a style's background): srcset candidates, media and embedded
    objects, style attributes and elements, and the site's own stylesheets."""
    found = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for element in soup.find_all(["img", "source"], srcset=True):
            found += [f"{name}: srcset {c.split()[0]}" for c in element["srcset"].split(",")
                      if c.strip() and OUTSIDE.match(c.strip())]
        for tag, attr in (("video", "src"), ("video", "poster"), ("audio", "src"),
                          ("source", "src"), ("track", "src"), ("embed", "src"),
                          ("object", "data"), ("input", "src")):
            found += [f"{name}: {tag} {attr}={e[attr]}" for e in soup.find_all(tag)
                      if OUTSIDE.match(e.get(attr) or "")]
        styles = [e["style"] for e in soup.find_all(style=True)] + [
            e.get_text() for e in soup.find_all("style")]
        found += [f"{name}: style {url}" for style in styles for url in CSS_URL.findall(style)
                  if OUTSIDE.match(url)]
    for sheet in sorted(site.rglob("*.css")):
        found += [f"{sheet.relative_to(site)}: {url}"
                  for url in CSS_URL.findall(sheet.read_text(encoding="utf-8"))
                  if OUTSIDE.match(url)]
    assert not found, "\n".join(found)


def test_the_first_paint_waits_for_no_file_but_materials_stylesheets(site):
    """Issue 18: the site's own styles come inline, the print styles only for print, and every
    script file is deferred, so that a phone paints the page as soon as Material's CSS is in."""
    found = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        if soup.find("link", rel="stylesheet") is None:
            continue  # a redirect stub
        name = page.relative_to(site)
        blocking = [link["href"] for link in soup.find_all("link", rel="stylesheet")
                    if link.get("media", "all") != "print"]
        found += [f"{name}: stylesheet {href} blocks the first paint" for href in blocking
                  if not re.search(r"assets/stylesheets/(main|palette)\.\w+\.min\.css$", href)]
        found += [f"{name}: script {script['src']} is neither deferred nor async"
                  for script in soup.find_all("script", src=True)
                  if not script.has_attr("defer") and not script.has_attr("async")]
        printed = soup.find("link", href=re.compile(r"print\.css$"))
        if printed is None or printed.get("media") != "print":
            found.append(f"{name}: print.css is not linked for print only")
        if not any("Accessibility fixes" in style.get_text() for style in soup.find_all("style")):
            found.append(f"{name}: the site's own styles are not inline")
    assert not found, "\n".join(found)


def test_every_page_but_home_ends_with_a_dated_cite_block(soups, server):
    """BibTeX and APA with the page's title, its URL and the date of its last change, which is
    the date the git plugin shows at the foot of the page."""
    for src, soup in soups.items():
        if src == "index.md":
            continue
        body = article(soup)
        heading = body.find(id="cite-this-page")
        assert heading is not None and heading.has_attr("data-search-exclude"), (
            src
        )  # same on every page
        shown = body.select_one(".git-revision-date-localized-plugin-date").get_text(strip=True)
        # The later of the last commit of the page and its newest entry in the changes log (a
        # page whose facts live in data/ changes without a commit to its Markdown).
        logged = [dt.date.fromisoformat(str(e["date"])) for e in CHANGES if e["page"] == src]
        changed = dt.datetime.strptime(shown, "%B %d, %Y").date()
        assert not logged or changed >= max(logged), (src, shown)  # the foot shows it too
        url = server + ("" if src == "index.md" else src.removesuffix(".md") + "/")
        bibtex = heading.find_next("pre").get_text()
        title = soup.title.get_text().split(" - ")[0]
        assert f"title   = {{{title}}}" in bibtex, (src, bibtex)
        assert (
            f"url     = {{{url}}}" in bibtex and f"Last changed {changed.isoformat()}" in bibtex
        ), src
        changes = body.find(id="page-changes")  # the section just before, with the same date
        assert (
            f"Last changed on {changed.day} {changed:%B} {changed.year}"
            in changes.find_next("p").get_text()
        ), src
        apa_text = body.find(string=re.compile(r"^APA: ")).parent.get_text()
        assert f"({changed.year}, {changed:%B} {changed.day})" in apa_text and url in apa_text, src


def test_the_cite_block_dates_a_page_by_its_last_commit(tmp_path):
    """The test above compares the block with the date the page shows, and in a fresh checkout
    both are today's; here the pages were last committed on a known day in the past."""
    project = copy_project(tmp_path / "project")
    when = "2025-03-04T12:00:00+00:00"
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@localhost"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "pages"]):
        subprocess.run([*git, *command], cwd=project, env=env, check=True, capture_output=True)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    # References has no entry in the changes log, so its date is its last commit's alone.
    assert not [e for e in CHANGES if e["page"] == "references.md"]
    soup = BeautifulSoup((tmp_path / "site/references/index.html").read_text(encoding="utf-8"),
                         "lxml")
    body = article(soup)
    assert body.select_one(".git-revision-date-localized-plugin-date").get_text(
        strip=True) == "March 4, 2025"
    heading = body.find(id="cite-this-page")
    assert "note    = {Last changed 2025-03-04}" in heading.find_next("pre").get_text()
    assert "Last changed on 4 March 2025." in body.find(id="page-changes").find_next("p").get_text()
    apa = body.find(string=re.compile(r"^APA: ")).parent.get_text()
    assert "contributors. (2025, March 4)." in apa, apa
    # The glossary's facts live in data/: its newest logged change dates it, not the old commit.
    newest = max(dt.date.fromisoformat(str(e["date"])) for e in CHANGES
                 if e["page"] == "glossary.md")
    glossary = article(BeautifulSoup(
        (tmp_path / "site/glossary/index.html").read_text(encoding="utf-8"), "lxml"))
    assert (f"Last changed on {newest.day} {newest:%B} {newest.year}."
            in glossary.find(id="page-changes").find_next("p").get_text())
    assert glossary.select_one(".git-revision-date-localized-plugin-date").get_text(
        strip=True) == f"{newest:%B} {newest.day}, {newest.year}"


def test_every_page_carries_a_content_security_policy_without_inline_script_exceptions(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 10
    for html in pages:
        meta = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, html
        directives = dict(d.strip().split(" ", 1) for d in meta["content"].split(";"))
        assert directives["default-src"] == "'self'", html
        assert (
            "'unsafe-inline'" not in directives["script-src"]
            and "'unsafe-eval'" not in directives["script-src"]
        )
        assert all(
            s == "'self'" or s.startswith("'sha256-") for s in directives["script-src"].split()
        ), html


def test_links_carry_their_full_address_for_print(soups, server):
    body = article(soups["background.md"])
    internal = body.find("a", attrs={"data-print-url": f"{server}ecosystems/#serving"})
    assert internal is not None and internal["href"].endswith("ecosystems/#serving")
    for a in body.select("a.footnote-ref, a.footnote-backref, a.headerlink"):
        assert not a.has_attr("data-print-url"), a
    for a in body.select("a[data-print-url]"):
        assert a.get_text(strip=True) not in (a["href"], a["data-print-url"]), a


def test_every_same_site_link_and_asset_in_the_built_html_resolves(site, server):
    """MkDocs validates the links written in Markdown; this also covers those that templates,
    hooks and mkdocs.yml put into every page (footer, header, cite blocks, redirects)."""
    ids: dict[str, set[str]] = {}

    def ids_of(html) -> set[str]:
        if html not in ids:
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
            ids[html] = {e["id"] for e in soup.find_all(id=True)} | {
                e["name"] for e in soup.find_all("a", attrs={"name": True})
            }
        return ids[html]

    broken = []
    pages = sorted(site.rglob("*.html"))
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for element, attr in [(e, "href") for e in soup.find_all(["a", "link"], href=True)] + \
                              [(e, "src") for e in soup.find_all(["script", "img"], src=True)]:
            value = element[attr]
            if value.startswith(server):
                value = "/" + value.removeprefix(server)
            if (value.startswith(("mailto:", "data:", "javascript:")) or OUTSIDE.match(value)
                    or element.get("rel") == ["canonical"]):
                continue
            path, _, fragment = value.partition("#")
            path = path.split("?")[0]
            base = site if path.startswith("/") else html.parent
            target = (base / path.lstrip("/")).resolve() if path else html
            if target.is_dir():
                target = target / "index.html"
            where = f"{html.relative_to(site)}: {element.name} {attr}={element[attr]!r}"
            if not target.is_file():
                broken.append(f"{where} -> no such file")
            elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                broken.append(f"{where} -> no element with id {fragment!r}")
    assert len(pages) >= 10
    assert not broken, "\n".join(broken)


def test_home_sums_up_both_frameworks_in_a_cited_table_with_the_latest_releases(soups):
    table = article(soups["index.md"]).find(id="at-a-glance").find_next("table")
    rows = table.select("tbody tr")
    assert len(rows) >= 6
    for row in rows:
        header = row.find("th", scope="row")
        assert header is not None and header.find("a", href=True), row
        for cell in row.find_all("td"):
            assert cell.select("a.footnote-ref"), f"uncited cell: {cell.get_text(' ', strip=True)}"
    latest = next(row for row in rows if "Latest release" in row.th.get_text())
    # The expected versions come from the data file and packaging's version order, not from the
    # hook that renders them.
    data = yaml.safe_load((ROOT / "data/releases.yml").read_text(encoding="utf-8"))
    checked = data["checked"]
    for cell, name in zip(latest.find_all("td"), ("torch", "tensorflow"), strict=True):
        history = next(p for p in data["packages"] if p["name"] == name)["releases"]
        version, day = max((release.split() for release in history), key=lambda r: Version(r[0]))
        day = dt.date.fromisoformat(day)
        assert cell.get_text().startswith(
            f"{version}, released {day.day} {day:%B} {day.year} "
            f"(as of {checked.day} {checked:%B} {checked.year})"), cell.get_text()
