"""Refreshes data/releases.yml from PyPI's release history (maintainers only; needs network).

    .venv/bin/python scripts/update_releases.py

For each package it keeps the final releases (no alpha, beta, release candidate or dev
build) uploaded since 2022, dated by their first uploaded file. The build never calls PyPI:
it renders whatever this script last wrote, with the date it was written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.request
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "releases.yml"
SINCE = dt.date(2022, 1, 1)
FINAL = re.compile(r"^\d+(\.\d+)*(\.post\d+)?$")
# package on PyPI -> (project name on the page, citation key of its PyPI history)
PACKAGES = {
    "torch": ("PyTorch", "pypi2026torch"),
    "tensorflow": ("TensorFlow", "pypi2026tensorflow"),
    "keras": ("Keras", "pypi2026keras"),
}


def history(package: str) -> list[tuple[str, dt.date]]:
    with urllib.request.urlopen(f"https://pypi.org/pypi/{package}/json", timeout=60) as response:
        releases = json.load(response)["releases"]
    out = []
    for version, files in releases.items():
        files = [f for f in files if not f.get("yanked")]
        if not files or not FINAL.match(version):
            continue
        day = min(dt.date.fromisoformat(f["upload_time"][:10]) for f in files)
        if day >= SINCE:
            out.append((version, day))
    return sorted(out, key=lambda release: (release[1], release[0]))


def main() -> None:
    today = dt.date.today().isoformat()
    lines = [
        "# Written by scripts/update_releases.py from PyPI's release history; do not edit by hand.",
        f"# Final releases since {SINCE.isoformat()}, each as \"version first-upload-date\".",
        f"checked: {today}",
        "packages:",
    ]
    for package, (project, source) in PACKAGES.items():
        lines += [
            f"  - name: {package}",
            f"    project: {project}",
            f"    source: {source}",
            "    releases:",
        ]
        lines += [f'      - "{version} {day.isoformat()}"' for version, day in history(package)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(OUT.parent.parent)} (checked {today})")


if __name__ == "__main__":
    main()
