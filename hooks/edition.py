"""Frozen, dated editions of the site, built with mike beside the live site (README: "Cut an
edition").

`mike deploy` builds with MIKE_DOCS_VERSION set to the edition's name (2026-12). Such a build:
  - lives under editions/<name>/ of the published site (mike's --deploy-prefix editions), so its
    site_url is the live site's address plus that path;
  - turns on Material's version selector, which reads editions/versions.json (written by mike);
  - says at the top of every page which edition it is and links the same section on the live
    site.
A live build reads the published editions from the versions.json named by EDITIONS_JSON (the
Pages workflow sets it), lists them on the methodology page and offers the newest one in each
page's "Cite this page"; without it, the build lists none.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PREFIX = "editions"
VERSION_VAR = "MIKE_DOCS_VERSION"  # set by mike while it builds an edition
LIVE_DEFAULT = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url


def live_url() -> str:
    return os.environ.get("SITE_URL", LIVE_DEFAULT).rstrip("/") + "/"


def edition() -> str | None:
    return os.environ.get(VERSION_VAR) or None


def published() -> list[dict]:
    """The published editions, newest first, from mike's versions.json (EDITIONS_JSON)."""
    path = os.environ.get("EDITIONS_JSON")
    if not path:
        return []
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
        return sorted(({"version": e["version"], "title": e.get("title") or e["version"]}
                       for e in entries), key=lambda e: e["version"], reverse=True)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PluginError(f"EDITIONS_JSON: {path}: not a mike versions.json ({error})") from None


def edition_url(version: str) -> str:
    return f"{live_url()}{PREFIX}/{version}/"


@event_priority(-100)  # after mike's own plugin, which appends the version to site_url
def on_config(config, **kwargs):
    name = edition()
    if name:
        config["site_url"] = edition_url(name)
        config["extra"]["version"] = {"provider": "mike"}
        config["extra"]["live_feed"] = live_url() + "changes.xml"
    return config


def banner(page) -> str:
    name = edition()
    live = live_url() + page.url
    return (f'!!! info "Edition {name}"\n\n'
            f"    This is the {name} edition of this site, frozen when it was published: its "
            f"pages do not change. The live site keeps being corrected and updated: "
            f"[this page on the live site]({live}){{ data-live-link }}.\n\n")


@event_priority(80)  # before the data blocks and citations, after nothing that reads the top
def on_page_markdown(markdown, page, config, files, **kwargs):
    if not edition():
        return markdown
    # The edition's own feed never changes: its pages send subscribers to the live one.
    markdown = markdown.replace("](changes.xml)", f"]({live_url()}changes.xml)")
    lines = markdown.split("\n")
    heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if heading is None:
        raise PluginError(f"{page.file.src_uri}: no '# ' heading to put the edition notice under")
    return "\n".join(lines[: heading + 1] + ["", banner(page)] + lines[heading + 1:])


def render_list() -> str:
    """The methodology page's list of editions."""
    if edition():
        return (f"You are reading the {edition()} edition. The [live site]({live_url()}) lists "
                "every edition published since.")
    found = published()
    if not found:
        return "This build of the site lists no published editions."
    items = [f"- [{e['title']}]({edition_url(e['version'])})" for e in found]
    return "Published editions, newest first:\n\n" + "\n".join(items)


def other_citations(page) -> list[tuple[str, str]]:
    """(label, url) of the other addresses "Cite this page" offers besides the page as built: in
    an edition, the live page; on the live site, the same page in the newest published edition."""
    name = edition()
    if name:
        return [("the live page, which keeps changing", live_url() + page.url)]
    found = published()
    if not found:
        return []
    newest = found[0]["version"]
    return [(f"the frozen {newest} edition, which does not change", edition_url(newest) + page.url)]
