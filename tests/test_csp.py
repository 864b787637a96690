"""The Content-Security-Policy hook (hooks/csp.py): the policy comes first on every page, and
only the site's own known inline scripts are allowed. (The bad-input tests build pages with an
unknown script and without a <head>; the browser tests check the policy in Chromium.)"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

import csp

POLICY = {"http-equiv": "Content-Security-Policy"}


def test_the_policy_comes_before_any_script_on_every_page(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs=POLICY)
        assert meta is not None and meta.parent.name == "head", html
        first_script = soup.find("script")
        assert first_script is not None, html
        assert (meta.sourceline, meta.sourcepos) < (
            first_script.sourceline,
            first_script.sourcepos,
        ), f"{html.relative_to(site)}: a script comes before the policy"
        assert meta.find_previous(["script", "link", "style"]) is None, html


def page(*scripts: str) -> str:
    return "<!doctype html><html><head>" + "".join(scripts) + "</head><body></body></html>"


MATERIAL_STORAGE = (
    '<script>__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+'
    '_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname'
    '+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.pathname+"."+e,'
    'JSON.stringify(_))}}catch(e){{}}}}</script>'
)


@pytest.mark.parametrize("base", [".", "..", "../..", "/", "/pytorch-vs-tensorflow/"])
def test_materials_script_is_known_at_every_depth_and_base(base):
    """Material writes the page's path to the root into its script: one entry allows them all,
    each by its own hash."""
    assert len(csp.check("page.html", page(MATERIAL_STORAGE.format(base=base)))) == 1


def test_data_and_external_scripts_need_no_hash():
    html = page('<script id="__config" type="application/json">{"base": "..", "x": 1}</script>',
                '<script src="assets/javascripts/bundle.js"></script>')
    assert csp.check("page.html", html) == set()


@pytest.mark.parametrize("script", [
    "<script>alert(1)</script>",
    '<script type="module">import "./x.js"</script>',
    '<script data-note="application/json">alert(1)</script>',
    # A known script with something added after it is unknown.
    MATERIAL_STORAGE.format(base="..").replace("</script>", ";alert(1)</script>"),
    # Its path to the root is the only part that may vary, and it cannot end the string.
    MATERIAL_STORAGE.format(base='.",alert(1),"'),
], ids=["plain", "module", "data attribute is not a data type", "known script extended",
        "base injected"])
def test_an_unknown_inline_script_stops_the_build_naming_the_page(script):
    with pytest.raises(PluginError, match=r"^docs/page\.md: inline <script> that the "
                                          r"Content-Security-Policy does not allow \('.+'\); "
                                          r".+KNOWN_SCRIPTS in hooks/csp\.py$"):
        csp.check("docs/page.md", page(script))
