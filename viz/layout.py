"""Positions for views too large for the browser's physics.

vis-network's stabilisation is why large pyvis pages hang (minutes at 1,500 nodes); above a
few hundred nodes the server lays the view out once and the browser draws it with physics off.
igraph's Fruchterman–Reingold was chosen by measurement (`python -m bench views`, this
machine): 0.9 s for 10,000 nodes, where networkx's spring layout takes 4.6 s for 1,000.
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Sequence

_RNG_LOCK = threading.Lock()
OUTLIERS = 0.005  # the share of nodes at each end of each axis not counted when scaling
SPACING = 45.0  # pixels per node on the side of the square the layout fills, about


def fruchterman_reingold(count: int, edges: Sequence[tuple[int, int, float]]) -> list[tuple[float, float]]:
    """Positions of nodes 0..count-1 in pixels, centred on 0. Deterministic: igraph's random
    start comes from a generator seeded here, so the same view is drawn the same way every
    time. (Passing start positions instead was measured slower: 1.3-30 times, by their spread.)"""
    if count == 0:
        return []
    if count == 1:
        return [(0.0, 0.0)]
    import igraph  # only when a large view is drawn

    graph = igraph.Graph(n=count, edges=[(a, b) for a, b, _ in edges])
    weights = [w for _, _, w in edges] or None
    with _RNG_LOCK:  # igraph draws from one process-wide generator: seed it, then give it back
        igraph.set_random_number_generator(random.Random(count))
        try:
            coords = graph.layout_fruchterman_reingold(weights=weights, grid="auto").coords
        finally:
            igraph.set_random_number_generator(random)
    return _fitted(coords, side=SPACING * math.sqrt(count))


def _fitted(coords: Sequence[Sequence[float]], side: float) -> list[tuple[float, float]]:
    """Scaled so the middle 99% of nodes fill the square: Fruchterman–Reingold pushes small
    components and isolated nodes far out, and scaling to them would shrink the rest to a dot.
    The outliers are drawn on the square's edge, in their direction."""
    xs, ys = sorted(c[0] for c in coords), sorted(c[1] for c in coords)
    cut = int(len(xs) * OUTLIERS)
    low_x, high_x, low_y, high_y = xs[cut], xs[-1 - cut], ys[cut], ys[-1 - cut]
    cx, cy = (high_x + low_x) / 2, (high_y + low_y) / 2
    span = max(high_x - low_x, high_y - low_y) or 1.0
    scale, half = side / span, side / 2
    return [
        (round(min(max((x - cx) * scale, -half), half), 1), round(min(max((y - cy) * scale, -half), half), 1))
        for x, y, *_ in coords
    ]
