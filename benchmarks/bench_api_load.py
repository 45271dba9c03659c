"""Load test of ``khabar serve`` on loopback: concurrent clients on ``/api/events``.

Builds (or reuses) a SQLite database of ``--events`` synthetic events (default 100,000,
bulk-loaded through the store's tables by ``bench_ingest.build_query_db``), starts
``khabar serve`` on 127.0.0.1 on a free port in a child process, and runs ``--clients``
concurrent clients (default 200, each one keep-alive connection) that send a mix of
``/api/events`` queries (no filter, type, date range, actor, sorted, deep page) until
``--requests`` have been sent (default 4,000) or ``--time-limit`` seconds have passed
(default 120). Then it stops the server and prints the error count, p50/p95/p99 latency,
requests per second, and the CPU seconds the server (with its workers) and the load
generator used, so a rate capped by the generator shows as such.

The generator (``--client raw``, the default) speaks HTTP/1.1 over asyncio streams: one
request line, a ``Content-Length`` (or chunked) body read, the status checked, and every
response checked to be a JSON page (``{`` … ``"items":`` …; every ``--parse-every``-th one
fully parsed, and its ``items`` length checked against ``limit``). ``--client httpx`` is the
former generator (``httpx.AsyncClient``, every body parsed), kept to compare the two.
A request counts as an error on any status but 200, a body that is not a page, a timeout,
or a connection the server drops mid-answer (a keep-alive connection it closed while idle
is reopened and the request sent again, as HTTP clients do).

Loopback only, bounded in count and time, and it stops by itself.

``--baseline-src DIR`` first runs the same load (same generator, same query sequence)
against a server started from another source tree (e.g. an older checkout's ``src``),
then against this one, and prints the ratio of the two rates (measured in one run, on a
database of the same synthetic events and the same machine). ``--workers N`` starts this
tree's server with ``khabar serve --workers N``. The exit status is 1 when this tree's
server answered any request wrongly (the baseline's errors are printed, not judged).

Run: ``python benchmarks/bench_api_load.py [--events 100000] [--clients 200]
[--workers 2] [--baseline-src ../old/src] [--client raw|httpx]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

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


def request_paths(n: int, seed: int = 7) -> list[str]:
    """The ``n`` request paths of a run (the same sequence for every server)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        params = rng.choice(queries(rng))
        out.append("/api/events" + (f"?{urlencode(params)}" if params else ""))
    return out


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float | None = None
    reconnects: int = 0

    def error(self, key: str) -> None:
        self.errors[key] = self.errors.get(key, 0) + 1


def page_ok(body: bytes, path: str, parse: bool) -> bool:
    """Whether ``body`` is an ``EventPage`` (cheap check; full parse when ``parse``)."""
    if not (body.startswith(b"{") and body.rstrip().endswith(b"}") and b'"items":' in body):
        return False
    if not parse:
        return True
    page = json.loads(body)
    items = page.get("items")
    return isinstance(items, list) and len(items) <= int(page.get("limit", 0))


class Closed(Exception):
    """The server closed a keep-alive connection before answering (safe to resend)."""


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, whether the server keeps the connection open)."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if not exc.partial:
            raise Closed from None
        raise
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append(await reader.readexactly(size + 2))
            if size == 0:
                break
        body = b"".join(p[:-2] for p in parts)
    else:
        body = await reader.read()
    return status, body, headers.get("connection", "").lower() != "close"


async def run_raw(port: int, paths: list[str], clients: int, deadline: float, every: int) -> Tally:
    """``clients`` keep-alive connections sending ``paths`` in turn until the deadline."""
    tally = Tally()
    it = iter(enumerate(paths))
    host = f"{HOST}:{port}".encode()

    async def worker() -> None:
        reader = writer = None
        for i, path in it:
            if time.monotonic() > deadline:
                break
            msg = b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n"
            t0 = time.perf_counter()
            key = ""
            for attempt in range(2):
                try:
                    if writer is None:
                        reader, writer = await asyncio.open_connection(HOST, port, limit=2**24)
                    assert reader is not None
                    writer.write(msg)
                    status, body, keep = await asyncio.wait_for(_read_response(reader), 60)
                    if not keep:
                        writer.close()
                        reader = writer = None
                    if status != 200:
                        key = f"HTTP {status}"
                    elif not page_ok(body, path, i % every == 0):
                        key = "not a page"
                    break
                except Closed:
                    if writer is not None:
                        writer.close()
                    reader = writer = None
                    tally.reconnects += 1
                    if attempt == 1:
                        key = "connection closed"
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as e:
                    key = type(e).__name__
                    if writer is not None:
                        writer.close()
                    reader = writer = None
                    break
            tally.latencies.append(time.perf_counter() - t0)
            if key:
                tally.error(key)
        if writer is not None:
            writer.close()

    t_start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    tally.elapsed = time.perf_counter() - t_start
    return tally


