"""Server-side layout: deterministic, fitted to a square that grows with the node count."""

from __future__ import annotations

import math

from viz.layout import SPACING, fruchterman_reingold


def ring(n: int) -> list[tuple[int, int, float]]:
    return [(k, (k + 1) % n, 1.0) for k in range(n)]


def test_positions_are_the_same_every_time() -> None:
    assert fruchterman_reingold(40, ring(40)) == fruchterman_reingold(40, ring(40))


def test_positions_fill_a_square_centred_on_zero() -> None:
    found = fruchterman_reingold(100, ring(100))
    xs, ys = [p[0] for p in found], [p[1] for p in found]
    side = SPACING * math.sqrt(100)
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == pytest_approx(side)
    assert abs((max(xs) + min(xs)) / 2) < 1 and abs((max(ys) + min(ys)) / 2) < 1


def test_tiny_views_need_no_layout_engine() -> None:
    assert fruchterman_reingold(0, []) == [] and fruchterman_reingold(1, []) == [(0.0, 0.0)]


def pytest_approx(value: float):
    import pytest

    return pytest.approx(value, abs=0.2)
