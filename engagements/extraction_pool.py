"""Extraction in worker processes, so a large import uses every core.

Extraction is pure (text in, records out), so it parallelises without locks:
workers extract while the importing process writes to the database. This
module imports nothing from Django's ORM, so a worker starts without settings.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

from . import extraction

_dictionaries: extraction.Dictionaries | None = None


def _init_worker(
    country_aliases: dict[str, list[str]], official_aliases: dict[str, list[str]]
) -> None:
    global _dictionaries
    _dictionaries = extraction.load_dictionaries(
        extra_country_aliases=country_aliases, extra_official_aliases=official_aliases
    )


def _extract(
    body: str, published: dt.date | None, reference_date: dt.date, title: str | None
) -> extraction.ExtractionResult:
    return extraction.extract(
        body,
        published=published,
        reference_date=reference_date,
        title=title,
        dictionaries=_dictionaries,
    )


class ExtractionPool:
    """A pool of extraction workers sharing the importer's dictionaries."""

    def __init__(
        self,
        *,
        workers: int,
        country_aliases: dict[str, list[str]],
        official_aliases: dict[str, list[str]],
    ) -> None:
        # "spawn": workers never inherit the parent's database connections.
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(country_aliases, official_aliases),
        )

    def submit(
        self, body: str, *, published: dt.date | None, reference_date: dt.date, title: str | None
    ) -> Future[extraction.ExtractionResult]:
        return self._executor.submit(_extract, body, published, reference_date, title)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
