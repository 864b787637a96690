"""The log of material changes (data/changes.yml): the Changes and corrections page, each page's
own latest changes, and an Atom feed of the log for readers who subscribe.

A correction states what the page said before and what is true; every entry names the section it
changed, which must exist on the built site (checked once every page is rendered)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from html import escape

from mkdocs.exceptions import PluginError

import _bib
import _data as d

CHANGES = "data/changes.yml"
FEED = "changes.xml"
LOG_PAGE = "changes.md"
KINDS = {"correction": "Correction", "update": "Update", "addition": "Addition"}
SCHEMA = {
    "id": (d.slug, True),
    "date": (d.date, True),
    "page": (d.text, True),
    "anchor": (d.slug, True),
    "kind": (d.one_of(*KINDS), True),
    "summary": (d.text, True),
    "before": (d.text, False),
    "after": (d.text, False),
    "source": (d.cites, False),
    "shown_by": (d.text, False),
}
PER_PAGE = 3  # latest changes shown at the end of each page
HEADING = re.compile(r"^#{1,6}\s+(?P<title>.*?)\s*\{#(?P<id>[\w-]+)[^}]*\}\s*$", re.M)
ATOM = "http://www.w3.org/2005/Atom"
CODE = re.compile(r"`([^`]+)`")


_cache: dict[str, object] = {"mtime": None, "rows": None}  # read once per change of the file


def changes(newest_first: bool = True) -> list[dict]:
    """The entries, newest first (entries of one day keep their order in the file), or in the
    file's order. Every page asks for them, so the file is read and checked once per change."""
    path = d.ROOT / CHANGES
    mtime = path.stat().st_mtime_ns if path.exists() else None
    if _cache["mtime"] != mtime or _cache["rows"] is None:
        _cache.update(mtime=mtime, rows=checked())
    rows = _cache["rows"]
    return sorted(rows, key=lambda row: row["date"], reverse=True) if newest_first else list(rows)


def checked() -> list[dict]:
    """The entries in the file's order, each checked."""
    rows = d.check_entries(CHANGES, d.load_yaml(CHANGES), SCHEMA, "id", unique=("id",))
    # The latest "today" anywhere (UTC+14), so that a maintainer ahead of the builder's clock
    # can log a change of their own today.
    today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()
    for number, row in enumerate(rows, start=1):
        name = f"{CHANGES}: entry {number} ({row['id']})"
        if not (d.ROOT / "docs" / row["page"]).is_file():
            raise PluginError(f"{name}: field 'page': docs/{row['page']} does not exist")
        if row["date"] > today:
            raise PluginError(f"{name}: field 'date': {row['date']} is in the future")
        has = [field for field in ("before", "after") if field in row]
        if row["kind"] == "correction" and len(has) < 2:
            missing = "before" if "before" not in row else "after"
            raise PluginError(f"{name}: a correction needs field '{missing}' (what the page "
                              "said, and what is true)")
        if row["kind"] != "correction" and has:
            raise PluginError(f"{name}: field '{has[0]}' belongs to corrections only")
        if ("source" in row) == ("shown_by" in row):
            raise PluginError(f"{name}: needs either 'source' (citation keys) or 'shown_by' (a "
                              "file of this project), not both or neither")
        if "shown_by" in row and not (d.ROOT / row["shown_by"]).is_file():
            raise PluginError(f"{name}: field 'shown_by': {row['shown_by']} does not exist")
    return rows


def section_title(page: str, anchor: str) -> str | None:
    """The heading that carries {#anchor} in the page's Markdown, as plain text."""
    source = (d.ROOT / "docs" / page).read_text(encoding="utf-8")
    for match in HEADING.finditer(source):
        if match.group("id") == anchor:
            return match.group("title").replace("`", "")
    return None


def page_title(page: str, files) -> str:
    file = files.get_file_from_path(page)
    if file is None or file.page is None or not file.page.title:
        raise PluginError(f"{CHANGES}: page '{page}' is not in the site's navigation")
    return file.page.title


