"""Adds a Content-Security-Policy to every built page, as a meta tag at the top of <head>.

Scripts may come only from the site itself, plus the inline scripts that Material's templates
write, each allowed by the hash of its text (no 'unsafe-inline' for scripts). The hashes are
collected across the whole site, because instant navigation runs the inline scripts of the next
page under the policy of the first. Styles keep 'unsafe-inline': Python-Markdown writes style
attributes (table alignment), which only that allows. `mkdocs serve` gets no policy, so that
its live-reload script keeps working while you write.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
DATA_TYPES = ("application/json", "application/ld+json", "text/template")
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
serving = False


def on_startup(command, **kwargs):
    global serving
    serving = command == "serve"


def inline_script_hashes(html: str) -> set[str]:
    hashes = set()
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or any(kind in attrs for kind in DATA_TYPES):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return hashes


def on_post_build(config, **kwargs):
    if serving:
        return
    pages = list(Path(config["site_dir"]).rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    hashes = set().union(*(inline_script_hashes(text) for text in texts.values()))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=" ".join(sorted(hashes)))}">'
    for page, text in texts.items():
        if "<head>" in text:
            page.write_text(text.replace("<head>", "<head>\n" + meta, 1), encoding="utf-8")
