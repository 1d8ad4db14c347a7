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


def medians_ms(fns: dict, runs: int) -> dict[str, float]:
    """Median wall time of each of `fns` in ms, run in turns (after one warm-up round), so
    that a busy machine slows them alike and their ratios stay fair."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for round_ in range(runs + 1):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            if round_:
                times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def peak_mb(fn) -> float:
    """Peak Python memory allocated while `fn` runs, in MB."""
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def getter(client):
    """`get(target, params)` → a callable that fetches the page (consuming a stream)."""

    def get(target, params=None):
        def run():
            response = client.get(target, params or {}, secure=True)
            assert response.status_code == 200, (target, response.status_code)
            if hasattr(response, "streaming_content"):
                for _ in response.streaming_content:
                    pass
            return response

        return run

    return get


class Report:
    """Prints each figure beside its bare counterpart and remembers whether targets held."""

    def __init__(self, width: int = 34):
        self.width = width
        self.results: list[bool] = []

    def row(self, label, ours_ms, bare_ms, target_ratio, extra=""):
        ratio = ours_ms / bare_ms
        ok = ratio <= target_ratio
        self.results.append(ok)
        print(
            f"{label:{self.width}} {ours_ms:9.1f} ms  bare {bare_ms:9.1f} ms  "
            f"rasio {ratio:4.2f} (≤ {target_ratio}) {'OK' if ok else 'LEBIH'}{extra}"
        )
        return ok

    def summary(self) -> None:
        print(
            "\nSEMUA TARGET TERPENUHI" if all(self.results) else "\nADA TARGET YANG TIDAK TERPENUHI"
        )
