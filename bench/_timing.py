"""Timing and memory helpers shared by the bench scripts (not a benchmark itself)."""

import statistics
import time
import tracemalloc


def median_ms(fn, runs: int) -> float:
    """Median wall time of `fn` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def peak_mb(fn) -> float:
    """Peak Python memory allocated while `fn` runs, in MB."""
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024
