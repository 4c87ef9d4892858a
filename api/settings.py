"""What the HTTP API is configured with, read once from the environment."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

from pydantic import BaseModel, Field, field_validator

from viz.view import LAYOUT_ABOVE, NODE_CAP


class Settings(BaseModel):
    read_key_required: bool = False  # SAMSPILL_READ_KEY_REQUIRED=1: reads need a key too
    cors_origins: list[str] = Field(default_factory=list)  # SAMSPILL_CORS_ORIGINS, comma-separated; none: CORS off
    max_body_bytes: int = 20 * 1024 * 1024  # SAMSPILL_MAX_BODY_BYTES: larger request bodies get 413 unread
    story_max_bytes: int = 50_000  # a submitted story, whole body
    stories_per_minute: int = 5  # per client address
    # SAMSPILL_STORE_TIMEOUT_S: a store read slower than this is stopped and answers 503. The
    # first clustering of a graph with millions of ties takes longer: raise it there.
    store_timeout_s: float = Field(default=30.0, gt=0)
    # SAMSPILL_VIEW_CAP: the explorer draws at most this many actors; more become clusters.
    view_cap: int = Field(default=NODE_CAP, ge=10, le=50_000)
    # SAMSPILL_LAYOUT_ABOVE: views with more nodes are laid out on the server, physics off.
    layout_above: int = Field(default=LAYOUT_ABOVE, ge=0)
    # SAMSPILL_RESPONSE_CACHE_MB: anonymous reads kept per store revision (0: none).
    response_cache_mb: int = Field(default=64, ge=0)
    # SAMSPILL_TRUSTED_PROXIES: addresses or networks (comma-separated) of reverse proxies whose
    # X-Forwarded-For names the client; none by default, so no client can choose its address.
    trusted_proxies: list[str] = Field(default_factory=list)

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            ipaddress.ip_network(entry, strict=False)  # ValueError names the bad entry
        return value

    @property
    def trusted_proxy_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [ipaddress.ip_network(entry, strict=False) for entry in self.trusted_proxies]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        if "SAMSPILL_READ_KEY_REQUIRED" in env:
            values["read_key_required"] = env["SAMSPILL_READ_KEY_REQUIRED"].strip().lower() in ("1", "true", "yes")
        if env.get("SAMSPILL_TRUSTED_PROXIES"):
            values["trusted_proxies"] = [p.strip() for p in env["SAMSPILL_TRUSTED_PROXIES"].split(",") if p.strip()]
        if env.get("SAMSPILL_CORS_ORIGINS"):
            values["cors_origins"] = [o.strip() for o in env["SAMSPILL_CORS_ORIGINS"].split(",") if o.strip()]
        for name, field in (
            ("SAMSPILL_MAX_BODY_BYTES", "max_body_bytes"),
            ("SAMSPILL_STORE_TIMEOUT_S", "store_timeout_s"),
            ("SAMSPILL_VIEW_CAP", "view_cap"),
            ("SAMSPILL_LAYOUT_ABOVE", "layout_above"),
            ("SAMSPILL_RESPONSE_CACHE_MB", "response_cache_mb"),
        ):
            if env.get(name):
                values[field] = env[name]
        return cls.model_validate(values)
