"""Page benchmark: server-side time and SQL queries of the dashboard's main pages.

For each database (SQLite, PostgreSQL) and each dataset:

* ``seeds`` — a new database, migrated, then ``manage.py loadseeds seeds/``
  (the documents shipped in the repository);
* ``synthetic`` — a new database, migrated, then ``bench/make_dataset.py``
  (10,000 engagements by default, with officials, commitments and history);

a child process (``pages_bench.py --child``) sets Django up against that
database, creates a superuser, logs in with Django's test ``Client``
(``force_login``) and requests each page: one first request (reported as
"first", it includes template loading and cold caches), ``--warmup`` more that
are not timed, then ``--requests`` timed requests (default 20; a page that has
used up ``--page-budget`` seconds stops after at least 5, and the table's "n"
says how many were timed); the table reports their median and 95th percentile
(nearest rank) wall time measured with ``time.perf_counter`` around
``client.get``. One further request runs under
``django.test.utils.CaptureQueriesContext`` to count the SQL queries a page
needs, with a connection ``execute_wrapper`` summing the time spent executing
them ("SQL ms", including fetching rows into Python, not building model
objects). The test client calls the WSGI handler in-process — middleware, view,
queries, template rendering — with no HTTP server or network in between.

Pages: the overview (``engagements:overview``), the engagement list and the
same list filtered to Japan (``engagements:engagement_list`` and
``?country=JP``), Japan's relationship page (``engagements:country_detail``),
the commitments page (``engagements:commitment_list``) and the most recent
engagement's detail page (``engagements:engagement_detail``). A page whose URL
name does not resolve is reported as missing; a page that raises or answers
other than 200 is reported with its error or status.

Settings are the project defaults for the environment (``DEBUG`` on unless set
otherwise; static files through whitenoise).

    python bench/pages_bench.py [--databases sqlite,postgres] [--datasets seeds,synthetic]
                                [--engagements 10000] [--requests 20] [--warmup 2]

Prints a markdown table and writes ``bench/out/pages.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import benchlib

DATASETS = ("seeds", "synthetic")
MIN_SAMPLES = 5
# (label, URL name, args, query string)
PAGES = (
    ("overview", "engagements:overview", (), ""),
    ("engagement list", "engagements:engagement_list", (), ""),
    ("engagement list ?country=JP", "engagements:engagement_list", (), "?country=JP"),
    ("relationship JP", "engagements:country_detail", ("JP",), ""),
    ("commitments", "engagements:commitment_list", (), ""),
    ("engagement detail (latest)", "engagements:engagement_detail", ("<latest>",), ""),
)


# -- child: request the pages -------------------------------------------------


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def child_main(requests: int, warmup: int, page_budget: float) -> None:
    """Request every page against the configured database; print JSON results."""
    benchlib.setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from engagements.models import Engagement

    user_model = get_user_model()
    user = user_model.objects.filter(username="bench-admin").first()
    if user is None:
        user = user_model.objects.create_superuser("bench-admin", "bench@example.invalid", None)
    client = Client()
    client.force_login(user)
    latest = Engagement.objects.order_by("-date", "-id").values_list("pk", flat=True).first()

    results = []
    for label, name, args, query in PAGES:
        entry: dict = {"page": label, "url_name": name}
        results.append(entry)
        resolved_args = [latest if a == "<latest>" else a for a in args]
        if None in resolved_args:
            entry["status"] = "no data"
            continue
        try:
            url = reverse(name, args=resolved_args) + query
        except NoReverseMatch:
            entry["status"] = "missing"
            continue
        entry["url"] = url
        try:
            begin = time.perf_counter()
            response = client.get(url)
            entry["first_ms"] = (time.perf_counter() - begin) * 1000
            if response.status_code != 200:
                entry["status"] = f"HTTP {response.status_code}"
                continue
            for _ in range(warmup):
                client.get(url)
            samples = []
            deadline = time.perf_counter() + page_budget
            for number in range(requests):
                if number >= MIN_SAMPLES and time.perf_counter() > deadline:
                    break
                begin = time.perf_counter()
                client.get(url)
                samples.append((time.perf_counter() - begin) * 1000)
            sql_seconds = 0.0

            def time_sql(execute, sql, params, many, context):
                nonlocal sql_seconds
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    sql_seconds += time.perf_counter() - start

            with CaptureQueriesContext(connection) as captured, \
                    connection.execute_wrapper(time_sql):
                response = client.get(url)
        except Exception as exc:  # noqa: BLE001 - report the page as failing, go on
            entry["status"] = f"error: {type(exc).__name__}: {str(exc)[:200]}"
            continue
        entry.update(
            status="ok",
            median_ms=statistics.median(samples),
            p95_ms=percentile(samples, 0.95),
            min_ms=min(samples),
            queries=len(captured.captured_queries),
            query_ms=sql_seconds * 1000,
            samples=len(samples),
            bytes=len(response.content),
            samples_ms=samples,
        )
    print(json.dumps({"engagements": Engagement.objects.count(), "pages": results}))


# -- parent -------------------------------------------------------------------


def populate(database_url: str, dataset: str, engagements: int) -> dict:
    """Fill a migrated database with ``dataset``; return what was done and how long it took."""
    begin = time.perf_counter()
    if dataset == "seeds":
        output = benchlib.manage(database_url, "loadseeds", "seeds/", "-v", "0")
        detail = output.strip().splitlines()[-1] if output.strip() else ""
    else:
        script = str(benchlib.BENCH_DIR / "make_dataset.py")
        detail = benchlib.run_json([benchlib.PYTHON, script, "--engagements", str(engagements)],
                                   database_url)
    return {"seconds": time.perf_counter() - begin, "detail": detail}


def measure(kind: str, dataset: str, args: argparse.Namespace) -> dict:
    """A new ``kind`` database with ``dataset``; the child's page measurements."""
    with benchlib.temporary_database(kind, f"pages_{dataset}") as url:
        begin = time.perf_counter()
        benchlib.migrate(url)
        migrate_seconds = time.perf_counter() - begin
        filled = populate(url, dataset, args.engagements)
        child = [benchlib.PYTHON, str(Path(__file__).resolve()), "--child",
                 "--requests", str(args.requests), "--warmup", str(args.warmup),
                 "--page-budget", str(args.page_budget)]
        result = benchlib.run_json(child, url, timeout=1800)
    return {"database": kind, "dataset": dataset, "migrate_seconds": migrate_seconds,
            "populate": filled, **result}


