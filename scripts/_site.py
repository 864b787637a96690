"""Shared by the scripts that measure or inspect the built site: a strict build into a temporary
folder, a local server for it, its page list, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu"]


def build(site_dir: Path, site_url: str | None = None) -> float:
    """`mkdocs build --strict` into site_dir; returns the seconds it took, or exits with its output."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"strict build failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - start


@contextlib.contextmanager
def built():
    """Yields the folder of a fresh strict build, removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        yield site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class GzipHandler(QuietHandler):
    """Sends text files gzip-compressed when asked, as GitHub Pages and most static hosts do, so
    that Lighthouse measures the transfer sizes readers get."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in self.COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def served(site_dir: Path | None = None, build_first: bool = True, gzip_text: bool = False):
    """Yields (site folder, base URL) of the site served on a free local port; without site_dir,
    builds into a temporary folder first (with site_url set to the server's address)."""
    handler = GzipHandler if gzip_text else QuietHandler
    with tempfile.TemporaryDirectory() as tmp:
        site = site_dir or Path(tmp) / "site"
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        if build_first:
            build(site, base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield site, base
        finally:
            server.shutdown()
            server.server_close()


def pages(site: Path) -> list[str]:
    """Every page of a built site as a path from its root: '' for home, 'background/', ..."""
    found = []
    for html in site.rglob("index.html"):
        rel = html.parent.relative_to(site).as_posix()
        if rel != "search" and "<title>Redirecting...</title>" not in html.read_text(encoding="utf-8"):
            found.append("" if rel == "." else rel + "/")
    return sorted(found)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
