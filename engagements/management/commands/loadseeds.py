"""Import readouts and news stories into engagements, officials and commitments."""

import datetime as dt
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from engagements.countries import sync_countries
from engagements.documents import (
    DocumentError,
    ParsedDocument,
    iter_document_paths,
    parse_document,
    read_bytes,
    sha256_of,
)
from engagements.extraction import ExtractionResult
from engagements.extraction_pool import ExtractionPool
from engagements.importing import DocumentOutcome, Importer
from engagements.models import Country

# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200
# Documents extracted ahead of the writer; bounds memory whatever the folder size.
WINDOW_PER_WORKER = 16


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--reference-date {value!r} is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = (
        "Import .txt/.md readouts (default: the seeds/ folder). Each document is one "
        "transaction; documents already imported (same sha256) are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Files or folders to import.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be written; write nothing."
        )
        parser.add_argument(
            "--reference-date",
            type=str,
            default=None,
            help="Resolve year-less and relative dates of documents without a 'published' "
            "date against this day (YYYY-MM-DD; default: today).",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=0,
            help="Extraction worker processes (default: one per core for large imports, "
            f"none below {PARALLEL_THRESHOLD} documents; 1 extracts in this process).",
        )

    def handle(self, *args, paths, dry_run, reference_date, jobs, verbosity, **options):
        if jobs < 0:
            raise CommandError("--jobs must be 0 (automatic) or more.")
        reference = _date(reference_date) if reference_date else timezone.localdate()
        paths = paths or [Path(settings.BASE_DIR) / "seeds"]
        if not dry_run:
            sync_countries(Country)
        self.importer = Importer(reference_date=reference)
        self.verbosity = verbosity
        self.prefix = "[dry run] " if dry_run else ""
        self.totals = {"imported": 0, "unchanged": 0, "no-engagement": 0, "failed": 0}
        self.counts = {"created": 0, "merged": 0, "officials": 0, "commitments": 0}

        found = iter_document_paths(paths)
        if jobs == 0:
            jobs = (os.cpu_count() or 1) if len(found) >= PARALLEL_THRESHOLD else 1
        pool = (
            ExtractionPool(
                workers=jobs,
                country_aliases=self.importer.extra_country_aliases,
                official_aliases=self.importer.extra_official_aliases,
            )
            if jobs > 1
            else nullcontext()
        )
        with pool:
            pending: deque[tuple[Path, ParsedDocument, Future[ExtractionResult]]] = deque()
            for path, document in self._documents(found):
                if jobs == 1:
                    self._write(path, document, None, dry_run=dry_run)
                    continue
                future = pool.submit(
                    document.body,
                    published=document.published,
                    reference_date=reference,
                    title=document.title or None,
                )
                pending.append((path, document, future))
                if len(pending) >= jobs * WINDOW_PER_WORKER:
                    self._write(*pending.popleft(), dry_run=dry_run)
            while pending:
                self._write(*pending.popleft(), dry_run=dry_run)

        t, c = self.totals, self.counts
        self.stdout.write(
            f"{self.prefix}{sum(t.values())} documents: {t['imported']} imported, "
            f"{t['unchanged']} unchanged, {t['no-engagement']} without an engagement, "
            f"{t['failed']} failed. Engagements: {c['created']} created, {c['merged']} merged; "
            f"{c['officials']} officials and {c['commitments']} commitments created."
        )
        if t["failed"]:
            raise CommandError(f"{t['failed']} document(s) could not be imported (see above).")

    def _documents(
        self, found: list[tuple[Path, str | None]]
    ) -> Iterator[tuple[Path, ParsedDocument]]:
        """Read and check each file; report the bad ones and skip the unchanged ones."""
        max_bytes = settings.ENGAGEMENTS_MAX_DOCUMENT_BYTES
        for path, problem in found:
            try:
                if problem:
                    raise DocumentError(problem)
                raw = read_bytes(path, max_bytes=max_bytes)
                if self.importer.is_known(sha256_of(raw)):
                    self.totals["unchanged"] += 1
                    if self.verbosity >= 2:
                        self.stdout.write(f"{self.prefix}unchanged  {path.name}")
                    continue
                yield path, parse_document(raw, name=path.name)
            except DocumentError as exc:
                self.totals["failed"] += 1
                self.stderr.write(f"error: {path}: {exc}; skipped")

    def _write(
        self,
        path: Path,
        document: ParsedDocument,
        extracted: Future[ExtractionResult] | None,
        *,
        dry_run: bool,
    ) -> None:
        try:
            result = extracted.result() if extracted else self.importer.extract(document)
            outcome = self.importer.write(document, result, dry_run=dry_run)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            self.totals["failed"] += 1
            self.stderr.write(
                f"error: {path}: import failed ({type(exc).__name__}: {exc}); "
                "nothing from it was written"
            )
            return
        self._report(outcome, dry_run=dry_run)

    def _report(self, outcome: DocumentOutcome, *, dry_run: bool) -> None:
        self.totals[outcome.status] += 1
        name = outcome.name
        for warning in outcome.warnings:
            self.stdout.write(f"{self.prefix}warning    {name}: {warning}")
        if outcome.status == "no-engagement" and self.verbosity >= 1:
            self.stdout.write(f"{self.prefix}no engagement  {name}: stored as a source only")
        verbs = {
            "created": "would create" if dry_run else "created",
            "merged": "would merge into" if dry_run else "merged into",
            "merged-protected": "would add a source to"
            if dry_run
            else "added a source to reviewed",
        }
        for result in outcome.engagements:
            self.counts["created" if result.action == "created" else "merged"] += 1
            self.counts["commitments"] += result.commitments_created
            self.counts["officials"] += result.officials_created
            if self.verbosity >= 1:
                self.stdout.write(
                    f"{self.prefix}{verbs[result.action]} {result.date:%Y-%m-%d} {result.title} "
                    f"({result.officials_created} new officials, "
                    f"{result.commitments_created} commitments) <- {name}"
                )
            if self.verbosity >= 2:
                for fact, sentence in result.evidence:
                    self.stdout.write(f"      {fact:<11} {sentence}")
