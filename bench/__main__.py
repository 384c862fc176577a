"""``python -m bench``: the search benchmark (``make bench-search``). See bench/__init__.py."""

import argparse
import os
import sys
import time
from pathlib import Path

QUICK = {"documents": 60, "pages": 30, "extraction_sample": 10, "repeats": 2}


def _env_int(name):
    value = os.environ.get(name)
    return int(value) if value else None


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark of the site search on a generated archive (PostgreSQL).",
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run at a tiny scale")
    parser.add_argument("--documents", type=int, default=_env_int("BENCH_DOCUMENTS"))
    parser.add_argument("--pages", type=int, default=_env_int("BENCH_PAGES"))
    parser.add_argument(
        "--sample",
        dest="extraction_sample",
        type=int,
        default=_env_int("BENCH_EXTRACTION_SAMPLE"),
        help="documents given a real PDF that the extraction reads (default 300)",
    )
    parser.add_argument("--repeats", type=int, default=_env_int("BENCH_REPEATS"))
    parser.add_argument("--seed", type=int, default=_env_int("BENCH_SEED"))
    parser.add_argument(
        "--budget",
        dest="budget_s",
        type=float,
        default=float(os.environ["BENCH_BUDGET"]) if os.environ.get("BENCH_BUDGET") else None,
        help="seconds of timed runs per query and measure before runs are cut (default 2)",
    )
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="reuse the archive and index already in the database: time the queries only",
    )
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="with --keep-data: rebuild the search index (timed) before timing the queries",
    )
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="with --keep-data: skip the post-index commands (the index is already up to date)",
    )
    parser.add_argument("--output", help="where to write the JSON results")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout (with its own .venv): after this run, the same archive (same"
        " scale and seed) is built and timed there with its code, in its own database"
        " (BENCH_DATABASE_URL + '_baseline'), and both are written side by side",
    )
    return parser.parse_args(argv)


def recreate_database():
    """Drop and create the benchmark database, then migrate it."""
    import psycopg
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from psycopg import sql

    config = settings.DATABASES["default"]
    connection.close()
    with psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        name = sql.Identifier(config["NAME"])
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    call_command("migrate", verbosity=0, interactive=False)


def clear_media():
    from django.conf import settings

    folder = Path(settings.MEDIA_ROOT) / "documents"
    for path in folder.glob("bench-*.pdf"):
        path.unlink()


def main(argv=None):
    options = parse(sys.argv[1:] if argv is None else argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.conf import settings

    from bench.run import run_benchmark, scale_from, table, write_results

    values = {
        key: getattr(options, key)
        for key in ("documents", "pages", "extraction_sample", "repeats", "seed", "budget_s")
    }
    if options.quick:
        values = {**QUICK, **{k: v for k, v in values.items() if v is not None}}
    scale = scale_from(values)
    database = settings.DATABASES["default"]["NAME"]
    migrate_seconds = None
    if options.keep_data:
        # Migrations added since the archive was built apply to its data (timed).
        from django.core.management import call_command

        print(f"Migrating {database} (its data kept)…", flush=True)
        start = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        migrate_seconds = round(time.perf_counter() - start, 3)
        print(f"  migrate: {migrate_seconds:.1f} s", flush=True)
    else:
        print(f"Rebuilding the database {database} and migrating it…", flush=True)
        recreate_database()
        clear_media()
    results = run_benchmark(
        scale,
        build=not options.keep_data,
        index=not options.keep_data or options.reindex,
        complete=not options.queries_only,
        log=lambda message: print(message, flush=True),
    )
    results["database"] = database
    if migrate_seconds is not None:
        results["migrate_on_kept_data_s"] = migrate_seconds
    results["mode"] = "quick" if options.quick else "full"
    if options.baseline:
        results["baseline"] = run_baseline(options, argv if argv is not None else sys.argv[1:])
    path = write_results(results, options.output)
    print()
    print(table(results))
    print()
    print("Slowest SQL statement, EXPLAIN ANALYZE:")
    print(results["slowest"]["plan"])
    print(f"\nResults: {path}")


def run_baseline(options, argv):
    """The same benchmark run by the checkout ``options.baseline``; its results."""
    import json
    import subprocess
    import tempfile

    from django.conf import settings

    directory = options.baseline.resolve()
    arguments, skip = [], False
    for argument in argv:
        if skip:
            skip = False
        elif argument == "--baseline" or argument == "--output":
            skip = True
        elif not argument.startswith(("--baseline=", "--output=")):
            arguments.append(argument)
    url = os.environ.get("BENCH_DATABASE_URL") or settings.BENCH_DATABASE_URL
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "baseline.json"
        print(f"\nBaseline {directory}: the same archive with its code…", flush=True)
        subprocess.run(
            [str(directory / ".venv/bin/python"), "-m", "bench", *arguments, "--output", output],
            cwd=directory,
            env={**os.environ, "BENCH_DATABASE_URL": f"{url}_baseline"},
            check=True,
        )
        baseline = json.loads(output.read_text())
    commit = subprocess.run(
        ["git", "-C", str(directory), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {"checkout": str(directory), "commit": commit, **baseline}


if __name__ == "__main__":
    main()
