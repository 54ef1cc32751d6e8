"""Import readouts and news stories into engagements, officials and commitments."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from engagements.countries import sync_countries
from engagements.documents import (
    DocumentError,
    iter_document_paths,
    parse_document,
    read_bytes,
    sha256_of,
)
from engagements.importing import Importer
from engagements.models import Country


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

    def handle(self, *args, paths, dry_run, reference_date, verbosity, **options):
        reference = _date(reference_date) if reference_date else timezone.localdate()
        paths = paths or [Path(settings.BASE_DIR) / "seeds"]
        if not dry_run:
            sync_countries(Country)
        importer = Importer(reference_date=reference)
        max_bytes = settings.ENGAGEMENTS_MAX_DOCUMENT_BYTES
        totals = {"imported": 0, "unchanged": 0, "no-engagement": 0, "failed": 0}
        created = merged = commitments = officials = 0
        prefix = "[dry run] " if dry_run else ""

        for path, problem in iter_document_paths(paths):
            name = path.name
            try:
                if problem:
                    raise DocumentError(problem)
                raw = read_bytes(path, max_bytes=max_bytes)
                if importer.is_known(sha256_of(raw)):
                    totals["unchanged"] += 1
                    if verbosity >= 2:
                        self.stdout.write(f"{prefix}unchanged  {name}")
                    continue
                document = parse_document(raw, name=name)
                outcome = importer.import_document(document, dry_run=dry_run)
            except DocumentError as exc:
                totals["failed"] += 1
                self.stderr.write(f"error: {path}: {exc}; skipped")
                continue
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
                totals["failed"] += 1
                self.stderr.write(
                    f"error: {path}: import failed ({type(exc).__name__}: {exc}); "
                    "nothing from it was written"
                )
                continue

            totals[outcome.status] += 1
            for warning in outcome.warnings:
                self.stdout.write(f"{prefix}warning    {name}: {warning}")
            if not outcome.engagements:
                if verbosity >= 1:
                    self.stdout.write(f"{prefix}no engagement  {name}: stored as a source only")
                continue
            for result in outcome.engagements:
                created += result.action == "created"
                merged += result.action != "created"
                commitments += result.commitments_created
                officials += result.officials_created
                verb = {
                    "created": "would create" if dry_run else "created",
                    "merged": "would merge" if dry_run else "merged into",
                    "merged-protected": "would add a source to"
                    if dry_run
                    else "added a source to reviewed",
                }[result.action]
                if verbosity >= 1:
                    self.stdout.write(
                        f"{prefix}{verb} {result.date:%Y-%m-%d} {result.title!s} "
                        f"({result.officials_created} new officials, "
                        f"{result.commitments_created} commitments) <- {name}"
                    )
                if verbosity >= 2:
                    for fact, sentence in result.evidence:
                        self.stdout.write(f"      {fact:<11} {sentence}")

        summary = (
            f"{prefix}{sum(totals.values())} documents: {totals['imported']} imported, "
            f"{totals['unchanged']} unchanged, {totals['no-engagement']} without an engagement, "
            f"{totals['failed']} failed. Engagements: {created} created, {merged} merged; "
            f"{officials} officials and {commitments} commitments created."
        )
        self.stdout.write(summary)
        if totals["failed"]:
            raise CommandError(f"{totals['failed']} document(s) could not be imported (see above).")
