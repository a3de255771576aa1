"""`make bench`: build a realistic data set, serve it with gunicorn in production settings on
127.0.0.1, load every main page from a second process, and report requests per second, p50 and
p99 latency, SQL queries per request and each page's rate as a share of the ceiling: a bare
Django "hello" view (bench/hello.py, no middleware), served by the same gunicorn in the same
run. /healthz is measured too, through the whole middleware. Writes bench/results/<scale>.md
and .json.

`make bench-smoke` (`--scale smoke`) builds two small data sets and fails if any page makes more
queries with more data; its timings are reported, not asserted.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCALES = {
    # name: (questions, answers, doctors, reviews, photos)
    "smoke": (1_000, 4_000, 50, 2_000, 500),
    "default": (10_000, 40_000, 500, 20_000, 5_000),
    "large": (1_000_000, 4_000_000, 5_000, 200_000, 500_000),
}
SMOKE_SMALL = (200, 800, 50, 500, 100)  # smoke's first data set, to compare query counts
# What the pages should reach, as shares of the bare hello view: (what, pages, share). None
# names every anonymous page but /healthz (the cached ones).
TARGETS = [
    ("signed-in pages", ["question page, patient", "home, patient", "doctor dashboard"], 0.15),
    ("cached anonymous pages", None, 0.85),
    ("/healthz through the whole middleware", ["healthz"], 0.9),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="default")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="A scratch database it may drop and fill (default: PostgreSQL's docanswers_bench "
        "on 127.0.0.1, or a SQLite file for --scale smoke).",
    )
    parser.add_argument("--duration", type=float, default=10, help="Seconds of load per page.")
    parser.add_argument("--warmup", type=float, default=2, help="Seconds of warm-up per page.")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--workers",
        type=int,
        default=(os.cpu_count() or 1) + 1,
        help="gunicorn worker processes (default: cores + 1).",
    )
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--reuse", action="store_true", help="Keep the data of the last run.")
    parser.add_argument(
        "--go-on", action="store_true", help="Finish a build that was cut off, then load."
    )
    parser.add_argument(
        "--page",
        action="append",
        dest="pages",
        help="Load only this page (its name in the table; again for more) and the hello view, "
        "on --reuse's data, and print them: bench/results is left as it is.",
    )
    args = parser.parse_args()
    if args.pages:
        args.reuse = True
    if args.scale == "smoke" and args.duration == 10:
        args.duration, args.warmup = 2, 0.5

    work = ROOT / "bench" / ".work"
    work.mkdir(parents=True, exist_ok=True)
    url = args.database_url or default_database(args.scale, work)
    env = base_env(url, work)

    manage(env, "collectstatic", "--noinput", "--verbosity=0", quiet=True)
    if not args.reuse:
        build(url, env, SCALES[args.scale], go_on=args.go_on)
    elif url.startswith("postgres"):
        # As autovacuum would in time: statistics and visibility maps fresh after migrations.
        manage(env, "migrate", "--noinput", quiet=True)
        subprocess.run(["psql", url, "-q", "-c", "VACUUM ANALYZE"], check=True)
    plans = ROOT / "bench" / "results" / f"{args.scale}-plans.txt"
    pages = query_counts(
        env, explain=plans if url.startswith("postgres") and not args.pages else None
    )
    growth = {}
    if args.scale == "smoke":
        small_url = default_database("smoke-small", work)
        small_env = base_env(small_url, work / "small")
        build(small_url, small_env, SMOKE_SMALL)
        smaller = query_counts(small_env)
        growth = {
            name: (smaller[name]["queries"], page["queries"])
            for name, page in pages.items()
            if page["queries"] != smaller[name]["queries"]
        }

    if args.pages:
        wanted = args.pages
        if unknown := set(wanted) - set(pages):
            raise SystemExit(f"No such page: {', '.join(sorted(unknown))}")
        results, _ = load({name: pages[name] for name in wanted}, env, args)
        hello = results.pop("hello (bare Django)")["rps"]
        for name, result in results.items():
            print(f"  {name}: {result['rps'] / hello:.3f} of hello")
        return 0
    photo = photo_pipeline(env)
    results, memory = load(pages, env, args)
    report = {
        "scale": args.scale,
        "data": dict(
            zip(
                ["questions", "answers", "doctors", "reviews", "photos"],
                SCALES[args.scale],
                strict=True,
            )
        ),
        "database": "PostgreSQL" if url.startswith("postgres") else "SQLite",
        "machine": machine(),
        "server": f"gunicorn, {args.workers} sync workers, production settings",
        "cache": "Redis, page cache on" if env.get("REDIS_URL") else "per-process, page cache off",
        "load": f"{loader()} at concurrency {args.concurrency}, {args.warmup:g} s warm-up, "
        f"{args.duration:g} s per page",
        "pages": results,
        "photo_pipeline_12mp_seconds": photo["median"],
        "photo_pipeline_12mp_best_seconds": photo["best"],
        "photo_pipeline_budget_seconds": photo["budget"],
        "worker_peak_memory_mb": memory,
        "queries_grew": growth,
    }
    write(report, args.scale)
    if growth:
        for name, (small, large) in growth.items():
            print(f"FAIL: {name} makes {large} queries with more data, {small} with less")
        return 1
    return 0


def default_database(scale: str, work: Path) -> str:
    if scale.startswith("smoke"):
        return f"sqlite:///{work / (scale + '.sqlite3')}"
    suffix = "" if scale == "default" else f"_{scale}"
    return f"postgres://postgres@127.0.0.1:5432/docanswers_bench{suffix}"


def base_env(url: str, work: Path) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        MEDIA_ROOT=str(work / "media" / url.rsplit("/", 1)[-1]),  # one folder per database
        STATIC_ROOT=str(ROOT / "bench" / ".work" / "static"),
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        HTTPS="0",
        DEBUG="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="django.tasks.backends.dummy.DummyBackend",
    )
    env.setdefault("REDIS_URL", redis_url())
    return env


def redis_url() -> str:
    """Production's shared cache: Redis when one answers on 127.0.0.1 (its database 3, which
    the benchmark empties), else nothing and each worker keeps its own."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return "redis://127.0.0.1:6379/3"
    except OSError:
        return ""


