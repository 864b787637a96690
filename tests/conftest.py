"""Shared fixtures: one strict build per session, a local web server, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Copied into a temporary folder for tests that break the project.
PROJECT_PARTS = ["mkdocs.yml", "references.bib", "docs", "data", "examples", "hooks", "overrides", "requirements"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(project: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a user runs it (never with -q, which hides warnings from strict)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True,
    )


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy2(source, dest / part)
    return dest


@pytest.fixture(scope="session")
def port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site(tmp_path_factory, port) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = build(ROOT, site_dir, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def nav_pages() -> list[str]:
    """Source paths of every page in mkdocs.yml's nav, in nav order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_IgnoreTagsLoader)

    def walk(items):
        for item in items:
            value = item if isinstance(item, str) else next(iter(item.values()))
            if isinstance(value, list):
                yield from walk(value)
            else:
                yield value

    return list(walk(config["nav"]))


class _IgnoreTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving tags such as !ENV."""


_IgnoreTagsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def page_url(src: str) -> str:
    """docs/background.md -> background/ (use_directory_urls)."""
    stem = src.removesuffix(".md")
    return "" if stem == "index" else f"{stem}/"


def html_path(site: Path, src: str) -> Path:
    return site / page_url(src) / "index.html"


@pytest.fixture(scope="session")
def soups(site, nav_pages) -> dict[str, BeautifulSoup]:
    return {src: BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "lxml") for src in nav_pages}


@contextlib.contextmanager
def serve(site: Path, port: int):
    """Serves a built site on 127.0.0.1:port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(site, port) -> str:
    with serve(site, port) as base:
        yield base


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a page mid-download resets the connection: not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/test installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


# Reports every Content-Security-Policy violation on the console with a marker, so that PageWatch
# can tell them from other errors. Playwright runs init scripts outside the page's policy.
CSP_MARKER = "CSP violation:"
CSP_LISTENER = (
    "document.addEventListener('securitypolicyviolation', e => console.error("
    f"'{CSP_MARKER} ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + "
    "' in ' + e.sourceFile + ':' + e.lineNumber));"
)


class PageWatch:
    """Records what a reader would not see: outside requests, console errors, CSP violations."""

    def __init__(self, server: str):
        self.host = urlparse(server).netloc
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.csp_violations: list[str] = []

    def console(self, message):
        if message.type != "error":
            return
        if message.text.startswith(CSP_MARKER):
            self.csp_violations.append(message.text)
        else:
            self.console_errors.append(message.text)

    def route(self, route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob", "about") or url.netloc == self.host:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()


@pytest.fixture
def open_page(browser, server):
    """Opens a fresh page that blocks and records every request to anything but the local server.

    After the test, any Content-Security-Policy violation on any page it opened fails it."""
    contexts = []
    watches = []

    def _open(path: str = "", *, color_scheme: str = "light", width: int = 1280, height: int = 900,
              javascript: bool = True, base: str | None = None):
        base = base or server
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=color_scheme,
            java_script_enabled=javascript, service_workers="block",
        )
        contexts.append(context)
        watch = PageWatch(base)
        context.route("**/*", watch.route)
        context.add_init_script(CSP_LISTENER)
        watches.append(watch)
        page = context.new_page()
        page.on("console", watch.console)
        page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
        page.watch = watch
        if path is not None:
            page.goto(base + path, wait_until="networkidle")
        return page

    yield _open
    for context in contexts:
        context.close()
    violations = [v for watch in watches for v in watch.csp_violations]
    assert not violations, f"Content-Security-Policy violations: {violations}"
