#!/usr/bin/env python3
"""The benchmark of issue 13, run by `scripts/dev bench` (which installs the tools, builds the release preset
with the micro-benchmarks and starts the test PostgreSQL first). Every measurement runs with its reference in
the same run, on this machine; the result is one table on stdout (what | figure | reference | ratio | goal |
met?) and the same rows as JSON. Progress goes to stderr. docs/performance.md describes the method.

Rows (--only takes these names):
  check    GET /api/v1/check, keep-alive, wrk -t1 -c64 --latency on core 1; the server on core 0 with one I/O
           thread, no log, no rate limit; vs nginx `return 200` with the same body, one worker on core 0
  memory   server RSS at ready with N seats minus RSS at ready with the same catalogue and no seats, / N
  start    process start to /readyz answering 200 with N seats loaded, SQLite and PostgreSQL
  writes   one-user POST .../assignments from 64 connections (each a new user), SQLite, PostgreSQL one node
           and two nodes; vs one durable commit per write on the same disk (bench/durable_commit_bench,
           pgbench with synchronous_commit=on)
  index    SeatIndex::check in process vs a SQLite point lookup (bench/check_index_bench's JSON)
  tokens   tokens issued and verified per second on one core (bench/token_bench)

Data is made with SQL on the real schema: `seatkeeper demo-seed` (the contoso publisher with the crm offer
and its premium plan), then N / SEATS_PER_TENANT tenants, each with a contoso.crm.premium pool and
SEATS_PER_TENANT seats, inserted with a recursive CTE (SQLite) or generate_series (PostgreSQL). Asserts
nothing: a goal not met is a row saying so; a step that fails stops the run with what failed.
"""

from __future__ import annotations

import argparse
import atexit
import base64
import http.client
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SEATS_PER_TENANT = 100
SERVICE = "contoso.crm.premium"
WRITE_TENANTS = 64  # tenants the write rows spread over: an assignment answers the pool's whole seat list
WRITE_QUOTA = 10_000_000  # each write pool's quantity: never the limit
CONNECTIONS = 64
READY_TIMEOUT = 600.0  # seconds a server may take to load 10 M seats before the run gives up
PG_BENCH_DB = "seatkeeper_bench"
SERVER_CORE, CLIENT_CORE = "0", "1"
PORT_BASE = 18600

processes: list[subprocess.Popen] = []
cleanups: list = []


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def fail(message: str) -> None:
    log(f"error: {message}")
    sys.exit(1)


def run(cmd: list[str], *, env: dict | None = None, input: str | None = None, timeout: float = 3600) -> str:
    """Runs cmd, returns its stdout; a failure stops the run naming the command and its stderr."""
    try:
        p = subprocess.run(cmd, input=input, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"{' '.join(cmd[:4])}… took longer than {timeout:.0f} s")
    if p.returncode != 0:
        fail(f"{' '.join(cmd)} exited with {p.returncode}: {p.stderr.strip()[-2000:]}")
    return p.stdout


def stop(p: subprocess.Popen) -> None:
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    if p in processes:
        processes.remove(p)


def cleanup() -> None:
    for p in list(processes):
        stop(p)
    for f in reversed(cleanups):
        try:
            f()
        except Exception as e:  # noqa: BLE001 - cleanup reports and goes on
            log(f"cleanup: {e}")


atexit.register(cleanup)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
signal.signal(signal.SIGINT, lambda *_: sys.exit(130))


# ---- the server ----------------------------------------------------------------------------------------------


class Server:
    """One `seatkeeper serve`, started now; ready() waits for /readyz and returns the seconds since start."""

    def __init__(self, bin_: Path, database: str, port: int, *, pin: str | None = None, threads: int | None = None,
                 env: dict | None = None):
        self.port = port
        e = dict(os.environ, **(env or {}))
        e.update(SEATKEEPER_LOG_LEVEL="off", SEATKEEPER_REQUESTS_PER_SECOND="0",
                 SEATKEEPER_RUNTIME_REQUESTS_PER_SECOND="0")
        if threads:
            e["SEATKEEPER_THREADS"] = str(threads)
        cmd = [str(bin_), "serve", "--database", database, "--listen", f"127.0.0.1:{port}"]
        if pin:
            cmd = ["taskset", "-c", pin] + cmd
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        processes.append(self.proc)

    def ready(self, timeout: float = READY_TIMEOUT) -> float:
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                fail(f"the server on port {self.port} exited with {self.proc.returncode}: "
                     f"{self.proc.stderr.read()[-2000:]}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/readyz")
                r = c.getresponse()
                r.read()
                c.close()
                if r.status == 200:
                    return time.monotonic() - self.started
            except OSError:
                pass
            time.sleep(0.01)
        fail(f"the server on port {self.port} was not ready within {timeout:.0f} s")
        return 0.0

    def rss_bytes(self) -> int:
        # taskset execs the server, so the pid is the server's.
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        kb = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1))
        return kb * 1024

    def stop(self) -> None:
        stop(self.proc)


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, body


