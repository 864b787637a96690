"""Puts back the `@` signs that bibliography.py hid inside code while mkdocs-bibtex ran.

A separate hook because a hook module has one handler per event, and this one must run after
mkdocs-bibtex but before Markdown (and Pygments) see the code.
"""

from mkdocs.plugins import event_priority

from _bib import AT_IN_CODE


@event_priority(-100)
def on_page_markdown(markdown, **kwargs):
    return markdown.replace(AT_IN_CODE, "@")
