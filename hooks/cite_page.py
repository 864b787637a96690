"""Ends every page with "Changes to this page" (the date of its last change, from git through
the git-revision-date-localized plugin, and its latest entries in data/changes.yml) and, except
on the home page, "Cite this page": BibTeX and APA with the page's title, its permanent URL and
that date."""

from __future__ import annotations

import datetime as dt
import re

from mkdocs.plugins import event_priority

import _changes
import _data as d
import edition

SITE_AUTHOR = "PyTorch vs TensorFlow contributors"


def last_changed(page) -> dt.date:
    raw = page.meta.get("git_revision_date_localized_raw_iso_date")
    return dt.date.fromisoformat(raw) if raw else dt.date.today()


def show_date(page, day: dt.date) -> None:
    """Makes the date Material shows at the foot of the page (the git plugin's) the same day."""
    shown = f"{d.MONTHS[day.month - 1]} {day.day}, {day.year}"
    meta = page.meta.get("git_revision_date_localized")
    if meta:
        page.meta["git_revision_date_localized"] = re.sub(
            r'(title=")[^"]*(">)[^<]*(<)', rf"\g<1>{shown}\g<2>{shown}\g<3>", meta, count=1)
    page.meta["git_revision_date_localized_raw_iso_date"] = day.isoformat()


@event_priority(-50)  # after the git plugin has dated the page, before bibliography_finish.py
def on_page_markdown(markdown, page, config, files, **kwargs):
    # A page whose facts come from data files changes without a commit to its Markdown: the
    # newest entry of the changes log for the page counts as a change too.
    logged = [row["date"] for row in _changes.for_page(page.file.src_uri)]
    changed = max([last_changed(page), *logged])
    if changed != last_changed(page):
        show_date(page, changed)
    markdown += "\n\n" + _changes.render_page_changes(page, files, changed)
    if page.is_homepage:  # the home page has its own "How to cite this site"
        return markdown
    url = config["site_url"].rstrip("/") + "/" + page.url
    key = "pytorchvstensorflow" + page.file.src_uri.removesuffix(".md").replace("-", "")
    title = page.title or page.file.name
    apa = (f"{SITE_AUTHOR}. ({changed.year}, {d.MONTHS[changed.month - 1]} {changed.day}). "
           f"*{title}*. PyTorch vs TensorFlow. {url}")
    note = f"Last changed {changed.isoformat()}"
    if edition.edition():
        note = f"Edition {edition.edition()}; {note[0].lower()}{note[1:]}"
    others = "".join(f"\n\nTo cite {label}, use the same entry with the address {other}."
                     for label, other in edition.other_citations(page))
    return markdown + f"""

## Cite this page {{#cite-this-page data-search-exclude}}

Add the date on which you read the page.

```bibtex
@misc{{{key},
  author  = {{{{{SITE_AUTHOR}}}}},
  title   = {{{title}}},
  howpublished = {{PyTorch vs TensorFlow}},
  year    = {{{changed.year}}},
  url     = {{{url}}},
  note    = {{{note}}},
  urldate = {{YYYY-MM-DD}}
}}
```

APA: {apa}{others}
"""