# ---- data ----------------------------------------------------------------------------------------------------


def tenant_sql_id(expr: str, dialect: str) -> str:
    """The SQL of tenant i's id, a GUID-shaped text: 0000000i-0000-4000-8000-00000000000i (hex)."""
    if dialect == "sqlite":
        return f"printf('%08x-0000-4000-8000-%012x', {expr}, {expr})"
    return f"lpad(to_hex({expr}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex({expr}), 12, '0')"


def tenant_id(i: int) -> str:
    return f"{i:08x}-0000-4000-8000-{i:012x}"


def catalogue_sql(tenants: int, dialect: str) -> str:
    """Tenants 1..tenants, each with a contoso.crm.premium pool (quantity SEATS_PER_TENANT, none assigned) fed by
    one deal's licenses without a term (since issue 14 a pool counts only the licenses in force), and a verified
    domain t<i>.example; the first WRITE_TENANTS pools have room for the write rows."""
    tid = tenant_sql_id("i", dialect)
    if dialect == "sqlite":
        series = f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {tenants}) "
        src = "FROM n"
    else:
        series = ""
        src = f"FROM generate_series(1, {tenants}) AS n(i)"
    return f"""
{series}INSERT INTO tenants (id, name, created_at) SELECT {tid}, 'bench ' || i, 0 {src};
{series}INSERT INTO tenant_domains (domain, tenant_id, created_at) SELECT 't' || i || '.example', {tid}, 0 {src};
{series}INSERT INTO license_pools (tenant_id, service_id, publisher_id, offer_id, plan_id, quantity, assigned, updated_at)
    SELECT {tid}, '{SERVICE}', 'contoso', 'crm', 'premium',
           CASE WHEN i <= {WRITE_TENANTS} THEN {WRITE_QUOTA} ELSE {SEATS_PER_TENANT} END, 0, 0 {src};
{series}INSERT INTO deals (id, publisher_id, offer_id, customer_name, customer_domain, contact_email, plan_ids, seats,
                   value_cents, currency, close_date, state, tenant_id, created_by, created_at, updated_at)
    SELECT 'deal_bench_' || i, 'contoso', 'crm', 'bench ' || i, 't' || i || '.example', 'admin@t' || i || '.example',
           '["premium"]', 0, 0, 'USD', '2026-01-01', 'won', {tid}, 'bench', 0, 0 {src};
{series}INSERT INTO licenses (deal_id, plan_id, publisher_id, offer_id, tenant_id, service_id, quantity, active,
                      created_at, updated_at)
    SELECT 'deal_bench_' || i, 'premium', 'contoso', 'crm', {tid}, '{SERVICE}',
           CASE WHEN i <= {WRITE_TENANTS} THEN {WRITE_QUOTA} ELSE {SEATS_PER_TENANT} END, 1, 0, 0 {src};
"""


def seats_sql(tenants: int, dialect: str) -> str:
    """SEATS_PER_TENANT seats for each of tenants 1..tenants: u<j>@t<i>.example, in primary-key order."""
    tid = tenant_sql_id("i", dialect)
    if dialect == "sqlite":
        head = (f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {tenants}), "
                f"u(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM u WHERE j < {SEATS_PER_TENANT}) ")
        src = "FROM n, u"
    else:
        head = ""
        src = f"FROM generate_series(1, {tenants}) AS n(i), generate_series(1, {SEATS_PER_TENANT}) AS u(j)"
    return f"""
{head}INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, assigned_at, seq)
    SELECT {tid}, '{SERVICE}', 'u' || j || '@t' || i || '.example', NULL, 'bench', 0, j {src};
UPDATE license_pools SET assigned = {SEATS_PER_TENANT} WHERE publisher_id = 'contoso' AND tenant_id IN
    (SELECT id FROM tenants WHERE name LIKE 'bench %');
"""


