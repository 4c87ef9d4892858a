"""The sliding window of the story rate limit, on a clock the test moves."""

from __future__ import annotations

from api.ratelimit import RateLimit


def test_a_client_waits_until_its_oldest_request_leaves_the_minute() -> None:
    now = [0.0]
    limit = RateLimit(2, clock=lambda: now[0])
    assert (limit.wait("a"), limit.wait("a")) == (0, 0)
    now[0] = 10.0
    assert limit.wait("a") == 50 and limit.wait("b") == 0  # others are not held up
    now[0] = 60.0
    assert limit.wait("a") == 0
