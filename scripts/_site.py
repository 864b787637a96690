"""What the scripts and the tests share: the list of pages (from mkdocs.yml's nav), a strict
build, a local server for the built site, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No GPU, and none of Chromium's own background traffic, which a test would see as an outside
# request.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


class _IgnoreTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving tags such as !ENV."""


_IgnoreTagsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_pages(project: Path = ROOT) -> list[str]:
    """Source paths of every page in mkdocs.yml's nav, in nav order: the one list of pages.
    (The strict build fails on a page left out of the nav: validation.omitted_files.)"""
    config = yaml.load(
        (project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader
    )

    def walk(items):
        for item in items:
            value = item if isinstance(item, str) else next(iter(item.values()))
            if isinstance(value, list):
                yield from walk(value)
            else:
                yield value

    return list(walk(config["nav"]))


# What a copy of the project needs to build: for tests that break it, and for measurements of
# a changed copy.
PROJECT_PARTS = ["mkdocs.yml", "references.bib", "docs", "data", "examples", "hooks", "bench",
                 "overrides", "requirements"]


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy2(source, dest / part)
    return dest


def page_url(src: str) -> str:
    """background.md -> background/ (use_directory_urls); index.md -> ''."""
    stem = src.removesuffix(".md")
    return "" if stem == "index" else f"{stem}/"


def html_path(site: Path, src: str) -> Path:
    return site / page_url(src) / "index.html"


def build_project(project: Path, site_dir: Path, site_url: str | None = None,
                  search_index: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a user runs it (never with -q, which hides warnings from
    strict mode). search_index=False leaves out the search index, for builds that only check
    what the build reports."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    if not search_index:
        env["SEARCH_INDEX"] = "false"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True,
    )


def build(site_dir: Path, site_url: str | None = None) -> float:
    """Builds this project into site_dir; returns the seconds it took, or exits with its output."""
    start = time.perf_counter()
    result = build_project(ROOT, site_dir, site_url)
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a page mid-download resets the connection: not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, port: int = 0, gzip_text: bool = False):
    """Serves a built site on 127.0.0.1:port (0: a free port); yields its base URL."""
    handler = functools.partial(GzipHandler if gzip_text else QuietHandler, directory=str(site))
    httpd = _Server(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def served(site_dir: Path | None = None, build_first: bool = True, gzip_text: bool = False):
    """Yields (site folder, base URL) of the site served on a free local port; without site_dir,
    builds into a temporary folder first (with site_url set to the server's address)."""
    with tempfile.TemporaryDirectory() as tmp:
        site = site_dir or Path(tmp) / "site"
        with serve(site, gzip_text=gzip_text) as base:
            if build_first:
                build(site, base)
            yield site, base


def pages() -> list[str]:
    """Every page as a path from the site's root, in nav order: '' for home, 'background/', ..."""
    return [page_url(src) for src in nav_pages()]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