def manage(env: dict, *command: str, debug: bool = False, quiet: bool = False) -> str:
    run_env = {**env, "DEBUG": "1"} if debug else env
    done = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *command],
        env=run_env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    if not quiet:
        print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "")
    return done.stdout


def build(url: str, env: dict, sizes: tuple[int, ...], go_on: bool = False) -> None:
    print(f"Building {sizes[0]:,} questions in {url.split('@')[-1]}")
    if not go_on:
        empty_database(url)
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
    manage(env, "migrate", "--noinput", quiet=True)
    questions, answers, doctors, reviews, photos = sizes
    manage(
        env,
        "bench_data",
        f"--questions={questions}",
        f"--answers={answers}",
        f"--doctors={doctors}",
        f"--reviews={reviews}",
        f"--photos={photos}",
        *(["--go-on"] if go_on else []),
        debug=True,
    )


def empty_database(url: str) -> None:
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    name = url.rsplit("/", 1)[-1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    drop, create = f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"
    subprocess.run(["psql", admin, "-q", "-c", drop, "-c", create], check=True)


def query_counts(env: dict, explain: Path | None = None) -> dict:
    extra = [f"--explain={explain}"] if explain else []
    return json.loads(manage(env, "bench_queries", *extra, quiet=True).strip().splitlines()[-1])


def photo_pipeline(env: dict) -> dict:
    """photo_benchmark's best and median of three runs, and the budget the best is held to."""
    out = manage(env, "photo_benchmark", "--runs=3", quiet=True)
    figures = re.search(r"median ([\d.]+) s, min ([\d.]+) s.*budget ([\d.]+) s", out)
    median, best, budget = (float(figure) for figure in figures.groups())
    return {"best": best, "median": median, "budget": budget}


def loader() -> str:
    return "wrk" if shutil.which("wrk") else "a Python load client (threads)"


def gunicorn(app: str, port: int, env: dict, args) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            app,
            f"--bind=127.0.0.1:{port}",
            f"--workers={args.workers}",
            "--log-level=warning",
            "--no-control-socket",
        ],
        env=env,
        cwd=ROOT,
    )


def hello_rate(env: dict, args) -> dict:
    """The ceiling: bench/hello.py's bare Django view, through the same gunicorn and load, in
    this run, on the port after the site's."""
    server = gunicorn("bench.hello:application", args.port + 1, env, args)
    url = f"http://127.0.0.1:{args.port + 1}/"
    try:
        wait_until_up(url)
        run_load(url, args.warmup, args.concurrency)
        measured = run_load(url, args.duration, args.concurrency)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(
        f"  {'hello (bare Django)':<16} {measured['rps']:8.0f} req/s  p50 "
        f"{measured['p50_ms']:6.1f} ms  p99 {measured['p99_ms']:6.1f} ms  errors "
        f"{measured['errors']}"
    )
    return {"url": "bench/hello.py", "cookie": "", "queries": 0, "render_ms": 0, **measured}