# PostgreSQL checks a foreign key and updates two indexes row by row (1 M seats took 80 s): the load drops the
# seats' key, index and foreign key and makes them again afterwards, as 003_customers.sql defines them, in bulk.
PG_SEATS_BEFORE = """
SET LOCAL maintenance_work_mem = '1GB';
ALTER TABLE seats DROP CONSTRAINT seats_tenant_id_service_id_fkey;
DROP INDEX seats_order;
ALTER TABLE seats DROP CONSTRAINT seats_pkey;
"""
PG_SEATS_AFTER = """
ALTER TABLE seats ADD CONSTRAINT seats_pkey PRIMARY KEY (tenant_id, service_id, upn);
CREATE INDEX seats_order ON seats (tenant_id, service_id, seq);
ALTER TABLE seats ADD CONSTRAINT seats_tenant_id_service_id_fkey FOREIGN KEY (tenant_id, service_id)
    REFERENCES license_pools (tenant_id, service_id);
"""


class Data:
    """Prepared databases, made once per run and shared by the rows."""

    def __init__(self, args, work: Path):
        self.args = args
        self.work = work
        self.bin = args.bin / "seatkeeper"
        self.pg_url = os.environ.get("SEATKEEPER_TEST_POSTGRES_URL", "")
        self.pg_env = dict(os.environ, SEATKEEPER_MASTER_KEY=base64.b64encode(os.urandom(32)).decode())
        self.pg_loaded: int | None = None

    def sqlite_dirs(self, seats: int) -> tuple[Path, Path]:
        """(no seats, seats) database directories for `seats` seats; made when missing."""
        base, full = self.work / f"sqlite-{seats}-base", self.work / f"sqlite-{seats}-seats"
        if (full / "sk.db").exists():
            return base, full
        tenants = max(seats // SEATS_PER_TENANT, WRITE_TENANTS)
        log(f"SQLite: {tenants} tenants, {seats} seats (demo-seed, then SQL)")
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(full, ignore_errors=True)
        base.mkdir(parents=True)
        run([str(self.bin), "demo-seed", "--database", f"sqlite:{base / 'sk.db'}"])
        pragmas = "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;\n"
        run(["sqlite3", str(base / "sk.db")], input=pragmas + "BEGIN;" + catalogue_sql(tenants, "sqlite") + "COMMIT;")
        shutil.copytree(base, full)
        run(["sqlite3", str(full / "sk.db")], input=pragmas + "BEGIN;" + seats_sql(tenants, "sqlite") + "COMMIT;",
            timeout=3600)
        return base, full

    # PostgreSQL: one database, seatkeeper_bench, remade for each size.
    def pg_database_url(self) -> str:
        parts = urlsplit(self.pg_url)
        return urlunsplit(parts._replace(path=f"/{PG_BENCH_DB}"))

    def psql(self, url: str, sql: str, timeout: float = 3600) -> str:
        return run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", url], input=sql, timeout=timeout)

    def drop_pg(self) -> None:
        if self.pg_url:
            self.psql(self.pg_url, f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE);")

    def pg(self, seats: int) -> str:
        """The URL of seatkeeper_bench holding `seats` seats (remade unless it holds that many)."""
        if self.pg_loaded == seats:
            return self.pg_database_url()
        tenants = max(seats // SEATS_PER_TENANT, WRITE_TENANTS)
        log(f"PostgreSQL: {tenants} tenants, {seats} seats (demo-seed, then SQL)")
        self.drop_pg()
        if not cleanups or cleanups[-1] != self.drop_pg:
            cleanups.append(self.drop_pg)
        self.psql(self.pg_url, f"CREATE DATABASE {PG_BENCH_DB};")
        url = self.pg_database_url()
        # Acknowledged writes wait for the disk here, whatever the test role's default says.
        self.psql(url, f"ALTER ROLE CURRENT_USER IN DATABASE {PG_BENCH_DB} SET synchronous_commit = on;")
        run([str(self.bin), "demo-seed", "--database", url], env=self.pg_env)
        self.psql(url, "BEGIN;" + catalogue_sql(tenants, "pg") + PG_SEATS_BEFORE + seats_sql(tenants, "pg") +
                  PG_SEATS_AFTER + "COMMIT; ANALYZE seats; ANALYZE license_pools; ANALYZE tenants;")
        self.pg_loaded = seats
        return url


# ---- tools ---------------------------------------------------------------------------------------------------


def wrk(url: str, seconds: int, *, connections: int = CONNECTIONS, script: Path | None = None,
        headers: list[str] = (), pin: str | None = CLIENT_CORE) -> dict:
    """wrk -t1 -c<connections> --latency; req/s, p99 in ms, errors (non-2xx and socket errors)."""
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", str(script)]
    cmd.append(url)
    if pin:
        cmd = ["taskset", "-c", pin] + cmd
    out = run(cmd, timeout=seconds + 120)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", out, re.M)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)] if p99 else None
    errors = sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", out))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if sock:
        errors += sum(int(x) for x in sock.groups())
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p99_ms": p99_ms, "errors": errors, "requests": total}


def gbench(binary: Path, *, filter_: str | None = None, min_time: float, pin: str | None = None,
           env: dict | None = None, timeout: float = 3600) -> list[dict]:
    """Runs a Google Benchmark binary; its JSON benchmarks list."""
    out_file = binary.parent / f"{binary.name}.json"
    cmd = [str(binary), f"--benchmark_min_time={min_time}", f"--benchmark_out={out_file}",
           "--benchmark_out_format=json", "--benchmark_format=console"]
    if filter_:
        cmd.append(f"--benchmark_filter={filter_}")
    if pin:
        cmd = ["taskset", "-c", pin] + cmd
    run(cmd, env=dict(os.environ, **(env or {})), timeout=timeout)
    return json.loads(out_file.read_text())["benchmarks"]


def per_second(b: dict, clock: str = "real_time") -> float:
    """Iterations per second of wall time, or with clock="cpu_time" per second of the core's time: on a shared
    machine the thread is not always on its core, and "per core" is what the single-threaded rows mean."""
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
    items = 1.0  # per iteration; items_per_second is over real time with UseRealTime (a "/real_time" name)
    if "items_per_second" in b:
        rate_clock = "real_time" if "/real_time" in b["name"] else "cpu_time"
        items = float(b["items_per_second"]) * float(b[rate_clock]) * scale
    return items / (float(b[clock]) * scale)


# ---- the rows ------------------------------------------------------------------------------------------------


class Table:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, row: str, what: str, figure, unit: str, reference=None, ratio=None, goal: str = "",
            met: bool | None = None, **extra) -> None:
        r = {"row": row, "what": what, "figure": figure, "unit": unit, "reference": reference, "ratio": ratio,
             "goal": goal, "met": met, **extra}
        self.rows.append(r)
        log(f"{what}: {fmt(figure)} {unit}" + (f" | ref {fmt(reference)} | ratio {fmt(ratio)}" if reference else ""))


def fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, str):
        return v
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def row_check(args, data: Data, table: Table) -> None:
    seats = args.sizes[min(1, len(args.sizes) - 1)]
    _, full = data.sqlite_dirs(seats)
    db = f"sqlite:{full / 'sk.db'}"
    key = run([str(data.bin), "admin", "create-api-key", "--database", db, "--publisher", "contoso", "--role",
               "app", "--name", "bench"]).strip()
    port = PORT_BASE
    server = Server(data.bin, db, port, pin=SERVER_CORE, threads=1)
    server.ready()
    path = f"/api/v1/check?tenant={tenant_id(7)}&user=u7@t7.example&service_id={SERVICE}"
    auth = f"Authorization: Bearer {key}"
    status, answer = get(port, path, {"Authorization": f"Bearer {key}"})
    if status != 200 or b'"licensed"' not in answer:
        fail(f"GET {path}: {status} {answer[:300]!r}")
    www = data.work / "www"
    www.mkdir(exist_ok=True)
    conf = data.work / "nginx.conf"
    body = answer.decode().replace("\\", "\\\\").replace("'", "\\'")
    conf.write_text(f"""worker_processes 1;
daemon off;
error_log {data.work}/nginx.err;
pid {data.work}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    server {{
        listen 127.0.0.1:{port + 1};
        location = /check {{ default_type application/json; return 200 '{body}'; }}
    }}
}}
""")
    nginx = subprocess.Popen(["taskset", "-c", SERVER_CORE, "nginx", "-c", str(conf), "-p", str(data.work)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    processes.append(nginx)
    for _ in range(100):
        try:
            if get(port + 1, "/check")[1] == answer:
                break
        except OSError:
            pass
        time.sleep(0.05)
    else:
        stop(nginx)
        fail(f"nginx did not answer the check body on port {port + 1}: {nginx.stderr.read()[-1000:]}")
    url = f"http://127.0.0.1:{port}{path}"
    ref_url = f"http://127.0.0.1:{port + 1}/check"
    log(f"check: wrk -t1 -c{CONNECTIONS} {args.seconds} s each, seatkeeper then nginx ({seats} seats loaded)")
    wrk(url, 1, headers=[auth])  # warm-up: the key's first use goes to a worker once
    sk = wrk(url, args.seconds, headers=[auth])
    wrk(ref_url, 1)
    ng = wrk(ref_url, args.seconds)
    stop(nginx)
    server.stop()
    ratio = sk["rps"] / ng["rps"]
    table.add("check", "GET /api/v1/check keep-alive, 64 conn, 1 core: req/s", sk["rps"], "req/s", ng["rps"],
              ratio, "≥ 0.9× nginx", ratio >= 0.9, errors=sk["errors"], reference_name="nginx return 200",
              seats=seats)
    table.add("check", "  p99 latency (seatkeeper vs nginx)", sk["p99_ms"], "ms", ng["p99_ms"],
              sk["p99_ms"] / ng["p99_ms"] if sk["p99_ms"] and ng["p99_ms"] else None, "reported")


def add_start(table: Table, backend: str, seats: int, seconds: float, **extra) -> None:
    """A start row; from 1 M seats on, with the time scaled linearly to 10 M (below, the fixed cost of a
    start dominates and the goal is not judged)."""
    per10m = seconds * 10_000_000 / seats
    scaled = seats >= 1_000_000
    what = f"cold start to ready, {backend}, {seats:,} seats"
    if scaled and seats != 10_000_000:
        what += f" (≈ {per10m:.0f} s per 10 M)"
    table.add("start", what, seconds, "s", goal="≤ 10 s per 10 M", met=per10m <= 10 if scaled else None,
              per_10m_seats=per10m if scaled else None, seats=seats, **extra)


def row_memory_and_start(args, data: Data, table: Table, only: set[str]) -> None:
    port = PORT_BASE + 10
    for seats in args.sizes:
        base, full = data.sqlite_dirs(seats)
        rss = {}
        ready = {}
        for name, d in (("base", base), ("seats", full)):
            server = Server(data.bin, f"sqlite:{d / 'sk.db'}", port, pin=SERVER_CORE)
            ready[name] = server.ready()
            rss[name] = server.rss_bytes()
            server.stop()
        per_seat = (rss["seats"] - rss["base"]) / seats
        log(f"SQLite {seats} seats: ready in {ready['seats']:.2f} s (no seats: {ready['base']:.2f} s), "
            f"RSS {rss['seats'] / 2**20:.0f} MiB (no seats: {rss['base'] / 2**20:.0f} MiB)")
        if "memory" in only and seats >= 1_000_000:
            table.add("memory", f"index memory per seat, {seats:,} seats (RSS growth / seats)", per_seat, "B",
                      goal="≤ 64 B", met=per_seat <= 64, rss_seats=rss["seats"], rss_base=rss["base"], seats=seats)
        if "start" in only:
            add_start(table, "SQLite", seats, ready["seats"], no_seats_s=ready["base"], rss=rss["seats"])
    if "start" in only and data.pg_url:
        for seats in args.sizes:
            url = data.pg(seats)
            server = Server(data.bin, url, port, pin=SERVER_CORE, env={"SEATKEEPER_MASTER_KEY":
                                                                        data.pg_env["SEATKEEPER_MASTER_KEY"]})
            t = server.ready()
            rss = server.rss_bytes()
            server.stop()
            add_start(table, "PostgreSQL", seats, t, rss=rss)
    elif "start" in only:
        log("no SEATKEEPER_TEST_POSTGRES_URL: the PostgreSQL start rows are left out")


WRITE_LUA = """-- One new user per request, spread over the write tenants, each with its own tenant API key. `Prefer:
-- return=minimal` asks for the named seat only, not the pool's whole list, which grows with every request.
local keys = {%(keys)s}
local prefix = "%(prefix)s"
local n = 0
request = function()
    n = n + 1
    local t = (n %% #keys) + 1
    local body = '{"users":["' .. prefix .. n .. '@t' .. t .. '.example"]}'
    return wrk.format("POST", "/api/v1/tenant/licenses/%(service)s/assignments",
        {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. keys[t],
         ["Prefer"] = "return=minimal"}, body)
end
"""


def tenant_keys(data: Data, db: str, env: dict | None = None) -> list[str]:
    return [run([str(data.bin), "admin", "create-api-key", "--database", db, "--tenant", tenant_id(t), "--role",
                 "license_admin", "--name", "bench"], env=env).strip() for t in range(1, WRITE_TENANTS + 1)]


def write_script(data: Data, keys: list[str], prefix: str) -> Path:
    path = data.work / f"write-{prefix}.lua"
    path.write_text(WRITE_LUA % {"keys": ", ".join(f'"{k}"' for k in keys), "prefix": prefix, "service": SERVICE})
    return path


def write_load(data: Data, servers: list[Server], keys: list[str], seconds: int, tag: str) -> dict:
    """64 connections over the servers (64 / len(servers) each, wrk processes at once); total req/s."""
    per = CONNECTIONS // len(servers)
    runs = []
    for i, s in enumerate(servers):
        script = write_script(data, keys, f"{tag}n{i}u")
        cmd = ["wrk", "-t1", f"-c{per}", f"-d{seconds}s", "--latency", "-s", str(script),
               f"http://127.0.0.1:{s.port}"]
        runs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        processes.append(runs[-1])
    total = {"rps": 0.0, "errors": 0, "requests": 0, "p99_ms": 0.0}
    for p in runs:
        out, err = p.communicate(timeout=seconds + 120)
        processes.remove(p)
        if p.returncode != 0:
            fail(f"wrk exited with {p.returncode}: {err}")
        total["rps"] += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        total["requests"] += int(re.search(r"(\d+) requests in", out).group(1))
        total["errors"] += sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", out))
        m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", out, re.M)
        if m:
            total["p99_ms"] = max(total["p99_ms"], float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)])
    if total["errors"] > total["requests"] * 0.01:
        fail(f"{tag}: {total['errors']} of {total['requests']} assignments failed")
    return total