def where(row: dict, files) -> str:
    """'Performance: The rule for verdicts'; the page title alone for the page's own heading."""
    title = page_title(row["page"], files)
    section = section_title(row["page"], row["anchor"])
    source = (d.ROOT / "docs" / row["page"]).read_text(encoding="utf-8")
    top = re.search(r"^# .*\{#([\w-]+)", source, re.M)
    if section is None or section == title or (top and top.group(1) == row["anchor"]):
        return title
    return f"{title}: {section}"


def relative(target: str, link_from: str) -> str:
    """A Markdown link target from one docs/ page to another (MkDocs resolves .md links)."""
    return posixpath.relpath(target, posixpath.dirname(link_from) or ".")


def evidence(row: dict) -> str:
    if "source" in row:
        return d.citations(row["source"])
    return f"(Shown by this project's `{row['shown_by']}`.)"


def entry_markdown(row: dict, files, link_from: str) -> str:
    """One entry as Markdown, for the page link_from (a docs/ path)."""
    label = where(row, files)
    link = f"[{d.cell(label)}]({relative(row['page'], link_from)}#{row['anchor']})"
    stop = "" if label.endswith(("?", "!", ".")) else "."
    lines = [
        f'<div class="change change-{row["kind"]}" id="{row["id"]}" markdown>',
        "",
        f"**{KINDS[row['kind']]}**, {d.human_date(row['date'])}, {link}{stop} "
        f"{row['summary']} {evidence(row)}",
    ]
    if row["kind"] == "correction":
        lines += ["", f"- *The page said:* {row['before']}", f"- *What is true:* {row['after']}"]
    return "\n".join(lines + ["", "</div>", ""])


def render_log(files) -> str:
    """The Changes page: every entry, newest first, under a heading per month."""
    rows = changes()
    counts = {kind: sum(row["kind"] == kind for row in rows) for kind in KINDS}
    out = [f"{len(rows)} changes recorded: " + ", ".join(
        f"{counts[k]} {label.lower()}{'s' if counts[k] != 1 else ''}"
        for k, label in KINDS.items()) + ".", ""]
    month = None
    for row in rows:
        if (row["date"].year, row["date"].month) != month:
            month = (row["date"].year, row["date"].month)
            label = f"{d.MONTHS[month[1] - 1]} {month[0]}"
            out += [f"## {label} {{#changes-{month[0]}-{month[1]:02d}}}", ""]
        out.append(entry_markdown(row, files, LOG_PAGE))
    return "\n".join(out)


def for_page(src_uri: str) -> list[dict]:
    return [row for row in changes() if row["page"] == src_uri]


def render_page_changes(page, files, changed: dt.date) -> str:
    """The end of a page: when it last changed, and its latest entries in the log."""
    rows = for_page(page.file.src_uri)
    log = relative(LOG_PAGE, page.file.src_uri)
    lines = ["## Changes to this page {#page-changes data-search-exclude}", "",
             f"Last changed on {d.human_date(changed)}."]
    if page.file.src_uri == LOG_PAGE:
        return "\n".join(lines) + "\n"
    if not rows:
        lines.append(f"No material change to this page is recorded in the [changes log]({log}).")
        return "\n".join(lines) + "\n"
    shown = rows[:PER_PAGE]
    more = f" ({len(rows)} in all)" if len(rows) > PER_PAGE else ""
    lines += [f"Latest entries in the [changes log]({log}){more}:", ""]
    for row in shown:
        lines.append(f"- [{KINDS[row['kind']]}, {d.human_date(row['date'])}]({log}#{row['id']}): "
                     f"{row['summary']}")
    return "\n".join(lines) + "\n"


