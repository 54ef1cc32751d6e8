"""Import benchmark: how fast ``manage.py loadseeds`` imports readouts, and its memory.

What is measured, and how:

* Documents are synthetic readouts from ``bench/readouts.py`` (distinct ~300-word
  stories, seeded, so every run imports the same bytes).
* Each database is new: SQLite in a temporary file, PostgreSQL as a database
  ``bench_<pid>_...`` that is dropped afterwards. ``manage.py migrate`` runs
  first, in its own process, and is not timed.
* The import runs in a fresh child process (``import_bench.py --child ...``)
  whose environment selects the database through ``DATABASE_URL``. The child
  calls ``django.setup()`` outside the timed region, then times
  ``call_command("loadseeds", folder, verbosity=0)`` with ``time.perf_counter``:
  the same code path as ``manage.py loadseeds <folder> -v 0`` — reading,
  hashing, extraction, country sync, every query and commit — but not the
  interpreter start or Django set-up (reported separately as "startup").
* (a) cold: the first import of N documents into the empty database;
  (b) unchanged: the same command again over the same N files, all of which are
  already imported (the hash check should make this cheap).
* (c) memory: the peak resident set size (``ru_maxrss``) of the child importing
  1,000, 5,000 and 10,000 documents on SQLite, next to its RSS right after
  ``django.setup()``; if the import streams documents, the peak stays flat as
  the count grows. The 1,000-document point is the SQLite cold run of (a). To
  keep the whole benchmark bounded, counts whose run would exceed
  ``--memory-budget`` seconds (projected from the measured SQLite cold rate) are
  reported as skipped rather than run.
* Queries per document are counted with a connection ``execute_wrapper``.

Settings are the project's defaults (``DEBUG`` as in the environment; with
``DEBUG`` on Django keeps at most 9,000 queries in its log, so that log is
bounded too). Targets from the issue, on a 2-core machine: cold ≥ 200
documents/s, unchanged ≥ 2,000 documents/s.

    python bench/import_bench.py [--count 1000] [--databases sqlite,postgres]
                                 [--skip-memory] [--memory-counts 1000,5000,10000]
                                 [--profile]

Prints markdown tables and writes ``bench/out/import.json``. ``--profile``
also runs one cold import of ``--count`` documents under cProfile (SQLite) and
prints the 25 most expensive functions by cumulative time
(``bench/out/loadseeds.prof`` keeps the whole profile).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import io
import json
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

import benchlib
from readouts import write_readouts

REFERENCE_DATE = "2026-11-01"  # fixed so year-less dates resolve the same way every run
COLD_TARGET = 200.0
UNCHANGED_TARGET = 2000.0


# -- child: one loadseeds run -------------------------------------------------

_TABLE = re.compile(r'\b(?:FROM|INTO|UPDATE)\s+"?([\w]+)"?', re.IGNORECASE)


def statement_kind(sql: str) -> str:
    """``"SELECT engagements_official"``-style label of a statement, for counting."""
    verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else "?"
    match = _TABLE.search(sql)
    return f"{verb} {match[1]}" if match else verb



def child_main(folder: str, profile_to: str | None) -> None:
    """Run ``loadseeds`` once in this process and print the measurements as JSON."""
    started = time.perf_counter()
    benchlib.setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import connection

    setup_seconds = time.perf_counter() - started
    rss_after_setup = benchlib.current_rss_kib()
    queries = 0
    by_statement: collections.Counter[str] = collections.Counter()

    def count_queries(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        by_statement[statement_kind(sql)] += 1
        return execute(sql, params, many, context)

    stdout, stderr = io.StringIO(), io.StringIO()
    error = None
    profiler = None
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
    with connection.execute_wrapper(count_queries):
        begin = time.perf_counter()
        if profiler:
            profiler.enable()
        try:
            call_command("loadseeds", folder, verbosity=0, reference_date=REFERENCE_DATE,
                         stdout=stdout, stderr=stderr)
        except CommandError as exc:
            error = str(exc)
        finally:
            if profiler:
                profiler.disable()
        seconds = time.perf_counter() - begin
    if profiler:
        profiler.dump_stats(profile_to)
    summary = [line for line in stdout.getvalue().splitlines() if " documents: " in line]
    print(json.dumps({
        "seconds": seconds,
        "startup_seconds": setup_seconds,
        "queries": queries,
        "queries_by_statement": dict(by_statement.most_common(20)),
        "rss_after_setup_kib": rss_after_setup,
        "peak_rss_kib": benchlib.peak_rss_kib(),
        "summary": summary[-1] if summary else "",
        "errors": stderr.getvalue().splitlines()[:5],
        "error": error,
    }))


# -- parent -------------------------------------------------------------------


def loadseeds(database_url: str, folder: Path, profile_to: Path | None = None) -> dict:
    """One loadseeds run in a fresh child process; returns its measurements."""
    args = [benchlib.PYTHON, str(Path(__file__).resolve()), "--child", str(folder)]
    if profile_to:
        args += ["--profile-to", str(profile_to)]
    wall = time.perf_counter()
    result = benchlib.run_json(args, database_url, timeout=1800)
    result["process_seconds"] = time.perf_counter() - wall
    return result


def per_second(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def measure_throughput(kind: str, folder: Path, count: int) -> dict:
    """Cold import then unchanged re-run of ``folder`` into a new ``kind`` database."""
    with benchlib.temporary_database(kind, f"import{count}") as url:
        benchlib.migrate(url)
        cold = loadseeds(url, folder)
        unchanged = loadseeds(url, folder)
    return {
        "database": kind, "documents": count,
        "cold": cold, "cold_docs_per_s": per_second(count, cold["seconds"]),
        "unchanged": unchanged, "unchanged_docs_per_s": per_second(count, unchanged["seconds"]),
    }


def measure_memory(folder: Path, count: int) -> dict:
    """Peak RSS of a cold SQLite import of ``count`` documents."""
    with benchlib.temporary_database("sqlite", f"memory{count}") as url:
        benchlib.migrate(url)
        run = loadseeds(url, folder)
    return {"documents": count, "run": run, "docs_per_s": per_second(count, run["seconds"])}


def profile(folder: Path, count: int) -> list[str]:
    """Cold SQLite import under cProfile; the top entries by cumulative time."""
    import pstats

    benchlib.OUT_DIR.mkdir(parents=True, exist_ok=True)
    target = benchlib.OUT_DIR / "loadseeds.prof"
    with benchlib.temporary_database("sqlite", "profile") as url:
        benchlib.migrate(url)
        loadseeds(url, folder, profile_to=target)
    buffer = io.StringIO()
    stats = pstats.Stats(str(target), stream=buffer)
    stats.strip_dirs().sort_stats("cumulative").print_stats(25)
    return buffer.getvalue().splitlines()


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f}"


def throughput_table(results: list[dict]) -> str:
    rows = []
    for r in results:
        cold, unchanged = r["cold"], r["unchanged"]
        rows.append([
            r["database"], r["documents"],
            f"{cold['seconds']:.2f}", f"{r['cold_docs_per_s']:.0f}",
            "yes" if r["cold_docs_per_s"] >= COLD_TARGET else "NO",
            f"{unchanged['seconds']:.3f}", f"{r['unchanged_docs_per_s']:.0f}",
            "yes" if r["unchanged_docs_per_s"] >= UNCHANGED_TARGET else "NO",
            f"{cold['queries'] / r['documents']:.1f}", f"{cold['startup_seconds']:.2f}",
        ])
    return benchlib.markdown_table(
        ["database", "docs", "cold s", "cold docs/s", f"≥{COLD_TARGET:.0f}?",
         "unchanged s", "unchanged docs/s", f"≥{UNCHANGED_TARGET:.0f}?",
         "queries/doc (cold)", "startup s"],
        rows,
    )


def memory_table(results: list[dict]) -> str:
    rows = []
    for r in results:
        if "skipped" in r:
            rows.append([r["documents"], "skipped¹", "", "", "", ""])
            continue
        run = r["run"]
        rows.append([
            r["documents"], f"{run['seconds']:.2f}", f"{r['docs_per_s']:.0f}",
            mib(run["rss_after_setup_kib"]), mib(run["peak_rss_kib"]),
            mib(run["peak_rss_kib"] - run["rss_after_setup_kib"]),
        ])
    return benchlib.markdown_table(
        ["docs (SQLite)", "import s", "docs/s", "RSS after setup MiB", "peak RSS MiB",
         "peak − setup MiB"],
        rows,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark manage.py loadseeds.")
    parser.add_argument("--count", type=int, default=1000, help="documents for (a) and (b)")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--memory-counts", default="1000,5000,10000")
    parser.add_argument("--memory-budget", type=float, default=150.0,
                        help="seconds the memory runs may take together, projected from the "
                        "SQLite cold rate; counts beyond it are reported as skipped")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one cold SQLite import of --count documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.child, args.profile_to)
        return 0

    databases = benchlib.parse_list(args.databases, benchlib.DATABASE_KINDS)
    if "postgres" in databases and not benchlib.postgres_available():
        print(f"PostgreSQL at {benchlib.POSTGRES_URL} is not reachable; skipping it.",
              file=sys.stderr)
        databases.remove("postgres")
    memory_counts = [] if args.skip_memory else [int(c) for c in args.memory_counts.split(",")]

    report: dict = {
        "benchmark": "import",
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "seed": args.seed, "reference_date": REFERENCE_DATE,
        "targets": {"cold_docs_per_s": COLD_TARGET, "unchanged_docs_per_s": UNCHANGED_TARGET},
        "throughput": [], "memory": [], "profile": None,
    }
    with tempfile.TemporaryDirectory(prefix="bench-readouts-") as tmp:
        folders: dict[int, Path] = {}

        def folder_for(count: int) -> Path:
            if count not in folders:
                folders[count] = Path(tmp) / f"readouts-{count}"
                write_readouts(folders[count], count, seed=args.seed)
            return folders[count]

        for kind in databases:
            print(f"… {kind}: cold import and unchanged re-run of {args.count} readouts",
                  file=sys.stderr)
            try:
                report["throughput"].append(measure_throughput(kind, folder_for(args.count),
                                                               args.count))
            except benchlib.BenchError as exc:
                print(f"   failed: {exc}", file=sys.stderr)
                report.setdefault("failures", []).append({"database": kind, "error": str(exc)})
        sqlite_cold = next((r for r in report["throughput"] if r["database"] == "sqlite"), None)
        rate = sqlite_cold["cold_docs_per_s"] if sqlite_cold else None
        projected_total = 0.0
        for count in memory_counts:
            if sqlite_cold and count == args.count:  # the same measurement: reuse it
                report["memory"].append({"documents": count, "run": sqlite_cold["cold"],
                                         "docs_per_s": rate})
                continue
            projected = count / rate if rate else 0.0
            if rate and projected_total + projected > args.memory_budget:
                report["memory"].append({"documents": count, "skipped": (
                    f"projected {projected:.0f} s at {rate:.0f} docs/s exceeds the "
                    f"--memory-budget of {args.memory_budget:.0f} s")})
                continue
            projected_total += projected
            print(f"… memory: cold SQLite import of {count} readouts", file=sys.stderr)
            try:
                report["memory"].append(measure_memory(folder_for(count), count))
            except benchlib.BenchError as exc:
                print(f"   failed: {exc}", file=sys.stderr)
                report["memory"].append({"documents": count, "skipped": f"failed: {exc}"})
        if args.profile:
            print(f"… profiling a cold SQLite import of {args.count} readouts", file=sys.stderr)
            report["profile"] = profile(folder_for(args.count), args.count)

    print(f"## Import benchmark ({args.count} distinct synthetic readouts, seed {args.seed})\n")
    if report["throughput"]:
        print(throughput_table(report["throughput"]))
        print()
        for r in report["throughput"]:
            print(f"- {r['database']} cold: {r['cold']['summary']}")
            for line in r["cold"]["errors"]:
                print(f"  - {line}")
        print()
        first = report["throughput"][0]
        print(f"### Statements per document, cold import ({first['database']})\n")
        print(benchlib.markdown_table(
            ["statement", "per doc"],
            [[k, f"{v / first['documents']:.2f}"]
             for k, v in first["cold"]["queries_by_statement"].items()],
        ))
        print()
    if report["memory"]:
        print("### Peak memory of one loadseeds process (SQLite, cold import)\n")
        print(memory_table(report["memory"]))
        for r in report["memory"]:
            if "skipped" in r:
                print(f"\n¹ {r['documents']} documents: {r['skipped']}.")
        print()
    if report["profile"]:
        print("### cProfile, cold SQLite import, top 25 by cumulative time\n")
        print("```")
        print("\n".join(line for line in report["profile"] if line.strip()))
        print("```")
    for failure in report.get("failures", []):
        print(f"**{failure['database']} failed:**\n\n```\n{failure['error']}\n```\n")
    path = benchlib.write_json("import.json", report)
    print(f"\nWrote {path.relative_to(benchlib.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
