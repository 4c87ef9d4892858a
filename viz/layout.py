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
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = side / span
    return [(round((x - cx) * scale, 1), round((y - cy) * scale, 1)) for x, y in zip(xs, ys)]
