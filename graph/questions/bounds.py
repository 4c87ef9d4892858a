"""The limits every question is asked within, defined once. The question models validate with
them, and the API's query parameters and the CLI's options are declared from the same names."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from graph.analytics.paths import MAX_K
from graph.store import MAX_COLLABORATORS, MAX_DEPTH, MAX_HOPS, MAX_LIMIT, MAX_NODES
from graph.store_results import ClusterMethod

RESOLUTION_MIN, RESOLUTION_MAX = 0.01, 100.0
PAGE_MAX = MAX_LIMIT  # one page of any list
OFFSET_MAX = MAX_COLLABORATORS
DEPTH_MAX = MAX_DEPTH
NODES_MAX = MAX_NODES  # one neighbourhood
HOPS_MAX = MAX_HOPS
PATHS_MAX = MAX_K  # alternatives, shortest first
BROKERS_MAX = 500
RECOMMENDATIONS_MAX = 100
FEED_MAX = 2_000  # events in one calendar feed
TEXT_MAX = 200  # a search text or an id
PERIOD_MAX = 40  # "YYYY-MM-DD:YYYY-MM-DD" and then some

Resolution = Annotated[
    float, Field(ge=RESOLUTION_MIN, le=RESOLUTION_MAX, description="Cluster resolution: higher, smaller clusters")
]
Method = Annotated[
    ClusterMethod,
    Field(description="louvain, or leiden: Louvain refined, never a badly connected cluster, at least as modular"),
]
Since = Annotated[dt.date | None, Field(description="Only evidence from this date on")]
Until = Annotated[dt.date | None, Field(description="Only evidence up to this date")]
