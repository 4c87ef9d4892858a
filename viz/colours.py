"""The colours of the views: distinct for neighbouring indexes, readable on white."""

from __future__ import annotations

from graph.model import ActorKind

GREY = "#b0b0b0"

# Kelly's and Glasbey's distinct colours, the ones that read on white (no near-white, no grey).
_DISTINCT = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#3b4cc0",
    "#f4a582",
    "#1b9e77",
    "#a6761d",
    "#e7298a",
    "#66a61e",
    "#7570b3",
    "#b2182b",
    "#01665e",
    "#dfc27d",
]
_KINDS = {kind: _DISTINCT[k % len(_DISTINCT)] for k, kind in enumerate(ActorKind)}


def distinct(rank: int) -> str:
    """The colour of the rank-th cluster or county: 19 apart, then again from the start."""
    return _DISTINCT[rank % len(_DISTINCT)]


def colour_for_kind(kind: str) -> str:
    return _KINDS.get(kind, GREY)  # type: ignore[call-overload]
