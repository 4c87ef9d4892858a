"""A per-client sliding-window limit for open endpoints (story submissions), kept in memory:
one API process serves one store, so one process's count is the count."""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque


class RateLimit:
    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute, self.clock = per_minute, clock
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def wait(self, client: str) -> int:
        """0 when `client` may go on (and counts it), else the seconds until it may."""
        now = self.clock()
        with self._lock:
            seen = self._seen[client]
            while seen and seen[0] <= now - 60:
                seen.popleft()
            if len(seen) >= self.per_minute:
                return max(1, math.ceil(seen[0] + 60 - now))
            seen.append(now)
            if len(self._seen) > 10_000:  # forget clients that have gone quiet
                for quiet in [c for c, s in self._seen.items() if not s or s[-1] <= now - 60]:
                    del self._seen[quiet]
            return 0
