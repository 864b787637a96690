"""Puts the site's own stylesheet, docs/assets/stylesheets/extra.css, into every page's <head>
as a <style> element (overrides/main.html writes it), instead of linking it.

A linked stylesheet blocks the first paint until it has arrived: on a phone that is one more
round trip before anything shows. The file is small (about 2 kB gzipped), so inlining costs
little, and it leaves the built site, which then holds no copy that no page uses.
"""

from __future__ import annotations

from pathlib import Path

SOURCE = "assets/stylesheets/extra.css"


def on_files(files, config, **kwargs):
    file = files.get_file_from_path(SOURCE)
    if file is not None:
        files.remove(file)
    return files


def on_env(env, config, files, **kwargs):
    env.globals["site_css"] = (Path(config["docs_dir"]) / SOURCE).read_text(encoding="utf-8")
    return env
