"""Run the search benchmark: build the archive, index it, time the 50 queries."""

import json
import os
import platform
import statistics
import time
from pathlib import Path

from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.content import ArchiveBuilder, Scale
from bench.corpus import FrenchCorpus
from bench.queries import QUERIES

RESULTS_DIR = Path(__file__).resolve().parent / "results"
TARGET_QUERY_P95_MS = 50
TARGET_PAGE_P95_MS = 150


def percentile(values, fraction):
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _ms(seconds):
    return round(seconds * 1000, 2)


def _timed(function):
    start = time.perf_counter()
    result = function()
    return _ms(time.perf_counter() - start), result


def runs_for(warm_up_ms, repeats, budget_s):
    """How many timed runs a query gets: ``repeats``, fewer for a slow one (at least one)."""
    if warm_up_ms <= 0:
        return repeats
    return max(1, min(repeats, int(budget_s * 1000 // warm_up_ms)))


# --- The machine -----------------------------------------------------------------


def machine():
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    import django
    import pypdf
    import wagtail

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    try:
        load = [round(value, 2) for value in os.getloadavg()]
    except OSError:
        load = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": memory_gb,
        "load_average_at_start": load,
        "postgresql": postgres,
        "postgresql_shared_buffers": shared_buffers,
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "pypdf": pypdf.__version__,
    }


# --- Steps -----------------------------------------------------------------------


# Commands the project runs after ``update_index`` to complete its search index,
# if it has them (``search/management/commands/``).
POST_INDEX_COMMANDS = ("update_search_entries",)


def complete_index(log):
    """Run the project's post-index commands; their times by name."""
    from django.core.management import get_commands

    times = {}
    for name in POST_INDEX_COMMANDS:
        if name in get_commands():
            start = time.perf_counter()
            call_command(name, verbosity=0)
            times[name] = round(time.perf_counter() - start, 3)
            log(f"  {name}: {times[name]:.1f} s")
    return times


def vacuum_analyze():
    """What autovacuum does on a live site after a bulk write: statistics, and the
    GIN indexes' pending entries merged (until then every search reads them)."""
    with connection.cursor() as cursor:
        # VACUUM cannot run in a transaction (the tests' tiny run is in one).
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def build_index(log):
    start = time.perf_counter()
    call_command("update_index", verbosity=0)
    seconds = time.perf_counter() - start
    log(f"  update_index: {seconds:.1f} s")
    post = complete_index(log)
    start = time.perf_counter()
    vacuum_analyze()
    analyze = time.perf_counter() - start
    log(f"  VACUUM ANALYZE: {analyze:.1f} s")
    return {
        "build_seconds": round(seconds + sum(post.values()), 3),
        "update_index_seconds": round(seconds, 3),
        "post_index_seconds": post,
        "analyze_seconds": round(analyze, 3),
    }


def sizes():
    from wagtail.search.models import IndexEntry

    from core.models import ColloquiumDocument, DocumentPageText

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_database_size(current_database()), "
            "pg_total_relation_size(%s), pg_total_relation_size(%s)",
            [IndexEntry._meta.db_table, DocumentPageText._meta.db_table],
        )
        database, index, texts = cursor.fetchone()
    return {
        "index_entries": IndexEntry.objects.count(),
        "documents": ColloquiumDocument.objects.count(),
        "document_pages_stored": DocumentPageText.objects.count(),
        "database_mb": round(database / 2**20),
        "index_table_mb": round(index / 2**20),
        "page_text_table_mb": round(texts / 2**20),
    }


def time_queries(queries, repeats, budget_s, log):
    """Each query: one warm-up through the API, then runs of the API and of the page."""
    from search import query as site_search

    client = Client()
    client.get("/recherche/", {"q": "colloque"})  # the templates, loaded once
    rows = []
    for number, (kind, text) in enumerate(queries, start=1):
        warm_up_ms, response = _timed(lambda text=text: site_search.search(text))
        runs = runs_for(warm_up_ms, repeats, budget_s)
        search_times, page_times = [], []
        for _ in range(runs):
            elapsed, response = _timed(lambda text=text: site_search.search(text))
            search_times.append(elapsed)
            elapsed, page = _timed(lambda text=text: client.get("/recherche/", {"q": text}))
            page_times.append(elapsed)
        with CaptureQueriesContext(connection) as captured:
            site_search.search(text)
        rows.append(
            {
                "kind": kind,
                "query": text,
                "results": response.total,
                "sql_queries": len(captured.captured_queries),
                "sql_ms": _ms(sum(float(q["time"]) for q in captured.captured_queries)),
                "status": page.status_code,
                "warm_up_ms": warm_up_ms,
                "search_ms": search_times,
                "page_ms": page_times,
            }
        )
        log(
            f"  {number:2d}. {text[:32]:32s} {response.total:6d} results  "
            f"search {statistics.median(search_times):8.1f} ms  "
            f"page {statistics.median(page_times):8.1f} ms  ({runs} runs)"
        )
    return rows


def summarise(rows):
    """p50/p95 across the queries of each query's median time (every query weighs the same)."""
    summary = {}
    for key in ("search_ms", "page_ms"):
        medians = [statistics.median(row[key]) for row in rows]
        every_run = [value for row in rows for value in row[key]]
        summary[key] = {
            "p50": round(percentile(medians, 0.50), 1),
            "p95": round(percentile(medians, 0.95), 1),
            "max": round(max(every_run), 1),
            "queries": len(medians),
            "runs": len(every_run),
        }
    summary["targets"] = {
        "query_p95_ms": TARGET_QUERY_P95_MS,
        "page_p95_ms": TARGET_PAGE_P95_MS,
        "query_met": summary["search_ms"]["p95"] <= TARGET_QUERY_P95_MS,
        "page_met": summary["page_ms"]["p95"] <= TARGET_PAGE_P95_MS,
    }
    return summary


def _explainable(sql):
    """(settings, query) from a captured statement: "SET LOCAL x = y; SELECT …" is split."""
    settings, sql = [], sql.strip()
    while sql.upper().startswith("SET "):
        setting, _separator, sql = sql.partition(";")
        settings.append(setting)
        sql = sql.strip()
    return settings, (sql if sql.upper().startswith(("SELECT", "WITH")) else None)


def explain_slowest(rows):
    """EXPLAIN ANALYZE of the slowest SQL statement of the slowest query."""
    from search import query as site_search

    slowest = max(rows, key=lambda row: statistics.median(row["search_ms"]))
    with CaptureQueriesContext(connection) as captured:
        site_search.search(slowest["query"])
    result = {
        "query": slowest["query"],
        "search_ms_median": statistics.median(slowest["search_ms"]),
        "sql_ms": _ms(sum(float(q["time"]) for q in captured.captured_queries)),
        "statement_count": len(captured.captured_queries),
        "statement_seconds": 0.0,
        "sql": "",
        "plan": "",
    }
    for statement in sorted(captured.captured_queries, key=lambda q: -float(q["time"])):
        settings, sql = _explainable(statement["sql"])
        if sql is None:
            continue
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for setting in settings:
                    cursor.execute(setting)
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(line for (line,) in cursor.fetchall())
        except DatabaseError as error:
            result["plan"] = f"EXPLAIN failed: {error}"
            continue
        result.update(statement_seconds=float(statement["time"]), sql=statement["sql"], plan=plan)
        break
    return result


# --- The whole run ---------------------------------------------------------------


def run_benchmark(scale, queries=QUERIES, build=True, index=True, complete=True, log=print):
    """Build the archive (unless ``build`` is false) and the index (unless ``index``
    is false: then only the project's post-index commands run, unless
    ``complete`` is false too), time the queries; return the results as a dict."""
    results = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    results["machine"] = machine()
    results["scale"] = scale.__dict__.copy()
    if build:
        log("Generating the archive…")
        corpus = FrenchCorpus(seed=scale.seed)
        report = ArchiveBuilder(corpus, scale, log=log).build()
        results["generation"] = {"timings_s": report.timings, "counts": report.counts}
        results["extraction"] = report.extraction
    if index:
        log("Building the search index…")
        results["index"] = build_index(log)
    elif complete:
        log("Completing the search index kept in the database…")
        results["post_index_on_kept_data_s"] = complete_index(log)
        vacuum_analyze()
    results["sizes"] = sizes()
    log(
        f"Timing {len(queries)} queries: a warm-up, then {scale.repeats} runs "
        f"(fewer when a run takes over {scale.budget_s} s / {scale.repeats})…"
    )
    rows = time_queries(queries, scale.repeats, scale.budget_s, log)
    results["queries"] = rows
    results["summary"] = summarise(rows)
    results["slowest"] = explain_slowest(rows)
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return results


def write_results(results, path=None):
    """Write the results as JSON: to ``path``, or to bench/results/ (and latest.json there)."""
    text = json.dumps(results, indent=2, ensure_ascii=False)
    if path:
        Path(path).write_text(text)
        return Path(path)
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    path = RESULTS_DIR / f"search-{stamp}.json"
    path.write_text(text)
    (RESULTS_DIR / "latest.json").write_text(text)
    return path


def table(results):
    """The figures as a Markdown table (what goes into the README)."""
    lines = []
    machine_info = results["machine"]
    lines.append(
        f"Machine: {machine_info['cpu']}, {machine_info['cores']} cores, "
        f"{machine_info['ram_gb']} GB RAM, PostgreSQL {machine_info['postgresql']} "
        f"(shared_buffers {machine_info['postgresql_shared_buffers']}), "
        f"Python {machine_info['python']}, Django {machine_info['django']}, "
        f"Wagtail {machine_info['wagtail']}, pypdf {machine_info['pypdf']}; "
        f"load average at start {machine_info['load_average_at_start']}."
    )
    lines.append("")
    lines.append("| Measure | Value |")
    lines.append("| --- | --- |")
    sizes_info = results["sizes"]
    counts = results.get("generation", {}).get("counts", {})
    if counts:
        lines.append(
            f"| Archive | {counts['documents']:,} documents, {counts['document_pages']:,} "
            f"document pages, {counts['pages']:,} pages ({counts['events']:,} colloquia), "
            f"{counts['people']:,} people |"
        )
    extraction_info = results.get("extraction")
    if extraction_info:
        lines.append(
            f"| Extraction (pypdf, `core.extraction.extract_text`) | "
            f"{extraction_info['pypdf_pages_per_second']} pages/s "
            f"({extraction_info['pages']:,} pages of {extraction_info['documents']} real PDFs) |"
        )
        lines.append(
            f"| Extraction with storage (`store_extraction`) | "
            f"{extraction_info['total_pages_per_second']} pages/s; "
            f"{extraction_info['pages_with_identical_words']:,}/{extraction_info['pages']:,} "
            f"pages read back word for word |"
        )
    if "index" in results:
        post = ", ".join(f"`{name}`" for name in results["index"]["post_index_seconds"])
        lines.append(
            f"| Index build (`update_index`{', ' + post if post else ''}) | "
            f"{results['index']['build_seconds']:.1f} s "
            f"({sizes_info['index_entries']:,} entries, index table "
            f"{sizes_info['index_table_mb']:,} MB, database {sizes_info['database_mb']:,} MB) |"
        )
    summary = results["summary"]
    for key, label in (
        ("search_ms", "Search query, `search.query.search()`"),
        ("page_ms", "Whole `/recherche/` response (Django test client)"),
    ):
        values = summary[key]
        lines.append(
            f"| {label} | p50 {values['p50']} ms, p95 {values['p95']} ms "
            f"(of {values['queries']} queries' medians), slowest run {values['max']} ms |"
        )
    targets = summary["targets"]
    lines.append(
        f"| Targets | query p95 ≤ {targets['query_p95_ms']} ms: "
        f"{'met' if targets['query_met'] else 'missed'}; "
        f"page p95 ≤ {targets['page_p95_ms']} ms: "
        f"{'met' if targets['page_met'] else 'missed'} |"
    )
    baseline = results.get("baseline")
    if baseline:
        for key, label in (
            ("search_ms", "`search()`"),
            ("page_ms", "whole response"),
        ):
            now, before = summary[key], baseline["summary"][key]
            lines.append(
                f"| Same run, {baseline['commit']} (baseline): {label} | p50 {before['p50']} ms,"
                f" p95 {before['p95']} ms (now p50 {now['p50']} ms, p95 {now['p95']} ms) |"
            )
    slowest = results["slowest"]
    lines.append(
        f"| Slowest query | `{slowest['query']}`: median {slowest['search_ms_median']} ms, "
        f"{slowest['statement_count']} SQL statements taking {slowest['sql_ms']:.0f} ms "
        f"in all, the slowest {slowest['statement_seconds'] * 1000:.0f} ms |"
    )
    return "\n".join(lines)


def scale_from(options):
    return Scale(**{key: value for key, value in options.items() if value is not None})