def load(pages: dict, env: dict, args) -> tuple[dict, float]:
    results = {"hello (bare Django)": hello_rate(env, args)}
    server = gunicorn("config.wsgi", args.port, env, args)
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_until_up(base + "/healthz")
        for name, page in pages.items():
            target, cookie = base + page["url"], page["cookie"]
            if cookie:
                signed_in_or_exit(args.port, page["url"], cookie)
            run_load(target, args.warmup, args.concurrency, cookie)  # warm-up, not counted
            measured = run_load(target, args.duration, args.concurrency, cookie)
            results[name] = {**page, **measured}
            print(
                f"  {name:<16} {measured['rps']:8.0f} req/s  p50 {measured['p50_ms']:6.1f} ms  "
                f"p99 {measured['p99_ms']:6.1f} ms  errors {measured['errors']}"
            )
        hello = results["hello (bare Django)"]["rps"]
        for result in results.values():
            result["share_of_hello"] = round(result["rps"] / hello, 3) if hello else 0
        memory = max(peak_memory_mb(pid) for pid in children(server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results, memory


def wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server did not answer at {url}")


def signed_in_or_exit(port: int, path: str, cookie: str) -> None:
    """A member's page must answer 200 to the session, not send it to sign in."""
    connection = HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status} to a member's session")


def run_load(url: str, seconds: float, concurrency: int, cookie: str = "") -> dict:
    """Load one page; with a cookie, every request carries that member's session."""
    if shutil.which("wrk"):
        return wrk(url, seconds, concurrency, cookie)
    return python_load(url, seconds, concurrency, cookie)


def wrk(url: str, seconds: float, concurrency: int, cookie: str) -> dict:
    header = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(
        ["wrk", "-t2", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "--latency", *header]
        + [url],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": round(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), 1),
        "p50_ms": round(latency("50"), 2),
        "p99_ms": round(latency("99"), 2),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": errors + (int(bad.group(1)) if bad else 0),
    }


def python_load(url: str, seconds: float, concurrency: int, cookie: str) -> dict:
    """A load client for machines without wrk: `concurrency` threads, one request at a time."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def worker() -> None:
        mine, failed = [], 0
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                connection = HTTPConnection(parts.hostname, parts.port, timeout=10)
                connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status != 200:
                    failed += 1
            except OSError:
                failed += 1
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies), 2) if latencies else 0,
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2) if latencies else 0,
        "requests": len(latencies),
        "errors": errors[0],
    }


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(child) for child in path.read_text().split()] if path.exists() else []
    return found or [pid]


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return 0.0
    match = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
    return round(int(match.group(1)) / 1024, 1) if match else 0.0


def machine() -> str:
    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        model = re.search(r"model name\s*:\s*(.+)", info.read_text())
        cpu = model.group(1).strip() if model else cpu
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"


def photo_line(report: dict) -> str:
    best = report["photo_pipeline_12mp_best_seconds"]
    budget = report["photo_pipeline_budget_seconds"]
    verdict = "within" if best < budget else "OVER"
    return (
        f"best of 3 {best:.2f} s ({verdict} the {budget:g} s budget), "
        f"median {report['photo_pipeline_12mp_seconds']:.2f} s"
    )


def targets(pages: dict) -> list[str]:
    """Each target group's lowest share of hello, and whether it is met."""
    anonymous = [
        name for name, page in pages.items() if not page["cookie"] and name not in {"healthz"}
    ]
    anonymous = [name for name in anonymous if name != "hello (bare Django)"]
    out = []
    for what, names, wanted in TARGETS:
        shares = {name: pages[name]["share_of_hello"] for name in names or anonymous}
        lowest = min(shares, key=shares.get)
        verdict = "met" if shares[lowest] >= wanted else "not met"
        out.append(f"{what}: at least {wanted:.2f}; {lowest} {shares[lowest]:.2f}, {verdict}")
    return out


def write(report: dict, scale: str) -> None:
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{scale}.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        f"# Benchmark, {scale} scale",
        "",
        f"- Data: {', '.join(f'{n:,} {k}' for k, n in report['data'].items())}"
        f" ({report['database']})",
        f"- Machine: {report['machine']}",
        f"- Server: {report['server']}",
        f"- Cache: {report['cache']}",
        f"- Load: {report['load']}",
        f"- Photo pipeline, 12-megapixel JPEG: {photo_line(report)}",
        f"- Peak memory of a worker: {report['worker_peak_memory_mb']:.0f} MB",
        "",
        "Under load, anonymous visitors are answered from the page cache; signed-in members",
        "(the pages named for one: a patient, the asker, a doctor) never are, each request",
        "carrying that member's session. The last two columns are what rendering the page costs",
        "without the cache (median of 5 renders in one process).",
        "",
        "| page | req/s | share of hello | p50 ms | p99 ms | errors | SQL queries | render ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, page in report["pages"].items():
        lines.append(
            f"| {name} | {page['rps']:.0f} | {page['share_of_hello']:.2f} | {page['p50_ms']:.1f} "
            f"| {page['p99_ms']:.1f} | {page['errors']} | {page['queries']} "
            f"| {page['render_ms']:.1f} |"
        )
    scans = {
        name: page["seq_scans"] for name, page in report["pages"].items() if "seq_scans" in page
    }
    if scans:
        lines += [
            "",
            f"Query plans: bench/results/{scale}-plans.txt. Tables of more than 1,000 rows",
        ]
        lines += ["read end to end (a sequential scan) by a page's queries:", ""]
        lines += [f"- {name}: {', '.join(found) or 'none'}" for name, found in scans.items()]
    lines += ["", "Targets, as shares of the bare hello view (the lowest page of each group):", ""]
    lines += [f"- {line}" for line in targets(report["pages"])]
    if report["queries_grew"]:
        lines += ["", "Queries that grew with the data: " + json.dumps(report["queries_grew"])]
    text = "\n".join(lines) + "\n"
    (out / f"{scale}.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    sys.exit(main())
