"""The HTTP API (FastAPI): JSON under /api, health checks, problem-details errors."""