def check_anchors(files) -> None:
    """Every entry's page#anchor must be an id on the built page."""
    ids = {file.src_uri: set(re.findall(r'\sid="([^"]+)"', file.page.content))
           for file in files.documentation_pages()
           if file.page is not None and file.page.content is not None}
    for number, row in enumerate(changes(newest_first=False), start=1):
        if row["anchor"] not in ids.get(row["page"], set()):
            raise PluginError(f"{CHANGES}: entry {number} ({row['id']}): field 'anchor': no "
                              f"section '#{row['anchor']}' on {row['page']}")


def html(text: str) -> str:
    """An entry's text for the feed: escaped, with `code` spans as <code>."""
    return CODE.sub(r"<code>\1</code>", escape(text))


def feed(config, files) -> str:
    """The log as an Atom feed (RFC 4287), newest first, with absolute links."""
    site = config["site_url"].rstrip("/") + "/"
    rows = changes()
    bib = _bib.load().entries
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    # The log knows the day of a change, not its time. Feed readers sort by atom:updated, and
    # validators warn when entries share one: the oldest entry of a day gets midnight UTC and each
    # newer one a minute more, counted from the oldest, so that an entry added later (at the top, as
    # the log is kept newest first) leaves the times of the others as they were.
    def stamp(day: dt.date, position: int = 0) -> str:
        moment = dt.datetime.combine(day, dt.time(0)) + dt.timedelta(minutes=position)
        return f"{moment.isoformat()}Z"

    root = ET.Element(f"{{{ATOM}}}feed")
    sub(root, "title", f"{config['site_name']}: changes and corrections")
    sub(root, "subtitle", "Material changes of facts on the site, with their sources.")
    sub(root, "id", f"{site}changes/")
    sub(root, "link", rel="self", type="application/atom+xml", href=f"{site}{FEED}")
    sub(root, "link", rel="alternate", type="text/html", href=f"{site}changes/")
    newest = rows[0]["date"]
    sub(root, "updated", stamp(newest, sum(r["date"] == newest for r in rows) - 1))
    author = sub(root, "author")
    sub(author, "name", "PyTorch vs TensorFlow contributors")
    per_day = {day: sum(r["date"] == day for r in rows) for day in {r["date"] for r in rows}}
    seen: dict[dt.date, int] = {}
    for row in rows:
        seen[row["date"]] = seen.get(row["date"], 0) + 1
        position = per_day[row["date"]] - seen[row["date"]]  # 0 for the day's oldest entry
        page_url = f"{site}{files.get_file_from_path(row['page']).url}#{row['anchor']}"
        entry = sub(root, "entry")
        sub(entry, "title", f"{KINDS[row['kind']]}: {row['summary'].replace('`', '')}")
        sub(entry, "id", f"{site}changes/#{row['id']}")
        sub(entry, "updated", stamp(row["date"], position))
        sub(entry, "link", rel="alternate", type="text/html", href=page_url)
        sub(entry, "category", term=row["kind"])
        def source(key: str) -> str:
            fields = bib[key].fields
            title = escape(re.sub(r"\\(.)", r"\1", re.sub("[{}]", "", fields.get("title", key))))
            url = fields.get("url") or (f"https://doi.org/{fields['doi']}" if "doi" in fields
                                        else "")
            return f'<li><a href="{escape(url)}">{title}</a></li>' if url else f"<li>{title}</li>"

        sources = ("".join(source(key) for key in row["source"]) if "source" in row
                   else f"<li>This project's {escape(row['shown_by'])}</li>")
        body = f"<p>{html(row['summary'])}</p>"
        if row["kind"] == "correction":
            body += (f"<p><em>The page said:</em> {html(row['before'])}</p>"
                     f"<p><em>What is true:</em> {html(row['after'])}</p>")
        body += (f'<p>On the site: <a href="{escape(page_url)}">{escape(where(row, files))}</a>'
                 "</p>")
        body += f"<p>Sources:</p><ul>{sources}</ul>"
        sub(entry, "summary", row["summary"].replace("`", ""))
        sub(entry, "content", body, type="html")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
