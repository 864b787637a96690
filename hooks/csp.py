"""Adds a Content-Security-Policy to every built page, as a meta tag at the top of <head>.

Scripts may come only from the site itself, plus the inline scripts that Material's templates
and our overrides write, each allowed by the hash of its text (no 'unsafe-inline' for scripts).
Those scripts are known in advance (KNOWN_SCRIPTS, below): any other inline script, such as one
written into a page's Markdown, stops the build, and so does script in an attribute (an
onclick handler, a javascript: link), which no hash can allow, and a page the hook cannot put the
policy into. The hashes are collected across the whole site, because instant navigation runs
the inline scripts of the next page under the policy of the first. Styles keep 'unsafe-inline':
Python-Markdown writes style attributes (table alignment), which only that allows.
`mkdocs serve` gets no policy, so that its live-reload script keeps working while you write.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# A script element whose type is one of these holds data, which the browser never runs.
DATA_TYPES = {"application/json", "application/ld+json", "text/template"}
# A relative or absolute path to the site's root, as Material writes base_url: ".", "..",
# "../..", or "/" (404.html).
BASE_URL = r'(?:\.|\.\.(?:/\.\.)*|/[\w./-]*)'
# Every inline script the site may contain, by where it comes from; each pattern must match the
# script's whole text. Review a new one before adding it: it may run on every page.
KNOWN_SCRIPTS = {
    # Material 9.8.1, partials/javascripts/base.html: local-storage helpers scoped to the site.
    "Material's storage helpers": re.escape(
        '__md_scope=new URL("') + BASE_URL + re.escape(
        '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,'
        'JSON.stringify(_))}catch(e){}}'),
    # Material 9.8.1, partials/javascripts/palette.html: applies the stored color scheme.
    "Material's palette": re.escape(
        'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"'
        '===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input='
        'document.querySelector(media.matches?"[data-md-color-media=\'(prefers-color-scheme: '
        'light)\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");palette.color.media'
        '=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute('
        '"data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary")'
        ',palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of '
        'Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}'),
    # Material 9.8.1, partials/javascripts/content.html (content.tabs.link): the stored tab choice.
    "Material's linked tabs": re.escape(
        'var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.'
        'querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var '
        'tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.'
        'trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;'
        'continue e}}'),
    # Material 9.8.1, partials/javascripts/content.html: opens the tab a link points to.
    "Material's tab anchor": re.escape(
        'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
        '(target.checked=target.name.startsWith("__tabbed_"))'),
    # overrides/main.html: marks the page as scripted before its first paint.
    "overrides/main.html, no-js": re.escape(
        'document.documentElement.classList.replace("no-js", "js")'),
    # overrides/main.html: a first visit follows the system's scheme (values from mkdocs.yml).
    "overrides/main.html, first palette": re.escape(
        '__md_get("__palette")||__md_set("__palette",{index:0,color:{media:"')
        + r'\([\w :-]*\)",scheme:"[\w-]+",primary:"[\w-]+",accent:"[\w-]+"\}\}\)',
    # mkdocs-redirects 1.2.2 (plugin.py, HTML_TEMPLATE): a moved page's stub keeps the #anchor.
    "mkdocs-redirects' stub": re.escape('var anchor=window.location.hash.substr(1);location.href="')
        + r'[\w./#-]*' + re.escape('"+(anchor?"#"+anchor:"")'),
}
KNOWN = [re.compile(pattern) for pattern in KNOWN_SCRIPTS.values()]
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
HEAD = re.compile(r"<head(\s[^>]*)?>", re.I)
# Inline script in attributes: event handlers, and javascript: addresses. Material's search
# share button is a link to "javascript:void(0)", a no-op its script handles.
EVENT_HANDLER = re.compile(r"on[a-z]+")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data"}
NO_OP_URLS = {"javascript:void(0)"}
serving = False
sources: dict[Path, str] = {}  # built page -> its Markdown source, for messages


class Scripts(HTMLParser):
    """Collects the inline scripts of a page that a browser would run, and the offset of the
    first script element of any kind."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        # Script in attributes (onclick="...", href="javascript:..."), which the policy blocks
        # as it stands: no hash can allow it without 'unsafe-hashes'.
        self.in_attributes: list[str] = []
        self.first_script: tuple[int, int] | None = None
        self._body: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for attr, value in attrs:
            value = (value or "").strip()
            if EVENT_HANDLER.fullmatch(attr) or (
                    attr in URL_ATTRIBUTES and value.lower().startswith("javascript:")
                    and value not in NO_OP_URLS):
                self.in_attributes.append(f'<{tag} {attr}="{value}">')
        if tag != "script":
            return
        self.first_script = self.first_script or self.getpos()
        values = dict(attrs)
        kind = (values.get("type") or "").strip().lower()
        self._body = None if "src" in values or kind in DATA_TYPES else []

    def handle_data(self, data):
        if self._body is not None:
            self._body.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._body is not None:
            self.inline.append("".join(self._body))
            self._body = None


def on_startup(command, **kwargs):
    global serving
    serving = command == "serve"


def on_pre_build(config, **kwargs):
    sources.clear()


def on_post_page(output, page, config, **kwargs):
    project = Path(config.config_file_path).parent
    source = Path(page.file.abs_src_path or Path(config["docs_dir"]) / page.file.src_uri)
    sources[Path(config["site_dir"]) / page.file.dest_uri] = source.relative_to(project).as_posix()
    return output


def digest(script: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        + "'"
    )


def check(name: str, html: str) -> set[str]:
    """The hashes of a page's inline scripts; fails, naming the page, on any unknown script."""
    parser = Scripts()
    parser.feed(html)
    parser.close()
    if parser.in_attributes:
        markup = parser.in_attributes[0]
        shown = markup if len(markup) <= 80 else markup[:77] + "..."
        raise PluginError(f"{name}: inline script in an attribute ({shown!r}), which the "
                          "Content-Security-Policy does not allow; attach the handler from a "
                          "script in docs/assets/javascripts/ (extra_javascript) instead")
    for script in parser.inline:
        if not any(known.fullmatch(script) for known in KNOWN):
            shown = " ".join(script.split())
            shown = shown if len(shown) <= 80 else shown[:77] + "..."
            raise PluginError(f"{name}: inline <script> that the Content-Security-Policy does not "
                              f"allow ({shown!r}); put scripts in docs/assets/javascripts/ "
                              "(extra_javascript), or review it and add it to KNOWN_SCRIPTS in "
                              "hooks/csp.py")
    return {digest(script) for script in parser.inline}


# After every other hook and plugin, so that pages written in on_post_build (mkdocs-redirects'
# stubs) get the policy too.
@event_priority(-100)
def on_post_build(config, **kwargs):
    if serving:
        return
    site = Path(config["site_dir"])
    texts = {page: page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))}
    names = {page: sources.get(page, page.relative_to(site).as_posix()) for page in texts}
    hashes = set()
    for page, text in texts.items():
        if not HEAD.search(text):
            raise PluginError(f"{names[page]}: no <head> to put the Content-Security-Policy in")
        hashes |= check(names[page], text)
    meta = ('<meta http-equiv="Content-Security-Policy" '
            f'content="{POLICY.format(hashes=" ".join(sorted(hashes)))}">')
    for page, text in texts.items():
        page.write_text(
            HEAD.sub(lambda match: match.group(0) + "\n" + meta, text, count=1), encoding="utf-8"
        )