async def run_httpx(port: int, paths: list[str], clients: int, deadline: float) -> Tally:
    """The former generator: ``httpx.AsyncClient`` with ``clients`` connections."""
    import httpx

    tally = Tally()
    it = iter(paths)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    base = f"http://{HOST}:{port}"
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:

        async def worker() -> None:
            for path in it:
                if time.monotonic() > deadline:
                    break
                t0 = time.perf_counter()
                try:
                    r = await client.get(path)
                    ok = r.status_code == 200 and "items" in r.json()
                    key = "" if ok else f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                tally.latencies.append(time.perf_counter() - t0)
                if key:
                    tally.error(key)

        t_start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        tally.elapsed = time.perf_counter() - t_start
    return tally


def _tree_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) of ``pid`` and its live descendants (Linux ``/proc``)."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    if pid not in stats:
        return None
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += stats[p][1]
        todo += [c for c, (ppid, _) in stats.items() if ppid == p]
    return total


def _wait_ready(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection((HOST, port), timeout=5) as s:
                s.sendall(f"GET /api/stats HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode())
                if s.recv(12).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise SystemExit("khabar serve did not start")
        time.sleep(0.2)


def serve_and_load(url: str, args: argparse.Namespace, src: str | None, workers: int) -> Tally:
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
    try:
        _wait_ready(port, server)
        if args.warmup:  # every worker opens its database and fills its caches once
            asyncio.run(run_raw(port, request_paths(args.warmup, 1), 8, time.monotonic() + 60, 1))
        paths = request_paths(args.requests)
        cpu0, own0 = _tree_cpu(server.pid), resource.getrusage(resource.RUSAGE_SELF)
        deadline = time.monotonic() + args.time_limit
        if args.client == "httpx":
            tally = asyncio.run(run_httpx(port, paths, args.clients, deadline))
        else:
            tally = asyncio.run(run_raw(port, paths, args.clients, deadline, args.parse_every))
        cpu1, own1 = _tree_cpu(server.pid), resource.getrusage(resource.RUSAGE_SELF)
        tally.client_cpu = own1.ru_utime + own1.ru_stime - own0.ru_utime - own0.ru_stime
        if cpu0 is not None and cpu1 is not None:
            tally.server_cpu = cpu1 - cpu0
        return tally
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if values else 0.0


def report(label: str, tally: Tally) -> float:
    lat, n, n_err = tally.latencies, len(tally.latencies), sum(tally.errors.values())
    rate = n / tally.elapsed if tally.elapsed else 0.0
    print(f"{label}")
    print(f"  requests: {n} in {tally.elapsed:.1f} s = {rate:.1f} req/s")
    print(f"  errors:   {n_err} {tally.errors if tally.errors else ''}".rstrip())
    print(
        f"  latency:  p50 {pct(lat, 50) * 1000:.0f} ms, p95 {pct(lat, 95) * 1000:.0f} ms, "
        f"p99 {pct(lat, 99) * 1000:.0f} ms, max {max(lat, default=0) * 1000:.0f} ms"
    )
    server = tally.server_cpu
    used = tally.client_cpu + (server or 0.0)
    share = f" ({tally.client_cpu / used:.0%} of the two)" if server and used else ""
    per = f", {server / n * 1000:.1f} ms per request" if server and n else ""
    print(
        f"  CPU:      server {server if server is not None else float('nan'):.1f} s{per}; "
        f"load generator {tally.client_cpu:.1f} s{share}; "
        f"wall {tally.elapsed:.1f} s on {os.cpu_count()} CPUs"
    )
    if tally.reconnects:
        print(f"  keep-alive connections the server closed (reopened): {tally.reconnects}")
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
    ap.add_argument("--client", choices=["raw", "httpx"], default="raw", help="load generator")
    ap.add_argument("--parse-every", type=int, default=10, help="fully parse every Nth body")
    ap.add_argument("--warmup", type=int, default=50, help="requests before measuring")
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
        f"\n/api/events on {args.events:,} events, {args.clients} concurrent clients "
        f"({args.client} generator), {os.cpu_count()} CPUs, loopback"
    )
    baseline = None
    if args.baseline_src:
        base_url = f"sqlite:///{args.db.with_suffix('.baseline.db')}"
        tally = serve_and_load(base_url, args, args.baseline_src, 1)
        baseline = report(f"baseline ({args.baseline_src}, 1 worker)", tally)
    tally = serve_and_load(url, args, None, args.workers)
    rate = report(f"this tree ({args.workers} worker(s))", tally)
    if baseline:
        print(f"  ratio:    {rate / baseline:.2f}x the baseline's requests/s")
    n_err = sum(tally.errors.values())  # the baseline's errors are reported above
    print("  zero errors (this tree): " + ("yes" if n_err == 0 else "NO"))
    if n_err:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
