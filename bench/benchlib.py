"""Shared plumbing for the benchmarks: throwaway databases, child processes, tables.

Every measurement runs in a child Python process whose environment selects the
database (``DATABASE_URL``), exactly as a user's ``manage.py`` run would; the
parent only prepares databases and collects the JSON each child prints on its
last line of output.

Databases are created for one measurement and removed afterwards:

* SQLite: a file in a temporary directory (``sqlite:////tmp/.../bench.sqlite3``).
* PostgreSQL: a database ``bench_<pid>_<label>`` on the server named by
  ``BENCH_POSTGRES_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``),
  dropped with ``DROP DATABASE ... WITH (FORCE)`` when the measurement ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
OUT_DIR = BENCH_DIR / "out"
PYTHON = sys.executable
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE_KINDS = ("sqlite", "postgres")


class BenchError(RuntimeError):
    """A benchmark step failed; the message says which and why."""


# -- databases ----------------------------------------------------------------


def _postgres_admin_connection():
    import psycopg

    return psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=10)


def postgres_available() -> bool:
    """Whether the benchmark PostgreSQL server answers."""
    try:
        with _postgres_admin_connection() as connection:
            connection.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False
    return True


@contextlib.contextmanager
def temporary_database(kind: str, label: str) -> Iterator[str]:
    """Yield the ``DATABASE_URL`` of a new, empty database; remove it afterwards."""
    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix=f"bench-{label}-"))
        try:
            yield f"sqlite:///{folder / 'bench.sqlite3'}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    elif kind == "postgres":
        from psycopg import sql

        name = f"bench_{os.getpid()}_{label}".lower()
        identifier = sql.Identifier(name)
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier)
        with _postgres_admin_connection() as connection:
            connection.execute(drop)
            connection.execute(sql.SQL("CREATE DATABASE {}").format(identifier))
        parts = urlsplit(POSTGRES_URL)
        try:
            yield urlunsplit(parts._replace(path=f"/{name}"))
        finally:
            with _postgres_admin_connection() as connection:
                connection.execute(drop)
    else:
        raise BenchError(f"unknown database kind {kind!r} (expected one of {DATABASE_KINDS})")


# -- child processes ----------------------------------------------------------


def child_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a child process: this one's, with the database selected."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    hosts = [h for h in env.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
    env["ALLOWED_HOSTS"] = ",".join(dict.fromkeys([*hosts, "testserver"]))
    env.update(extra)
    return env


def run(args: Sequence[str], database_url: str, *, timeout: float = 900, **extra: str) -> str:
    """Run a command from the project root against ``database_url``; return its stdout."""
    result = subprocess.run(
        list(args), cwd=ROOT, env=child_env(database_url, **extra), capture_output=True,
        text=True, timeout=timeout, check=False,
    )
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-15:]
        command = " ".join(args[:3])
        raise BenchError(f"{command} ... exited {result.returncode}:\n" + "\n".join(tail))
    return result.stdout


def manage(database_url: str, *args: str, timeout: float = 900) -> str:
    """``manage.py <args>`` against ``database_url``."""
    return run([PYTHON, "manage.py", *args], database_url, timeout=timeout)


def migrate(database_url: str) -> None:
    manage(database_url, "migrate", "--no-input", "-v", "0")


def run_json(args: Sequence[str], database_url: str, *, timeout: float = 900) -> dict:
    """Run a child that prints a JSON object on its last line of output; return it."""
    stdout = run(args, database_url, timeout=timeout)
    lines = [line for line in stdout.splitlines() if line.strip()]
    if not lines:
        raise BenchError(f"{' '.join(args[:3])} printed nothing")
    return json.loads(lines[-1])


# -- inside a child -----------------------------------------------------------


def setup_django() -> None:
    """Configure Django in a child process (settings from the environment)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def current_rss_kib() -> int:
    """This process's resident set size now, in KiB (Linux ``/proc``)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def peak_rss_kib() -> int:
    """This process's peak resident set size so far, in KiB (Linux ``ru_maxrss``)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# -- reporting ----------------------------------------------------------------


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured markdown table, numbers right-aligned."""
    cells = [[str(h) for h in headers], *[["" if c is None else str(c) for c in r] for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [
        all(_is_number(r[i]) for r in cells[1:] if r[i]) and any(r[i] for r in cells[1:])
        for i in range(len(headers))
    ]

    def line(row: list[str]) -> str:
        padded = [
            c.rjust(w) if num else c.ljust(w)
            for c, w, num in zip(row, widths, numeric, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if num else ("-" * (w + 2))
                          for w, num in zip(widths, numeric, strict=True)) + "|"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def write_json(name: str, data: object) -> Path:
    """Write ``bench/out/<name>`` (pretty JSON) and return its path."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / name
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def parse_list(value: str, allowed: Sequence[str]) -> list[str]:
    """Split a comma-separated option value, refusing unknown items."""
    items = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in items if v not in allowed]
    if unknown:
        raise SystemExit(f"unknown value(s) {', '.join(unknown)}; choose from {', '.join(allowed)}")
    return items
