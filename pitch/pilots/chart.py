"""The geometry of a KPI chart (target against actual), drawn as SVG by the template.

Server-rendered, no script and no style attribute (the CSP allows neither): the template
uses SVG presentation attributes only. Plain values in, plain values out.
"""

from dataclasses import dataclass
from datetime import datetime

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 24


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    at: datetime
    value: float


@dataclass(frozen=True)
class KpiChart:
    target: float
    target_y: float
    y_max: float
    points: tuple[Point, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: float = HEIGHT - BOTTOM

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def right_x(self) -> int:
        return self.width - RIGHT


def kpi_chart(target: float, figures: list[tuple[datetime, float]]) -> KpiChart:
    """Figures in time order, spread evenly left to right; the y axis starts at 0 (or the
    lowest figure when below 0) and leaves headroom above the target and the best figure."""
    figures = sorted(figures, key=lambda pair: pair[0])
    values = [value for _, value in figures] + [target]
    low, high = min(0.0, *values), max(values)
    high = high * 1.1 if high > 0 else high + 1
    span = (high - low) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h * (high - value) / span

    step = plot_w / (len(figures) - 1) if len(figures) > 1 else 0
    points = tuple(
        Point(LEFT + (step * index if len(figures) > 1 else plot_w / 2), y_of(value), at, value)
        for index, (at, value) in enumerate(figures)
    )
    return KpiChart(target=target, target_y=y_of(target), y_max=high, points=points)