def check_one_write(port: int, key: str) -> None:
    body = json.dumps({"users": ["probe@t1.example"]}).encode()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", f"/api/v1/tenant/licenses/{SERVICE}/assignments", body,
              {"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    r = c.getresponse()
    answer = r.read()
    c.close()
    if r.status != 200:
        fail(f"a one-user assignment answered {r.status}: {answer[:300]!r}")


def row_writes(args, data: Data, table: Table) -> None:
    secs = args.seconds
    port = PORT_BASE + 20
    # SQLite: the smallest catalogue, copied so the rows after see the data unchanged.
    _, full = data.sqlite_dirs(args.sizes[0])
    wdir = data.work / "sqlite-writes"
    shutil.rmtree(wdir, ignore_errors=True)
    shutil.copytree(full, wdir)
    db = f"sqlite:{wdir / 'sk.db'}"
    keys = tenant_keys(data, db)
    # The disk's flush time drifts on a shared machine, so each reference runs just before and just after its
    # write runs, and the row compares with their mean.
    def sqlite_reference() -> tuple[float, float]:
        log(f"writes: durable commit reference (SQLite WAL, synchronous=FULL) in {wdir}")
        ref = gbench(args.bin / "bench" / "durable_commit_bench", min_time=min(secs, 5), filter_="DurableCommit",
                     env={"SEATKEEPER_BENCH_DIR": str(wdir)})
        return (next(per_second(b) for b in ref if b["name"].startswith("DurableCommitFull")),
                next(per_second(b) for b in ref if b["name"].startswith("DurableCommitNormal")))

    before = sqlite_reference()
    server = Server(data.bin, db, port)
    server.ready()
    check_one_write(port, keys[0])
    log(f"writes: SQLite, {CONNECTIONS} connections, {secs} s")
    w = write_load(data, [server], keys, secs, "sq")
    server.stop()
    after = sqlite_reference()
    full_ref = (before[0] + after[0]) / 2
    ratio = w["rps"] / full_ref
    table.add("writes", "one-user assignments, 64 clients, SQLite: writes/s", w["rps"], "writes/s", full_ref, ratio,
              "≥ 3× durable commit", ratio >= 3, p99_ms=w["p99_ms"], errors=w["errors"],
              reference_name="SQLite WAL synchronous=FULL, one commit per write (mean of before and after)",
              reference_before=before[0], reference_after=after[0],
              sqlite_normal_commits_per_s=(before[1] + after[1]) / 2)
    if not data.pg_url:
        log("no SEATKEEPER_TEST_POSTGRES_URL: the PostgreSQL write rows are left out")
        return
    url = data.pg(args.sizes[0])
    env = {"SEATKEEPER_MASTER_KEY": data.pg_env["SEATKEEPER_MASTER_KEY"]}
    data.psql(url, "CREATE TABLE IF NOT EXISTS bench_commit (id BIGSERIAL PRIMARY KEY, upn TEXT NOT NULL, "
                   "at BIGINT NOT NULL);")
    sync = data.psql(url, "SHOW synchronous_commit;").strip()
    script = data.work / "pg-commit.sql"
    script.write_text("INSERT INTO bench_commit (upn, at) VALUES ('u' || :client_id || '-' || random(), 0);\n")
    def pg_reference() -> float:
        log(f"writes: PostgreSQL reference, pgbench -c1, one INSERT per transaction, synchronous_commit={sync}")
        out = run(["pgbench", "-n", "-c1", "-j1", f"-T{secs}", "-f", str(script), url], timeout=secs + 120)
        return float(re.search(r"tps = ([\d.]+)", out).group(1))

    pg_keys = tenant_keys(data, url, dict(os.environ, **env))
    pg_before = pg_reference()
    measured = []
    for nodes in (1, 2):
        servers = [Server(data.bin, url, port + i, env=env) for i in range(nodes)]
        for s in servers:
            s.ready()
        if nodes == 1:
            check_one_write(port, pg_keys[0])
        log(f"writes: PostgreSQL, {nodes} node(s), {CONNECTIONS // nodes} connections each, {secs} s")
        w = write_load(data, servers, pg_keys, secs, f"pg{nodes}")
        for s in servers:
            s.stop()
        measured.append((nodes, w))
    pg_after = pg_reference()
    pg_ref = (pg_before + pg_after) / 2
    for nodes, w in measured:
        ratio = w["rps"] / pg_ref
        table.add("writes", f"one-user assignments, 64 clients, PostgreSQL, {nodes} node{'s' if nodes > 1 else ''}",
                  w["rps"], "writes/s", pg_ref, ratio, "≥ 3× durable commit", ratio >= 3, p99_ms=w["p99_ms"],
                  errors=w["errors"], nodes=nodes, reference_before=pg_before, reference_after=pg_after,
                  reference_name=f"pgbench 1 client, synchronous_commit={sync} (mean of before and after)")


def row_index(args, data: Data, table: Table) -> None:
    binary = args.bin / "bench" / "check_index_bench"
    sizes = "|".join(str(s) for s in args.sizes)
    log(f"index: {binary.name} (seats {sizes.replace('|', ', ')}), pinned to core {CLIENT_CORE}")
    results = gbench(binary, min_time=0.5 if args.quick else 2, pin=CLIENT_CORE,
                     filter_=f"(seats:({sizes})(/|$))|BM_Check/answer:0/", timeout=3600)
    by = {}
    for b in results:
        m = re.match(r"(SeatIndexCheck|SqlitePointLookup|SeatIndexLoad)/seats:(\d+)", b["name"])
        if m and (m.group(1), int(m.group(2))) not in by:
            by[(m.group(1), int(m.group(2)))] = b
    if not by:
        # check_index_bench before issue 13: BM_Check over 1000 tenants x 50 seats, no SQLite reference.
        old = next((b for b in results if b["name"].startswith("BM_Check/answer:0") and "threads:1" in b["name"]),
                   None)
        if old:
            table.add("index", "SeatIndex::check in process, 50,000 seats (old bench, no SQLite reference)",
                      per_second(old, "cpu_time"), "checks/s", goal="≥ 10 M/s and ≥ 40× SQLite",
                      met=per_second(old, "cpu_time") >= 10e6)
        return
    checks = {}
    for seats in args.sizes:
        c, s = by.get(("SeatIndexCheck", seats)), by.get(("SqlitePointLookup", seats))
        if not c:
            continue
        checks[seats] = per_second(c, "cpu_time")
        ref = per_second(s, "cpu_time") if s else None
        ratio = checks[seats] / ref if ref else None
        table.add("index", f"SeatIndex::check in process, {seats:,} seats", checks[seats], "checks/s", ref, ratio,
                  "≥ 10 M/s and ≥ 40× SQLite", checks[seats] >= 10e6 and (ratio or 0) >= 40,
                  reference_name="SQLite prepared point lookup", seats=seats)
        load = by.get(("SeatIndexLoad", seats))
        if load and "bytes_per_seat" in load:
            table.add("index", f"  index bytes per seat (in process), {seats:,} seats", float(load["bytes_per_seat"]),
                      "B", goal="≤ 64 B", met=float(load["bytes_per_seat"]) <= 64, seats=seats)
    if len(checks) >= 2:
        lo, hi = min(checks), max(checks)
        flat = checks[hi] / checks[lo]
        table.add("index", f"  flatness: checks/s at {hi:,} / at {lo:,} seats", flat, "×", goal="flat (≈ 1)",
                  met=flat >= 0.5)


def row_tokens(args, data: Data, table: Table) -> None:
    log(f"tokens: token_bench pinned to core {CLIENT_CORE}")
    results = gbench(args.bin / "bench" / "token_bench", min_time=0.5 if args.quick else 2, pin=CLIENT_CORE)
    for b in results:
        what = {"TokenIssue": "tokens issued per second, one core (KeyRing::sign, EdDSA)",
                "TokenVerify": "tokens verified per second, one core (verify_jwt)"}.get(b["name"].split("/")[0])
        if what:
            table.add("tokens", what, per_second(b, "cpu_time"), "tokens/s", goal="reported",
                      wall_clock_per_s=per_second(b))


# ---- main ----------------------------------------------------------------------------------------------------

ROWS = ("check", "memory", "start", "writes", "index", "tokens")


def print_table(rows: list[dict], out: Path | None, markdown: bool = False) -> None:
    head = ("what", "figure", "reference", "ratio", "goal", "met?")
    lines = [(r["what"], f"{fmt(r['figure'])} {r['unit']}",
              fmt(r["reference"]) + (f" {r['unit']}" if r["reference"] is not None else ""),
              f"{fmt(r['ratio'])}×" if r["ratio"] is not None else "–", r["goal"] or "–",
              {True: "yes", False: "NO", None: "–"}[r["met"]]) for r in rows]
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for line in lines:
            print("| " + " | ".join(c.strip().replace("|", "\\|") for c in line) + " |")
        return
    widths = [max(len(x[i]) for x in [head] + lines) for i in range(len(head))]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("-+-".join("-" * w for w in widths))
    for line in lines:
        print(" | ".join(c.ljust(w) for c, w in zip(line, widths)))
    if out:
        print(f"\n(JSON: {out})")


def main() -> None:
    ap = argparse.ArgumentParser(prog="scripts/dev bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10 k and 1 M seats only, short runs")
    ap.add_argument("--seconds", type=int, help="seconds per load run (default 10, --quick 3)")
    ap.add_argument("--only", action="append", choices=ROWS, help="run only this row (repeatable)")
    ap.add_argument("--bin", type=Path, default=ROOT / "build" / "release", help="the release build directory")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "results.json")
    ap.add_argument("--markdown", type=Path, metavar="RESULTS_JSON",
                    help="print the table of a results file as Markdown (for docs/performance.md) and exit")
    args = ap.parse_args()
    if args.markdown:
        print_table(json.loads(args.markdown.read_text())["rows"], None, markdown=True)
        return
    args.out, args.bin = args.out.resolve(), args.bin.resolve()
    args.seconds = args.seconds or (3 if args.quick else 10)
    args.sizes = [10_000, 1_000_000] if args.quick else [10_000, 1_000_000, 10_000_000]
    only = set(args.only or ROWS)
    for tool in ("wrk", "nginx", "sqlite3", "taskset", "psql", "pgbench"):
        if not shutil.which(tool):
            fail(f"{tool} is not on PATH (scripts/dev bench installs it)")
    if not (args.bin / "seatkeeper").exists():
        fail(f"no {args.bin / 'seatkeeper'}: build the release preset first (scripts/dev bench does)")
    work = args.out.parent / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    data = Data(args, work)
    table = Table()
    started = time.time()
    load_before = os.getloadavg()
    if "check" in only:
        row_check(args, data, table)
    if only & {"memory", "start"}:
        row_memory_and_start(args, data, table, only)
    if "writes" in only:
        row_writes(args, data, table)
    if "index" in only:
        row_index(args, data, table)
    if "tokens" in only:
        row_tokens(args, data, table)
    table.rows.sort(key=lambda r: ROWS.index(r["row"]))  # grouped by row, in the order of ROWS (stable)
    result = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds_total": round(time.time() - started, 1),
        "commit": subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                 text=True).stdout.strip(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
                    "cpu": next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                                 .splitlines() if line.startswith("model name")), "")},
        "options": {"quick": args.quick, "seconds": args.seconds, "sizes": args.sizes, "only": sorted(only),
                    "seats_per_tenant": SEATS_PER_TENANT, "connections": CONNECTIONS},
        "rows": table.rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    data.drop_pg()
    shutil.rmtree(work, ignore_errors=True)
    print_table(table.rows, args.out)


if __name__ == "__main__":
    main()
