"""Benchmarks: synthetic data shaped like the domain, and the measurements run on it."""
