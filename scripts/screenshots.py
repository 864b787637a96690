"""Takes a full-page screenshot of every page at desktop and phone widths, in the light and dark
schemes, and as printed (print media), for a person to look at. Not a test: it asserts nothing.

    .venv/bin/python scripts/screenshots.py [OUT_DIR] [--pdf]

Writes OUT_DIR/<page>-<desktop|phone>-<light|dark>.png and <page>-print.png (default OUT_DIR:
screenshots/, ignored by git); with --pdf also <page>.pdf as Chromium prints it on A4 paper.
"""

from __future__ import annotations

import sys
from pathlib import Path

from _site import ROOT, launch, pages, served

VIEWS = {"desktop": (1280, 900), "phone": (390, 844)}
SCHEMES = ["light", "dark"]


def name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


def main() -> int:
    from playwright.sync_api import sync_playwright

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0]) if args else ROOT / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with served() as (site, base), sync_playwright() as playwright:
        browser = launch(playwright)
        for path in pages():
            for view, (width, height) in VIEWS.items():
                for scheme in SCHEMES:
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, color_scheme=scheme
                    )
                    page = context.new_page()
                    page.goto(base + path, wait_until="networkidle")
                    page.screenshot(path=out / f"{name(path)}-{view}-{scheme}.png", full_page=True)
                    context.close()
            context = browser.new_context(
                viewport={"width": 800, "height": 1100}, color_scheme="dark"
            )
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            page.emulate_media(media="print")
            page.screenshot(path=out / f"{name(path)}-print.png", full_page=True)
            if "--pdf" in sys.argv:
                page.pdf(path=out / f"{name(path)}.pdf", format="A4", print_background=False)
            context.close()
            print(f"{path or '/'}: done")
        browser.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
