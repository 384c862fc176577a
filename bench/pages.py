"""``make bench-pages``: how fast the site's pages are served, in one run (docs/performance.md).

On a PostgreSQL database of its own (dropped, migrated, the demo content loaded, plus a
colloquium per size of ``--sizes``), with the production settings, it starts:

* gunicorn (2 sync workers) serving the site and a minimal Django view (bench/pages_site);
* Varnish in front of it, with the project's VCL (tests/varnish.py);
* nginx serving a saved copy of the 2017 event page: the body and headers Varnish hands
  out (uncompressed on both sides, as wrk asks for no encoding), without either
  server logging requests.

Each address is loaded with ``wrk -t2 -c16 -d<seconds>s``: nginx static, the minimal view,
then home, event, argument, proceedings and search, directly and through Varnish, then the
event page at each size. Worker CPU per request is the gunicorn workers' utime + stime
(/proc/PID/stat) over the run, divided by the requests. It prints a table, writes JSON to
bench/results/, stops every process it started, and ends with the line::

    event page: via front cache X.XX× nginx static; uncached Y.Y ms CPU/request = Z× minimal Django view

``--baseline DIR`` also serves another checkout of the project (e.g. a worktree of an older
commit) from the same database and measures its pages directly, in the same run.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"
SITE_PACKAGE = ROOT / "bench" / "pages_site"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/andelis_bench_pages"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
SEARCH_PATH = "/recherche/?q=" + urllib.parse.quote("ingénierie sociale")
PAGES = ("home", "event", "argument", "proceedings", "search")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WRK = shutil.which("wrk") or "/usr/bin/wrk"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.pages", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--seconds",
        type=int,
        default=int(os.environ.get("BENCH_SECONDS") or 5),
        help="duration of each wrk run (default 5, or BENCH_SECONDS)",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 20])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_PAGES_DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="dropped and rebuilt (default: BENCH_PAGES_DATABASE_URL or %(default)s)",
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL)
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout of the project whose pages are measured too (same database)",
    )
    parser.add_argument(
        "--output", type=Path, help="JSON file (default: bench/results/pages-<date>.json)"
    )
    return parser.parse_args(argv)


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    from tests.varnish import free_port as probe

    return probe()


# --- Processes ------------------------------------------------------------------------


def children(pid):
    """Direct children of ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def descendants(pid):
    result = []
    for child in children(pid):
        result += [child, *descendants(child)]
    return result


def cpu_ticks(pids):
    """utime + stime (fields 14 and 15 of /proc/PID/stat) of ``pids``, in clock ticks."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        # fields[0] is field 3 (state): field N is fields[N - 3].
        total += int(fields[11]) + int(fields[12])
    return total


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stop(process, timeout=20):
    """Stop a process started in a session of its own, and everything in that session."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    # Workers left behind by a master that died first.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def wait_for(url, process, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped (exit {process.returncode})")
        with (
            contextlib.suppress(OSError, urllib.error.URLError),
            urllib.request.urlopen(url, timeout=5) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer {url} within {timeout}s")


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


# --- The site ---------------------------------------------------------------------------


class Site:
    """Environment and commands of the site served with the benchmark's settings."""

    def __init__(self, args, workdir, app_dir=ROOT):
        self.app_dir = Path(app_dir)
        self.workdir = workdir
        # The settings package, reachable under a name of its own whatever the checkout.
        packages = workdir / "python"
        packages.mkdir(exist_ok=True)
        link = packages / "bench_pages_site"
        if not link.exists():
            link.symlink_to(SITE_PACKAGE, target_is_directory=True)
        self.env = {
            **os.environ,
            "PYTHONPATH": f"{self.app_dir}{os.pathsep}{packages}",
            "DJANGO_SETTINGS_MODULE": "bench_pages_site.settings",
            "DJANGO_SECRET_KEY": "bench-pages-only-key-" + "x" * 40,
            "DATABASE_URL": args.database_url,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            "REDIS_URL": args.redis_url,
            "BENCH_CACHE_PREFIX": f"andelis-bench-pages-{os.getpid()}",
            # Loopback HTTP: no redirect to HTTPS.
            "DJANGO_SECURE_SSL_REDIRECT": "False",
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_LOG_LEVEL": "ERROR",
        }
        self.env.pop("VARNISH_URL", None)

    def manage(self, *command):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=self.app_dir,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def gunicorn(self, port, name):
        logfile = self.workdir / f"gunicorn-{name}.log"
        with open(logfile, "ab") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--workers=2",
                    "--worker-class=sync",
                    f"--bind=127.0.0.1:{port}",
                    "--timeout=60",
                    "andelis.wsgi:application",
                ],
                cwd=self.app_dir,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return process


def recreate_database(url):
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def forget_cache(redis_url, prefix):
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


NGINX_CONF = """daemon off;
user root;
worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {workdir}/www;
        default_type "text/html; charset=utf-8";
        etag off;
        # The page's own headers, as Varnish sends them.
{headers}
        location / {{ try_files /event.html =404; }}
    }}
}}
"""


