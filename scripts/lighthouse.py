"""Runs Lighthouse (from audit/'s npm packages, in Debian's Chromium) on every page with its
mobile profile, and prints the four category scores per page and every audit that held a score
below 100, so that it can be fixed. A measurement, not a test.

    .venv/bin/python scripts/lighthouse.py [PAGE ...]     # e.g. background/ ; default: every page

The site is built and served locally with gzip, as static hosts serve it. Lighthouse's
performance score on a local server measures the page's own weight and work, not a network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _site import CHROMIUM, ROOT, pages, served

LIGHTHOUSE = ROOT / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def audit(url: str, out: Path) -> dict:
    subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox "
                                                      "--disable-gpu"],
        check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM),
    )
    return json.loads(out.read_text(encoding="utf-8"))


def shortfalls(report: dict) -> list[str]:
    """Audits that count toward a category score and scored below 1."""
    weighted = {
        ref["id"]
        for cat in report["categories"].values()
        for ref in cat["auditRefs"]
        if ref["weight"] > 0
    }
    lines = []
    for audit_id in sorted(weighted):
        result = report["audits"][audit_id]
        if result["score"] is not None and result["score"] < 1:
            value = f" ({result['displayValue']})" if result.get("displayValue") else ""
            lines.append(f"    {result['score'] * 100:5.0f}  {audit_id}: {result['title']}{value}")
    return lines


def main() -> int:
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci --prefix audit`")
    with served(gzip_text=True) as (site, base), tempfile.TemporaryDirectory() as tmp:
        chosen = sys.argv[1:] or pages()
        print(f"Lighthouse, mobile profile; {base}")
        print(f"{'page':<20}" + "".join(f"{c:>16}" for c in CATEGORIES))
        details = []
        for path in chosen:
            report = audit(base + path, Path(tmp) / "report.json")
            scores = [report["categories"][c]["score"] for c in CATEGORIES]
            print(f"{path or '/':<20}" + "".join(f"{s * 100:>16.0f}" for s in scores), flush=True)
            lacking = shortfalls(report)
            if lacking:
                details.append(f"  {path or '/'}:\n" + "\n".join(lacking))
        if details:
            print("\nAudits below 100:\n" + "\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
