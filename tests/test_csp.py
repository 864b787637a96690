"""The Content-Security-Policy hook (hooks/csp.py): the policy comes first on every page, and
only the site's own known inline scripts are allowed. (The bad-input tests build pages with an
unknown script and without a <head>; the browser tests check the policy in Chromium.)"""

from __future__ import annotations

import base64
import hashlib

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


@pytest.mark.parametrize("markup", [
    '<button type="button" onclick="go()">Go</button>',
    '<img src="chart.svg" alt="" onerror="go()">',
    '<a href="javascript:go()">Go</a>',
    '<a href=" JavaScript:go()">Go</a>',
    '<form action="javascript:go()"></form>',
], ids=["onclick", "onerror", "javascript link", "javascript link, spaced and capitalized",
        "javascript form action"])
def test_script_in_an_attribute_stops_the_build_naming_the_page(markup):
    """The policy blocks these without a word (no hash allows them), so the feature would only
    silently not work: the build says so instead."""
    with pytest.raises(PluginError, match=r"^docs/page\.md: inline script in an attribute "
                                          r"\('<\w+ \w+=\".+\">'\), which the "
                                          r"Content-Security-Policy does not allow; "):
        csp.check("docs/page.md", f"<!doctype html><html><head></head><body>{markup}</body></html>")


def test_materials_no_op_share_link_and_ordinary_attributes_pass():
    html = ('<!doctype html><html><head></head><body><a href="javascript:void(0)" '
            'title="Share">s</a><a href="one.html" data-online="yes">one</a></body></html>')
    assert csp.check("page.html", html) == set()


def test_the_policy_allows_each_known_script_by_the_hash_of_its_text():
    # sha256 of 'document.documentElement.classList.replace("no-js", "js")', base64.
    html = page('<script>document.documentElement.classList.replace("no-js", "js")</script>')
    assert csp.check("page.html", html) == {"'sha256-2w8TyNvZe70b7pwUjHsch2dH0Je+6+NI+1zxoi8xZEQ='"}


def test_a_script_at_the_very_end_of_a_page_is_still_checked():
    with pytest.raises(PluginError, match=r"^p\.md: inline <script> .+\('alert\(1\)'\)"):
        csp.check("p.md", "<script>alert(1)</script>")


def test_a_long_unknown_script_is_shortened_to_keep_the_message_on_one_line():
    script = "var total = 0;\nfor (var i = 0; i < 100; i++) {\n  total += i;\n}\n" * 3
    with pytest.raises(PluginError) as error:
        csp.check("docs/page.md", page(f"<script>{script}</script>"))
    message = str(error.value)
    assert "\n" not in message
    # The script's words on one line, cut to their first 77 characters and "...".
    assert "('var total = 0; for (var i = 0; i < 100; i++) { total += i; } var total = 0; f...')" \
           in message, message


def test_every_inline_script_is_allowed_by_its_pages_policy(site):
    """Each inline script that a page runs has its hash in that page's script-src (computed here
    with hashlib, not with the hook): without it Chromium blocks Material's own scripts."""
    missing = []
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        policy = soup.find("meta", attrs=POLICY)["content"]
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        allowed = set(script_src.split()[1:])
        for script in soup.find_all("script"):
            if script.get("src") or (script.get("type") or "").lower() == "application/json":
                continue
            text = script.string or ""
            hashed = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
            if f"'sha256-{hashed}'" not in allowed:
                missing.append(f"{html.relative_to(site)}: {' '.join(text.split())[:60]!r}")
    assert not missing, "inline scripts the policy would block:\n" + "\n".join(missing)


def test_a_long_handler_is_shortened_in_the_message():
    handler = "document.querySelectorAll('.tabbed-set').forEach(s => s.classList.toggle('open'))"
    with pytest.raises(PluginError) as error:
        csp.check("docs/page.md", f'<html><head></head><body><button onclick="{handler}">'
                                  "Toggle</button></body></html>")
    shown = f'<button onclick="{handler}">'[:77] + "..."  # the first 77 characters, then "..."
    assert f"({shown!r})" in str(error.value), str(error.value)
