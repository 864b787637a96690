"""Shared fixtures: one strict build per session, a local web server, and Debian's Chromium.
The helpers themselves live in scripts/_site.py, which the measuring scripts use too."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from _site import CHROMIUM, ROOT, copy_project, free_port, html_path, launch, page_url, serve
from _site import build_project as build
from _site import nav_pages as _nav_pages

__all__ = ["ROOT", "build", "copy_project", "free_port", "html_path", "page_url", "serve"]

# The longest tests, started first: the two test workers then finish together instead of one
# waiting on a two-minute test that was handed out last.
SLOW_FIRST = ["test_routes.py::test_a_quick_run", "test_benchmarks.py", "test_search.py",
              "test_editions.py"]


def pytest_collection_modifyitems(config, items):
    def rank(item):
        return next((i for i, part in enumerate(SLOW_FIRST) if part in item.nodeid),
                    len(SLOW_FIRST))

    items.sort(key=rank)  # stable: every other test keeps its order


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
    return _nav_pages()


@pytest.fixture(scope="session")
def soups(site, nav_pages) -> dict[str, BeautifulSoup]:
    return {
        src: BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "lxml")
        for src in nav_pages
    }


@pytest.fixture(scope="session")
def server(site, port) -> str:
    with serve(site, port) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/test installs Debian's chromium "
                    "package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
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
    """Records what a reader would not see: outside requests, console errors, script errors and
    Content-Security-Policy violations. Any of them fails the test (see open_page)."""

    KINDS = {"outside": "requests outside the site", "console_errors": "console errors",
             "page_errors": "script errors", "csp_violations": "Content-Security-Policy violations"}

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

    def expected(self, kind: str, pattern: str) -> list[str]:
        """Takes the records of one kind that a test provoked on purpose (matching the regular
        expression), so that they do not fail it; fails if there is none."""
        records = getattr(self, kind)
        taken = [record for record in records if re.search(pattern, record)]
        assert taken, f"expected {self.KINDS[kind]} matching {pattern!r}, got {records}"
        records[:] = [record for record in records if record not in taken]
        return taken

    def problems(self) -> list[str]:
        return [
            f"{label}: {records}"
            for kind, label in self.KINDS.items()
            if (records := getattr(self, kind))
        ]


@pytest.fixture
def open_page(browser, server):
    """Opens a fresh page that blocks and records every request to anything but the local server.

    After the test, anything PageWatch recorded on any page it opened fails it: an outside
    request, a console error, a script error or a policy violation (use page.watch.expected for
    one that the test provokes)."""
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
    problems = [problem for watch in watches for problem in watch.problems()]
    assert not problems, "; ".join(problems)