def table(runs: list[dict]) -> str:
    rows = []
    for run in runs:
        if "error" in run:
            first_line = run["error"].splitlines()[0]
            rows.append([run["database"], run["dataset"], "(all)", f"failed: {first_line}",
                         "", "", "", "", "", ""])
            continue
        for page in run["pages"]:
            ok = page.get("status") == "ok"
            rows.append([
                run["database"], f"{run['dataset']} ({run['engagements']:,})", page["page"],
                f"{page['median_ms']:.1f}" if ok else page.get("status"),
                f"{page['p95_ms']:.1f}" if ok else "",
                page["samples"] if ok else "",
                page["queries"] if ok else "",
                f"{page['query_ms']:.1f}" if ok else "",
                f"{page['first_ms']:.0f}" if "first_ms" in page else "",
                f"{page['bytes'] / 1024:.0f}" if ok else "",
            ])
    return benchlib.markdown_table(
        ["database", "dataset (engagements)", "page", "median ms", "p95 ms", "n", "queries",
         "SQL ms", "first ms", "KiB"],
        rows,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the dashboard's main pages.")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--datasets", default="seeds,synthetic")
    parser.add_argument("--engagements", type=int, default=10_000,
                        help="size of the synthetic dataset")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page")
    parser.add_argument("--page-budget", type=float, default=20.0,
                        help="seconds of timed requests per page; slower pages get fewer "
                        f"requests (at least {MIN_SAMPLES})")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.requests, args.warmup, args.page_budget)
        return 0

    databases = benchlib.parse_list(args.databases, benchlib.DATABASE_KINDS)
    datasets = benchlib.parse_list(args.datasets, DATASETS)
    if "postgres" in databases and not benchlib.postgres_available():
        print(f"PostgreSQL at {benchlib.POSTGRES_URL} is not reachable; skipping it.",
              file=sys.stderr)
        databases.remove("postgres")
    report: dict = {
        "benchmark": "pages",
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "requests": args.requests, "warmup": args.warmup, "debug": os.environ.get("DEBUG", ""),
        "runs": [],
    }
    for kind in databases:
        for dataset in datasets:
            print(f"… {kind}: {dataset} dataset", file=sys.stderr, flush=True)
            try:
                report["runs"].append(measure(kind, dataset, args))
            except benchlib.BenchError as exc:
                print(f"   failed: {exc}", file=sys.stderr)
                report["runs"].append({"database": kind, "dataset": dataset, "error": str(exc)})

    print(f"## Page benchmark (test Client, {args.requests} timed requests per page after "
          f"{args.warmup} warm-up)\n")
    print(table(report["runs"]))
    print()
    for run in report["runs"]:
        if "error" in run:
            print(f"- {run['database']}/{run['dataset']}: failed:\n\n```\n{run['error']}\n```")
            continue
        print(f"- {run['database']}/{run['dataset']}: migrate {run['migrate_seconds']:.1f} s, "
              f"populate {run['populate']['seconds']:.1f} s")
    path = benchlib.write_json("pages.json", report)
    print(f"\nWrote {path.relative_to(benchlib.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
