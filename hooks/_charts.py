"""Small SVG charts drawn from the data files at build time: no JavaScript, nothing loaded from
elsewhere. Series differ by color, line pattern and marker shape, and carry direct labels, so no
reader depends on color alone. Each chart has its own light background, so it reads the same in
the light and dark schemes; pages show its data in a table beside it.
"""

from __future__ import annotations

import itertools
import math
from html import escape

WIDTH, HEIGHT = 720, 380
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 48, 56
INK, GRID, PAPER = "#222222", "#d0d0d0", "#ffffff"
# Dark enough for 3:1 against white (WCAG 1.4.11), and told apart by pattern and marker too.
STYLES = [
    {"color": "#b35900", "dash": "", "marker": "circle"},
    {"color": "#0063a3", "dash": "8 4", "marker": "square"},
    {"color": "#007a5a", "dash": "3 3", "marker": "triangle"},
    {"color": "#8e4585", "dash": "10 3 2 3", "marker": "diamond"},
]


def nice_ceiling(value: float) -> float:
    """The next 'round' axis maximum above value: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def marker(shape: str, x: float, y: float, color: str) -> str:
    r = 4.5
    if shape == "square":
        return (f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" '
                f'fill="{color}"/>')
    if shape == "triangle":
        return (f'<polygon points="{x:.1f},{y - r - 1:.1f} {x - r - 1:.1f},{y + r:.1f} '
                f'{x + r + 1:.1f},{y + r:.1f}" fill="{color}"/>')
    if shape == "diamond":
        return (f'<polygon points="{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} '
                f'{x:.1f},{y + r + 1:.1f} {x - r - 1:.1f},{y:.1f}" fill="{color}"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{color}"/>'


def svg_document(title: str, description: str, body: list[str]) -> str:
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>',
        *body,
        "</svg>",
    ]) + "\n"


def log_ticks(low: float, high: float) -> list[float]:
    """1, 2 and 5 times each power of ten from below low to above high."""
    out = []
    for power in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        out += [m * 10.0 ** power for m in (1, 2, 5)]
    below = max(t for t in out if t <= low)
    above = min(t for t in out if t >= high)
    return [t for t in out if below <= t <= above]


def line_chart(title: str, description: str, x_labels: list[str],
               series: list[tuple[str, list[float | None]]], y_label: str,
               intervals: list[list[tuple[float, float]]] | None = None,
               log_y: bool = False) -> str:
    """One line per series; None leaves a gap. Values share one y axis, from zero, or on a log
    scale (log_y). intervals: per series, a (low, high) whisker at each point."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    shown = [v for _, values in series for v in values if v is not None]
    if intervals:
        shown += [x for whiskers in intervals for pair in whiskers for x in pair]
    if log_y:
        ticks = log_ticks(min(v for v in shown if v > 0), max(shown))
        bottom, top = ticks[0], ticks[-1]
    else:
        top = nice_ceiling(max(shown))
        ticks = [top * k / 5 for k in range(6)]
    step_x = plot_w / max(len(x_labels) - 1, 1)

    def px(i: int) -> float:
        return LEFT + i * step_x

    def py(v: float) -> float:
        if log_y:
            span = math.log(top) - math.log(bottom)
            share = (math.log(max(v, bottom)) - math.log(bottom)) / span
            return TOP + plot_h * (1 - share)
        return TOP + plot_h * (1 - v / top)

    body = [f'<text x="{LEFT}" y="28" font-size="16" font-weight="600" '
            f'fill="{INK}">{escape(title)}</text>']
    for value in ticks:  # horizontal grid and y labels
        y = py(value)
        body.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
                    f'stroke="{GRID}"/>')
        body.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" '
                    f'fill="{INK}">{value:g}</text>')
    for i, label in enumerate(x_labels):
        body.append(f'<text x="{px(i):.1f}" y="{TOP + plot_h + 22}" font-size="12" '
                    f'text-anchor="middle" fill="{INK}">{escape(label)}</text>')
    body.append(f'<text x="16" y="{TOP + plot_h / 2:.1f}" font-size="12" fill="{INK}" '
                'text-anchor="middle" transform="rotate(-90 16 '
                f'{TOP + plot_h / 2:.1f})">{escape(y_label)}</text>')
    labels = []  # (y, x, name, color): direct labels at each line's last point
    for n, ((name, values), style) in enumerate(zip(series, STYLES, strict=False)):
        segment: list[str] = []
        for i, value in enumerate(values + [None]):
            if value is None:
                if len(segment) > 1:
                    body.append(f'<polyline points="{" ".join(segment)}" fill="none" '
                                f'stroke="{style["color"]}" stroke-width="2.5" '
                                f'stroke-dasharray="{style["dash"]}"/>')
                segment = []
                continue
            segment.append(f"{px(i):.1f},{py(value):.1f}")
            if intervals:
                low, high = intervals[n][i]
                x = px(i) + (n - (len(series) - 1) / 2) * 4  # side by side, not on top
                body.append(f'<line x1="{x:.1f}" y1="{py(low):.1f}" x2="{x:.1f}" '
                            f'y2="{py(high):.1f}" stroke="{style["color"]}" stroke-width="1.5"/>')
            body.append(marker(style["marker"], px(i), py(value), style["color"]))
        last = max(i for i, v in enumerate(values) if v is not None)
        labels.append([py(values[last]) + 4, px(last) + 10, name, style["color"]])
    labels.sort()
    for above, below in itertools.pairwise(labels):  # keep labels at least 16 px apart
        below[0] = max(below[0], above[0] + 16)
    for y, x, name, color in labels:
        body.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="13" font-weight="600" '
                    f'fill="{color}">{escape(name)}</text>')
    return svg_document(title, description, body)


