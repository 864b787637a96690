"""Citations: checks them before mkdocs-bibtex formats them, and renders the References page.

mkdocs-bibtex turns `[@key]` into numbered footnotes. Around it, this hook
- stops the build with one line naming the page and the key when a key is unknown or a
  bracket holds something that is not a citation (mkdocs-bibtex would log a traceback);
- hides `@` inside code from mkdocs-bibtex, so `@tf.function` in an example is never a key
  (bibliography_finish.py puts it back once mkdocs-bibtex is done);
- puts a "Sources" heading above each page's footnotes;
- fails when a rendered page still shows a raw `[@` (citations in snippet-included text are
  left unrendered by mkdocs-bibtex, silently);
- fails when an entry of references.bib is cited nowhere;
- renders the References page: every entry, its link, and the pages that cite it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from pybtex.backends.html import Backend as HtmlBackend
from pybtex.style.formatting.plain import Style as PlainStyle

import _bib
from _bib import AT_IN_CODE

BRACKETS_WITH_AT = re.compile(r"\[([^\[\]\n]*@[\w-][^\[\]\n]*)\]")
CITATION = re.compile(r"^\s*@([\w-]+)(\s*;\s*@([\w-]+))*\s*$")
# A citation broken over two lines, which mkdocs-bibtex would leave unrendered.
SPLIT_CITATION = re.compile(r"\[\s*@[\w-]+[^\[\]\n]*\n[^\[\]]*\]")
CITE_KEY = re.compile(r"@([\w-]+)")
EMAIL = re.compile(r"^[\w.%+-]+@[\w.-]+\.[a-zA-Z]{2,}$")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
BIBLIOGRAPHY_MARKER = "<!-- render: bibliography -->"
# Excluded from search: source lists would otherwise match most queries on every page.
SOURCES_HEADING = "\n\n## Sources {#sources data-search-exclude}\n\n///Footnotes Go Here///\n"

cited_on: dict[str, dict[str, object]] = {}  # key -> {page src_uri: page}


def _code_spans(markdown: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks and inline code."""
    spans, offset, fence, start = [], 0, None, 0
    for line in markdown.splitlines(keepends=True):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence, start = opening.group(1), offset
        elif (fence is not None and line.strip().startswith(fence[0] * len(fence))
              and not line.strip().strip(fence[0])):
            spans.append((start, offset + len(line)))
            fence = None
        elif fence is None:
            for match in INLINE_CODE.finditer(line):
                spans.append((offset + match.start(), offset + match.end()))
        offset += len(line)
    if fence is not None:
        spans.append((start, len(markdown)))
    return spans


def _mask_code(markdown: str) -> str:
    chars = list(markdown)
    for start, end in _code_spans(markdown):
        for i in range(start, end):
            if chars[i] == "@":
                chars[i] = AT_IN_CODE
    return "".join(chars)


@event_priority(100)  # before mkdocs-bibtex parses the same file
def on_config(config, **kwargs):
    _bib.load()  # a malformed references.bib fails here, before mkdocs-bibtex reads it
    cited_on.clear()
    return config


@event_priority(70)  # after data blocks have added their citations, before mkdocs-bibtex
def on_page_markdown(markdown, page, config, files, **kwargs):
    known = _bib.keys()
    masked = _mask_code(markdown)
    page_keys = []
    split = SPLIT_CITATION.search(masked)
    if split:
        raise PluginError(
            f"{page.file.src_uri}: citation split across lines: "
            f"'{' '.join(split.group(0).split())}' (keep each [@key1; @key2] on one line)"
        )
    for match in BRACKETS_WITH_AT.finditer(masked):
        inner = match.group(1)
        if EMAIL.match(inner.strip()):
            continue
        if not CITATION.match(inner):
            raise PluginError(
                f"{page.file.src_uri}: '[{inner}]' is not a citation; write [@key] or [@key1; "
                "@key2], and put code such as decorators in backticks"
            )
        for key in CITE_KEY.findall(inner):
            if key not in known:
                raise PluginError(f"{page.file.src_uri}: unknown citation key '{key}' (not in "
                                  f"{_bib.BIB_NAME})")
            page_keys.append(key)
    for key in page_keys:
        cited_on.setdefault(key, {})[page.file.src_uri] = page
    if page_keys:
        masked += SOURCES_HEADING
    return masked


def on_env(env, config, files, **kwargs):
    unused = sorted(_bib.keys() - set(cited_on))
    if unused:
        raise PluginError(f"{_bib.BIB_NAME}: entries cited on no page: {', '.join(unused)}")
    return env


def _render_bibliography(page) -> str:
    data = _bib.load()
    style, backend = PlainStyle(), HtmlBackend()
    formatted = style.format_bibliography(data, citations=sorted(cited_on))
    items = []
    for entry in formatted:
        pages = sorted(cited_on[entry.key].values(), key=lambda p: p.title or "")
        links = ", ".join(
            f'<a href="{get_relative_url(p.url or "./", page.url).rstrip("/")}/#fnref:{entry.key}">'
            f"{p.title}</a>"
            for p in pages
        )
        # Addresses and "Cited on" links stay out of the search index (data-search-exclude): they
        # would double its size, and every reader downloads the index on their first view.
        text = entry.text.render(backend).replace("<a href=", "<a data-search-exclude href=")
        items.append(
            f'<li id="ref-{entry.key}"><p>{text}</p>'
            f'<p class="cited-on" data-search-exclude>Cited on: {links}</p></li>'
        )
    return '<ol class="bibliography">\n' + "\n".join(items) + "\n</ol>"


@event_priority(50)  # before the search plugin indexes the page
def on_page_context(context, page, config, nav, **kwargs):
    if BIBLIOGRAPHY_MARKER in page.content:
        page.content = page.content.replace(BIBLIOGRAPHY_MARKER, _render_bibliography(page))
    return context


class _RawCitationFinder(HTMLParser):
    """Collects `[@...` text that sits outside code in the rendered page."""

    SKIP = {"code", "pre", "script", "style"}

    def __init__(self):
        super().__init__()
        self.depth, self.found = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and "[@" in data:
            self.found.append(data[data.index("[@"):][:60])


def on_post_page(output, page, config, **kwargs):
    if "[@" not in output:  # nothing to find: spare parsing the page
        return output
    finder = _RawCitationFinder()
    finder.feed(output)
    if finder.found:
        raise PluginError(
            f"{page.file.src_uri}: citation left unrendered in the built page: '{finder.found[0]}' "
            "(citations inside snippet-included text are not processed; cite in the page itself)"
        )
    return output
