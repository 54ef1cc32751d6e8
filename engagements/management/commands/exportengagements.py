"""Export engagements in the stable ``engagements/v1`` JSON format, or as CSV."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from engagements.exporting import SCHEMA, iter_records, write_csv


class Command(BaseCommand):
    help = "Write every engagement as engagements/v1 JSON (default) or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", type=Path, help="File to write (default: stdout).")

    def handle(self, *args, format: str, output: Path | None, **options):
        try:
            stream = output.open("w", encoding="utf-8", newline="") if output else None
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror or exc}") from exc
        # Write to the raw stream: OutputWrapper would add a newline per write.
        target = stream if stream else self.stdout._out
        try:
            if format == "json":
                self._write_json(target)
            else:
                write_csv(iter_records(), target)
        finally:
            if stream:
                stream.close()
        if output:
            self.stderr.write(f"Wrote {format.upper()} to {output}")

    @staticmethod
    def _write_json(target) -> None:
        """Stream the document record by record so memory does not grow with the database."""
        target.write(f'{{"schema": {json.dumps(SCHEMA)}, "engagements": [')
        for index, record in enumerate(iter_records()):
            target.write(("," if index else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        target.write("\n]}\n")