RANGE_ROW_HEIGHT = 34


def range_bar_height(rows: int) -> int:
    """The height of a range bar chart with this many rows (pages set it on the <img>)."""
    return TOP + rows * RANGE_ROW_HEIGHT + BOTTOM


def range_bar_chart(title: str, description: str, rows: list[tuple[str, float, float, float]],
                    x_label: str) -> str:
    """Horizontal bars, one per row (label, value, low, high): the bar is the value and the
    whisker runs from low to high (the page's caption says what they are). The axis starts at
    zero; values are printed at each bar."""
    label_w, value_w = 230, 90
    row_h = RANGE_ROW_HEIGHT
    height = range_bar_height(len(rows))
    plot_w = WIDTH - label_w - value_w - 20
    top = nice_ceiling(max(q3 for _, _, _, q3 in rows))

    def px(v: float) -> float:
        return label_w + plot_w * v / top

    body = ['<text x="16" y="28" font-size="16" font-weight="600" '
            f'fill="{INK}">{escape(title)}</text>']
    for k in range(6):
        value = top * k / 5
        x = px(value)
        body.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + len(rows) * row_h}" '
                    f'stroke="{GRID}"/>')
        body.append(f'<text x="{x:.1f}" y="{TOP + len(rows) * row_h + 18}" font-size="12" '
                    f'text-anchor="middle" fill="{INK}">{value:g}</text>')
    body.append(f'<text x="{label_w + plot_w / 2:.1f}" y="{height - 12}" font-size="12" '
                f'text-anchor="middle" fill="{INK}">{escape(x_label)}</text>')
    for i, (label, median, q1, q3) in enumerate(rows):
        y = TOP + i * row_h + row_h / 2
        style = STYLES[0] if label.startswith("PyTorch") else STYLES[1]
        body.append(f'<text x="{label_w - 10}" y="{y + 4:.1f}" font-size="13" text-anchor="end" '
                    f'fill="{INK}">{escape(label)}</text>')
        body.append(f'<rect x="{label_w}" y="{y - 9:.1f}" '
                    f'width="{max(px(median) - label_w, 1):.1f}" height="18" '
                    f'fill="{style["color"]}"/>')
        body.append(f'<line x1="{px(q1):.1f}" y1="{y:.1f}" x2="{px(q3):.1f}" y2="{y:.1f}" '
                    f'stroke="{INK}" stroke-width="2"/>')
        for x in (px(q1), px(q3)):
            body.append(f'<line x1="{x:.1f}" y1="{y - 6:.1f}" x2="{x:.1f}" y2="{y + 6:.1f}" '
                        f'stroke="{INK}" stroke-width="2"/>')
        body.append(f'<text x="{max(px(q3), px(median)) + 8:.1f}" y="{y + 4:.1f}" font-size="12" '
                    f'fill="{INK}">{median:.3g}</text>')
    document = svg_document(title, description, body)
    return document.replace(
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"',
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"',
    ).replace(
        f'<rect width="{WIDTH}" height="{HEIGHT}"', f'<rect width="{WIDTH}" height="{height}"'
    )
