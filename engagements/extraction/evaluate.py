"""Precision and recall of extraction over a corpus of annotated documents.

A corpus directory holds ``<name>.txt`` (the document body) next to
``<name>.expected.json``::

    {"published": "2026-01-16" | null, "reference_date": "2026-11-27", "title": null,
     "engagements": [{"date": "2026-01-15", "date_precision": "day", "kind": "meeting",
                      "level": "ministerial", "location": "Pentagon", "host_country": "US",
                      "countries": ["JP", "US"],
                      "participants": [{"name": ..., "title": ..., "country": ..., "role": ...}],
                      "topics": [...],
                      "commitments": [{"parties": ["JP"], "category": "defense-spending",
                                       "text_contains": "increase its defense spending"}]}]}

Engagements are paired in order. Scalar fields score one item per engagement
when they have a value; list fields score one item per element (participants
by name, title, country and role; commitments by parties and category).

Run ``python -m engagements.extraction.evaluate tests/corpus`` for a table.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

from .engine import extract
from .text import fold
from .types import ExtractedEngagement

FIELDS = (
    "date",
    "kind",
    "level",
    "location",
    "host_country",
    "countries",
    "participants",
    "topics",
    "commitments",
)


def evaluate(corpus_dir: str | Path) -> dict[str, dict[str, float | int]]:
    """Score extraction against every annotated document in ``corpus_dir``.

    Returns ``{field: {"precision", "recall", "f1", "true_positives", "predicted", "expected"}}``.
    """
    counts = {field: Counter() for field in FIELDS}
    for expected_path in sorted(Path(corpus_dir).glob("*.expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        body = expected_path.with_name(expected_path.name.removesuffix(".expected.json") + ".txt")
        result = extract(
            body.read_text(encoding="utf-8"),
            published=_date(expected.get("published")),
            reference_date=_date(expected.get("reference_date")),
            title=expected.get("title"),
        )
        predicted = [_items(engagement) for engagement in result.engagements]
        wanted = [_expected_items(engagement) for engagement in expected["engagements"]]
        for index in range(max(len(predicted), len(wanted))):
            got = predicted[index] if index < len(predicted) else {}
            want = wanted[index] if index < len(wanted) else {}
            for field in FIELDS:
                _score(counts[field], got.get(field, []), want.get(field, []))
    return {field: _rates(counter) for field, counter in counts.items()}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _items(engagement: ExtractedEngagement) -> dict[str, list[Hashable]]:
    return {
        "date": [(engagement.date.isoformat(), engagement.date_precision)]
        if engagement.date
        else [],
        "kind": [engagement.kind],
        "level": [engagement.level],
        "location": [engagement.location] if engagement.location else [],
        "host_country": [engagement.host_country] if engagement.host_country else [],
        "countries": list(engagement.countries),
        "participants": [
            (fold(p.name), p.title, p.country, p.role) for p in engagement.participants
        ],
        "topics": list(engagement.topics),
        "commitments": [(tuple(c.parties), c.category) for c in engagement.commitments],
    }


def _expected_items(engagement: dict[str, Any]) -> dict[str, list[Hashable]]:
    return {
        "date": [(engagement["date"], engagement["date_precision"])]
        if engagement.get("date")
        else [],
        "kind": [engagement["kind"]],
        "level": [engagement["level"]],
        "location": [engagement["location"]] if engagement.get("location") else [],
        "host_country": [engagement["host_country"]] if engagement.get("host_country") else [],
        "countries": list(engagement["countries"]),
        "participants": [
            (fold(p["name"]), p["title"], p["country"], p["role"])
            for p in engagement["participants"]
        ],
        "topics": list(engagement["topics"]),
        "commitments": [(tuple(c["parties"]), c["category"]) for c in engagement["commitments"]],
    }


def _score(counter: Counter, predicted: Iterable[Hashable], expected: Iterable[Hashable]) -> None:
    got, want = Counter(predicted), Counter(expected)
    counter["true_positives"] += sum((got & want).values())
    counter["predicted"] += sum(got.values())
    counter["expected"] += sum(want.values())


def _rates(counter: Counter) -> dict[str, float | int]:
    tp, predicted, expected = counter["true_positives"], counter["predicted"], counter["expected"]
    precision = tp / predicted if predicted else 1.0
    recall = tp / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "true_positives": tp,
        "predicted": predicted,
        "expected": expected,
    }


def format_table(scores: dict[str, dict[str, float | int]]) -> str:
    """Render :func:`evaluate` output as a fixed-width table."""
    lines = [f"{'field':<14}{'precision':>10}{'recall':>8}{'f1':>7}{'tp':>6}{'pred':>6}{'gold':>6}"]
    for field, row in scores.items():
        lines.append(
            f"{field:<14}{row['precision']:>10.3f}{row['recall']:>8.3f}{row['f1']:>7.3f}"
            f"{row['true_positives']:>6}{row['predicted']:>6}{row['expected']:>6}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print("usage: python -m engagements.extraction.evaluate CORPUS_DIR", file=sys.stderr)
        return 2
    print(format_table(evaluate(arguments[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
