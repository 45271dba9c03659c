"""Load test of ``khabar serve`` on loopback: concurrent clients on ``/api/events``.

Builds (or reuses) a SQLite database of ``--events`` synthetic events (default 100,000,
bulk-loaded through the store's tables by ``bench_ingest.build_query_db``), starts
``khabar serve`` on 127.0.0.1 on a free port in a child process, and runs ``--clients``
concurrent clients (asyncio + httpx; default 200) that send a mix of ``/api/events``
queries (no filter, type, date range, actor, sorted, deep page) until ``--requests`` have
been sent (default 4,000) or ``--time-limit`` seconds have passed (default 120). Then it
stops the server and prints the error count, p50/p95/p99 latency and requests per second.

Loopback only, bounded in count and time, and it stops by itself.

``--baseline-src DIR`` first runs the same load against a server started from another
source tree (e.g. an older checkout's ``src``), then against this one, and prints the
ratio of the two rates (measured in one run, on the same database and machine).
``--workers N`` starts this tree's server with ``khabar serve --workers N``.

Run: ``python benchmarks/bench_api_load.py [--events 100000] [--clients 200]
[--workers 2] [--baseline-src ../main/src]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import build_query_db

from khabar.store import open_store

HOST = "127.0.0.1"  # never anything but loopback


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def ensure_db(path: Path, n_events: int) -> str:
    url = f"sqlite:///{path}"
    if path.exists():
        with open_store(url) as store:
            if store.count("events") == n_events:
                print(f"reusing {path} ({n_events:,} events)")
                return url
        path.unlink()
    t0 = time.perf_counter()
    build_query_db(url, n_events)
    print(f"built {path}: {n_events:,} events in {time.perf_counter() - t0:.0f} s")
    return url


def queries(rng: random.Random) -> list[dict[str, str | int]]:
    """A mix of what the UI and analysts ask for."""
    return [
        {},
        {"type": rng.choice(["ASSAULT", "PROTEST", "CONSULT", "ACCUSE"])},
        {"since": "2024-06-01", "until": "2024-06-30"},
        {"actor": f"Actor {rng.randrange(5000)}"},
        {"sort": "-date", "limit": 100},
        {"type": "PROTEST", "factuality": "negated", "sort": "-confidence"},
        {"offset": rng.randrange(0, 5000), "limit": 50},
    ]


async def run_clients(
    base: str, clients: int, total: int, time_limit: float, seed: int = 7
) -> tuple[list[float], dict[str, int], float]:
    rng = random.Random(seed)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent = 0
    deadline = time.monotonic() + time_limit
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(60.0)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:

        async def worker() -> None:
            nonlocal sent
            while sent < total and time.monotonic() < deadline:
                sent += 1
                params = rng.choice(queries(rng))
                t0 = time.perf_counter()
                try:
                    r = await client.get("/api/events", params=params)
                    ok = r.status_code == 200 and "items" in r.json()
                    key = "" if ok else f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                latencies.append(time.perf_counter() - t0)
                if key:
                    errors[key] = errors.get(key, 0) + 1

        t_start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - t_start
    return latencies, errors, elapsed


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if values else 0.0


def serve_and_load(
    url: str, args: argparse.Namespace, src: str | None, workers: int
) -> tuple[list[float], dict[str, int], float]:
    """Start ``khabar serve`` (from ``src`` when given), run the clients, stop it."""
    port = _free_port()
    khabar = Path(sys.executable).with_name("khabar")
    env = {**os.environ}
    if src:
        env["PYTHONPATH"] = src
    cmd = [str(khabar), "serve", "--db", url, "--host", HOST, "--port", str(port), "--no-extract"]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    server = subprocess.Popen(cmd, env=env)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("khabar serve did not start")
            time.sleep(0.2)
        return asyncio.run(run_clients(base, args.clients, args.requests, args.time_limit))
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def report(label: str, latencies: list[float], errors: dict[str, int], elapsed: float) -> float:
    n, n_err = len(latencies), sum(errors.values())
    rate = n / elapsed if elapsed else 0.0
    print(f"{label}")
    print(f"  requests: {n} in {elapsed:.1f} s = {rate:.1f} req/s")
    print(f"  errors:   {n_err} {errors if errors else ''}".rstrip())
    print(
        f"  latency:  p50 {pct(latencies, 50) * 1000:.0f} ms, "
        f"p95 {pct(latencies, 95) * 1000:.0f} ms, p99 {pct(latencies, 99) * 1000:.0f} ms, "
        f"max {max(latencies, default=0) * 1000:.0f} ms"
    )
    return rate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/khabar-bench-api.db"))
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--requests", type=int, default=4000, help="total requests (bound)")
    ap.add_argument("--time-limit", type=float, default=120.0, help="seconds (bound)")
    ap.add_argument("--workers", type=int, default=1, help="khabar serve --workers")
    ap.add_argument("--baseline-src", default=None, help="source tree of a baseline server")
    args = ap.parse_args()

    if args.baseline_src:  # the baseline's schema may be older: it builds its own copy
        base_db = args.db.with_suffix(".baseline.db")
        if not base_db.exists():
            code = (
                "import sys; sys.path.insert(0, sys.argv[1]); from bench_ingest import "
                "build_query_db; build_query_db(sys.argv[2], int(sys.argv[3]))"
            )
            here = str(Path(__file__).resolve().parent)
            env = {**os.environ, "PYTHONPATH": args.baseline_src}
            subprocess.run(
                [sys.executable, "-c", code, here, f"sqlite:///{base_db}", str(args.events)],
                env=env,
                check=True,
            )
    url = ensure_db(args.db, args.events)
    print(
        f"\n/api/events on {args.events:,} events, {args.clients} concurrent clients, "
        f"{os.cpu_count()} CPUs, loopback"
    )
    baseline = None
    if args.baseline_src:
        base_url = f"sqlite:///{args.db.with_suffix('.baseline.db')}"
        lat, err, elapsed = serve_and_load(base_url, args, args.baseline_src, 1)
        baseline = report(f"baseline ({args.baseline_src}, 1 worker)", lat, err, elapsed)
    lat, err, elapsed = serve_and_load(url, args, None, args.workers)
    rate = report(f"this tree ({args.workers} worker(s))", lat, err, elapsed)
    if baseline:
        print(f"  ratio:    {rate / baseline:.2f}x the baseline's requests/s")
    n_err = sum(err.values())
    print("  zero errors: " + ("yes" if n_err == 0 else "NO"))
    if n_err:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
