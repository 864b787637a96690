"""Runs after mkdocs-bibtex and before Markdown sees the page.

- Puts back the `@` signs that bibliography.py hid inside code while mkdocs-bibtex ran.
- Separates adjacent citation numbers: mkdocs-bibtex writes `[@a; @b]` as `[^a][^b]`, which
  would read as one number ("23") instead of two ("2, 3").

- Keeps each page's list of references out of the search index: the titles of the cited pages
  ("torch.nn.GRU (PyTorch documentation)") would otherwise count as words of the page's last
  section, and a search for an API name could land there instead of on the section about it.

A separate hook because a hook module has one handler per event, and this one must run after
mkdocs-bibtex but before Markdown (and Pygments) see the code.
"""

import re

from mkdocs.plugins import event_priority

import _bib
from _bib import AT_IN_CODE

SEPARATOR = '<sup class="cite-sep">,</sup>'


@event_priority(-100)
def on_page_markdown(markdown, **kwargs):
    # Only citation keys, so that code such as the regex [^a][^b] is left alone.
    keys = "|".join(sorted(map(re.escape, _bib.keys()), key=len, reverse=True))
    adjacent = re.compile(rf"(\[\^(?:{keys})\])(?=\[\^(?:{keys})\])")
    markdown = adjacent.sub(lambda m: m.group(1) + SEPARATOR, markdown)
    return markdown.replace(AT_IN_CODE, "@")


def on_page_content(html, **kwargs):
    # Material's search plugin skips any element marked data-search-exclude.
    return html.replace('<div class="footnote">', '<div class="footnote" data-search-exclude>', 1)