# Headers nginx writes itself, or that only Varnish's own work produces.
NOT_COPIED = {
    "server", "date", "content-length", "content-type", "connection", "accept-ranges",
    "age", "x-cache", "x-cache-hits", "transfer-encoding",
}  # fmt: skip


def start_nginx(workdir, html, headers):
    """nginx serving ``html`` with the page's ``headers`` (a dict), on a free port."""
    (workdir / "www").mkdir()
    (workdir / "www" / "event.html").write_bytes(html)
    port = free_port()
    conf = workdir / "nginx.conf"
    copied = "\n".join(
        f'        add_header {name} "{value}" always;'
        for name, value in headers.items()
        if name.lower() not in NOT_COPIED and not set(value) & set('"$\\')
    )
    conf.write_text(NGINX_CONF.format(workdir=workdir, port=port, headers=copied))
    process = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "nginx-stderr.log", "ab"),  # noqa: SIM115
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    wait_for(url, process, "nginx")
    return process, url


# --- Measuring --------------------------------------------------------------------------

WRK_REQUESTS = re.compile(r"(\d+) requests in")
WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)")


def wrk(url, seconds, worker_pids):
    before = cpu_ticks(worker_pids) if worker_pids else 0
    output = subprocess.run(
        [WRK, "-t2", "-c16", f"-d{seconds}s", "--timeout", "30s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after = cpu_ticks(worker_pids) if worker_pids else 0
    requests = int(WRK_REQUESTS.search(output).group(1))
    errors = WRK_ERRORS.search(output)
    cpu_ms = (after - before) * 1000 / CLOCK_TICKS / requests if worker_pids and requests else None
    return {
        "url": url,
        "requests": requests,
        "req_per_s": float(WRK_RATE.search(output).group(1)),
        "cpu_ms_per_request": cpu_ms,
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def warm(url, times=5):
    headers = {}
    for _ in range(times):
        status, headers, _body = fetch(url)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
    return headers


# --- The run ----------------------------------------------------------------------------


def run(args):
    workdir = Path(tempfile.mkdtemp(prefix="andelis-bench-pages-"))
    workdir.chmod(0o755)
    processes = []
    site = Site(args, workdir)
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": git_commit(ROOT),
        "seconds": args.seconds,
        "wrk": "-t2 -c16",
        "rows": [],
        "sizes": [],
        "baseline": None,
        "processes": [],
    }
    try:
        log(f"Database {args.database_url}: migrate, demo content, {args.sizes} items…")
        recreate_database(args.database_url)
        site.manage("migrate", "--no-input")
        site.manage("load_demo_content")
        site.manage("collectstatic", "--no-input")
        setup = subprocess.run(
            [sys.executable, "-m", "bench.pages_setup", "--sizes", *map(str, args.sizes)],
            cwd=ROOT,
            env={**site.env, "PYTHONPATH": f"{ROOT}{os.pathsep}{workdir / 'python'}"},
            check=True,
            capture_output=True,
            text=True,
        )
        urls = json.loads(setup.stdout.strip().splitlines()[-1])
        paths = {name: urls[name] for name in ("home", "event", "argument", "proceedings")}
        paths["search"] = SEARCH_PATH

        port = free_port()
        gunicorn = site.gunicorn(port, "site")
        processes.append(gunicorn)
        app = f"http://127.0.0.1:{port}"
        wait_for(f"{app}/bench/ok/", gunicorn, "gunicorn")
        workers = children(gunicorn.pid)
        results["processes"] += [gunicorn.pid, *workers]

        from tests.varnish import BENCH_PARAMS, running_varnish

        with running_varnish(
            [f"127.0.0.1:{port}"], params=BENCH_PARAMS, storage="malloc,128m"
        ) as varnish:
            results["processes"] += [varnish.process.pid, *descendants(varnish.process.pid)]
            # nginx's copy is the page as Varnish serves it: same body (its links name
            # the address asked for), same headers.
            warm(varnish.url + paths["event"], times=2)
            _status, event_headers, event_html = fetch(varnish.url + paths["event"])
            nginx, nginx_url = start_nginx(workdir, event_html, event_headers)
            processes.append(nginx)
            results["processes"] += [nginx.pid, *descendants(nginx.pid)]

            def measure(name, served, url, pids=workers, front=False):
                if front:
                    headers = warm(url, times=3)
                    cached = headers.get("X-Cache") == "HIT"
                else:
                    warm(url)
                    cached = None
                row = {"name": name, "served": served, "front_cache_hit": cached}
                row.update(wrk(url, args.seconds, pids))
                results["rows"].append(row)
                log(
                    f"  {served:<40} {row['req_per_s']:>10,.0f} req/s  {fmt_ms(row['cpu_ms_per_request'])}"
                )
                return row

            log(f"wrk -t2 -c16 -d{args.seconds}s:")
            measure("nginx", "nginx, saved copy of the event page", nginx_url, pids=[])
            measure("minimal", "minimal Django view", f"{app}/bench/ok/")
            for name in PAGES:
                measure(name, f"{name}, direct (gunicorn)", app + paths[name])
                measure(
                    f"{name}-front",
                    f"{name}, through Varnish",
                    varnish.url + paths[name],
                    front=True,
                )
            for size, path in sorted(urls["sizes"].items(), key=lambda item: int(item[0])):
                row = measure(
                    f"event-{size}", f"event page, {size} of everything, direct", app + path
                )
                results["sizes"].append({"size": int(size), **row})
        stop(nginx)
        stop(gunicorn)

        if args.baseline:
            results["baseline"] = measure_baseline(args, workdir, paths, processes, results)
    finally:
        for process in processes:
            stop(process)
        forget_cache(args.redis_url, site.env["BENCH_CACHE_PREFIX"])
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def measure_baseline(args, workdir, paths, processes, results):
    baseline = Site(args, workdir, app_dir=args.baseline.resolve())
    baseline.manage("collectstatic", "--no-input")
    port = free_port()
    gunicorn = baseline.gunicorn(port, "baseline")
    processes.append(gunicorn)
    app = f"http://127.0.0.1:{port}"
    wait_for(f"{app}/bench/ok/", gunicorn, "gunicorn (baseline)")
    workers = children(gunicorn.pid)
    results["processes"] += [gunicorn.pid, *workers]
    rows = []
    log(f"Baseline {args.baseline}:")
    for name, path in [("minimal", "/bench/ok/"), *[(n, paths[n]) for n in PAGES]]:
        warm(app + path)
        row = {"name": name, **wrk(app + path, args.seconds, workers)}
        rows.append(row)
        log(f"  {name:<40} {row['req_per_s']:>10,.0f} req/s  {fmt_ms(row['cpu_ms_per_request'])}")
    stop(gunicorn)
    label = git_commit(args.baseline) or args.baseline.name
    return {"checkout": str(args.baseline), "commit": label, "rows": rows}


# --- Report -----------------------------------------------------------------------------


def fmt_ms(value):
    return "–" if value is None else f"{value:.2f} ms CPU/request"


def by_name(rows):
    return {row["name"]: row for row in rows}


def table(results):
    rows = by_name(results["rows"])
    nginx = rows["nginx"]["req_per_s"]
    minimal = rows["minimal"]["cpu_ms_per_request"]
    lines = [
        "| served | req/s | × nginx static | worker CPU per request | × minimal view |",
        "|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        cpu = row["cpu_ms_per_request"]
        served = row["served"]
        if row.get("front_cache_hit") is False:
            served += " (not cached: MISS)"
        lines.append(
            f"| {served} | {row['req_per_s']:,.0f} | {row['req_per_s'] / nginx:.2f}× | "
            + ("– | – |" if cpu is None else f"{cpu:.2f} ms | {cpu / minimal:.1f}× |")
        )
    sizes = results["sizes"]
    if len(sizes) >= 2:
        low, high = sizes[0], sizes[-1]
        lines += [
            "",
            f"Event page from {low['size']} to {high['size']} programme items, speakers and "
            f"partners: {low['cpu_ms_per_request']:.2f} → {high['cpu_ms_per_request']:.2f} ms "
            f"CPU/request ({high['cpu_ms_per_request'] / low['cpu_ms_per_request']:.2f}×).",
        ]
    baseline = results.get("baseline")
    if baseline:
        base = by_name(baseline["rows"])
        lines += [
            "",
            f"Same run, direct to gunicorn: baseline {baseline['commit']} against {results['commit']}",
            "",
            "| page | baseline CPU/request | now CPU/request | baseline req/s | now req/s |",
            "|---|---|---|---|---|",
        ]
        for name in ("minimal", *PAGES):
            old, new = base[name], rows[name]
            lines.append(
                f"| {name} | {old['cpu_ms_per_request']:.2f} ms | {new['cpu_ms_per_request']:.2f} ms "
                f"| {old['req_per_s']:,.0f} | {new['req_per_s']:,.0f} |"
            )
    return "\n".join(lines)


def last_line(results):
    rows = by_name(results["rows"])
    front = rows["event-front"]["req_per_s"] / rows["nginx"]["req_per_s"]
    cpu = rows["event"]["cpu_ms_per_request"]
    ratio = cpu / rows["minimal"]["cpu_ms_per_request"]
    return (
        f"event page: via front cache {front:.2f}× nginx static; "
        f"uncached {cpu:.1f} ms CPU/request = {ratio:.0f}× minimal Django view"
    )


def machine():
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version()}


def git_commit(directory):
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        return subprocess.run(
            ["git", "-C", str(directory), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    return ""


def main(argv=None):
    args = parse(argv)
    results = run(args)
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    output = args.output or RESULTS_DIR / f"pages-{stamp}.json"
    results["table"] = table(results)
    results["last_line"] = last_line(results)
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(results["table"])
    print()
    print(f"Results: {output}")
    print(results["last_line"])


if __name__ == "__main__":
    main()
