"""Adds a "Cite this page" section to every page: BibTeX and APA with the page's title, its
permanent URL and the date of its last change (from git, through the
git-revision-date-localized plugin, whose date Material also shows at the foot of the page)."""

from __future__ import annotations

import datetime as dt

from mkdocs.plugins import event_priority

import _data as d

SITE_AUTHOR = "PyTorch vs TensorFlow contributors"


def last_changed(page) -> dt.date:
    raw = page.meta.get("git_revision_date_localized_raw_iso_date")
    return dt.date.fromisoformat(raw) if raw else dt.date.today()


@event_priority(-50)  # after the git plugin has dated the page, before bibliography_finish.py
def on_page_markdown(markdown, page, config, files, **kwargs):
    if page.is_homepage:  # the home page has its own "How to cite this site"
        return markdown
    changed = last_changed(page)
    url = config["site_url"].rstrip("/") + "/" + page.url
    key = "pytorchvstensorflow" + page.file.src_uri.removesuffix(".md").replace("-", "")
    title = page.title or page.file.name
    apa = (f"{SITE_AUTHOR}. ({changed.year}, {d.MONTHS[changed.month - 1]} {changed.day}). "
           f"*{title}*. PyTorch vs TensorFlow. {url}")
    return markdown + f"""

## Cite this page {{#cite-this-page data-search-exclude}}

Last changed on {d.human_date(changed)}. Add the date on which you read the page.

```bibtex
@misc{{{key},
  author  = {{{{{SITE_AUTHOR}}}}},
  title   = {{{title}}},
  howpublished = {{PyTorch vs TensorFlow}},
  year    = {{{changed.year}}},
  url     = {{{url}}},
  note    = {{Last changed {changed.isoformat()}}},
  urldate = {{YYYY-MM-DD}}
}}
```

APA: {apa}
"""
