"""``manage.py loadseeds``: readouts become engagements, once, with evidence; bad files fail alone."""

import datetime as dt
import hashlib
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from engagements.choices import ReviewStatus
from engagements.importing import Importer
from engagements.models import (
    Commitment,
    Engagement,
    Evidence,
    Official,
    Participation,
    SourceDocument,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_9874ad1f9f39c35b.txt"

READOUT = """---
title: Readout of Secretary of War's Meeting With Philippine Defense Secretary
published: 2026-05-08
---
Secretary of War Pete Hegseth hosted Philippine Secretary of National Defense Gilberto Teodoro Jr. at the Pentagon on May 7.

The two leaders agreed to expand combined exercises in the South China Sea and to accelerate the delivery of coastal defense systems to the Philippines.
"""

NEWS_STORY = """---
title: Manila and Washington pledge more drills
published: 2026-05-09
source_url: https://news.example.org/manila-washington-drills
---
WASHINGTON — Philippine defense chief Gilberto Teodoro Jr. met U.S. Secretary of War Pete Hegseth on Thursday, May 7, at the Pentagon.

Teodoro said Manila would host more rotational U.S. forces next year.
"""

NO_MEETING = """---
title: Department releases budget overview
published: 2026-02-10
---
The Department today released an overview of its fiscal year budget request, which funds shipbuilding, munitions production and pay raises for service members.
"""


def load(*args, **kwargs) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("loadseeds", *map(str, args), stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_seed_yields_the_pentagon_meeting_of_hegseth_and_koizumi():
    load(SEEDS, reference_date="2026-11-27")
    engagement = Engagement.objects.get()
    assert engagement.date == dt.date(2026, 1, 15)
    assert engagement.date_derivation == "year-inferred"
    assert engagement.location == "Pentagon"
    assert engagement.host_country_id == "US"
    assert sorted(engagement.countries.values_list("code", flat=True)) == ["JP", "US"]
    assert engagement.kind == "meeting" and engagement.level == "ministerial"
    assert engagement.review_status == ReviewStatus.UNREVIEWED

    people = {
        (p.official.name, p.title, p.official.country_id, p.role)
        for p in Participation.objects.select_related("official")
    }
    assert people == {
        ("Pete Hegseth", "Secretary of War", "US", "host"),
        ("Shinjirō Koizumi", "Minister of Defense", "JP", "guest"),
    }
    assert Official.objects.count() == 2

    commitments = {
        (c.category, tuple(sorted(c.parties.values_list("code", flat=True)))): c
        for c in Commitment.objects.all()
    }
    spending = commitments[("defense-spending", ("JP",))]
    assert "defense spending" in spending.text.lower()
    joint = next(c for (cat, parties), c in commitments.items() if parties == ("JP", "US"))
    assert "continue collaboration" in joint.text.lower()
    for commitment in (spending, joint):
        evidence = commitment.evidence.get()
        source = evidence.source
        assert source.text[evidence.start : evidence.end] in evidence.sentence
        assert evidence.sentence in source.text
    assert "Tokyo’s decision to increase its defense spending" in spending.evidence.get().sentence


def test_seed_source_keeps_the_file_hash_and_text():
    load(SEED, reference_date="2026-11-27")
    source = SourceDocument.objects.get()
    assert source.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert source.text == SEED.read_text(encoding="utf-8")
    assert source.extractor_version
    assert list(source.engagements.all()) == [Engagement.objects.get()]


def test_second_run_changes_nothing_and_reports_unchanged():
    load(SEEDS, reference_date="2026-11-27")
    counts = [m.objects.count() for m in (Engagement, Official, Commitment, Evidence)]
    out, _ = load(SEEDS, reference_date="2026-11-27")
    assert "1 unchanged" in out
    assert [m.objects.count() for m in (Engagement, Official, Commitment, Evidence)] == counts


def test_published_date_resolves_weekdays_and_yearless_dates(tmp_path):
    write(tmp_path, "readout.txt", READOUT)
    load(tmp_path)
    engagement = Engagement.objects.get()
    assert engagement.date == dt.date(2026, 5, 7)
    assert engagement.date_derivation != "year-inferred"


def test_second_story_of_same_meeting_adds_a_source(tmp_path):
    write(tmp_path, "a-readout.txt", READOUT)
    write(tmp_path, "b-news.md", NEWS_STORY)
    out, _ = load(tmp_path)
    engagement = Engagement.objects.get()
    assert engagement.sources.count() == 2
    assert Official.objects.filter(name_folded="gilberto teodoro jr.").count() == 1
    assert Official.objects.count() == 2
    assert "merged" in out


def test_reviewed_engagement_is_not_overwritten_by_a_later_story(tmp_path):
    write(tmp_path, "a-readout.txt", READOUT)
    load(tmp_path)
    engagement = Engagement.objects.get()
    engagement.title = "Corrected by a clerk"
    engagement.review_status = ReviewStatus.CONFIRMED
    engagement.save()
    commitments_before = Commitment.objects.count()
    participants_before = Participation.objects.count()

    later = tmp_path / "later"
    later.mkdir()
    write(later, "b-news.md", NEWS_STORY)
    load(later)

    engagement.refresh_from_db()
    assert engagement.title == "Corrected by a clerk"
    assert engagement.review_status == ReviewStatus.CONFIRMED
    assert engagement.sources.count() == 2
    assert Commitment.objects.count() == commitments_before
    assert Participation.objects.count() == participants_before
    assert Evidence.objects.filter(source__file_name="b-news.md").exists()


def test_merge_locks_the_stored_engagement_until_the_document_commits(tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    write(tmp_path, "a-readout.txt", READOUT)
    load(tmp_path)
    later = tmp_path / "later"
    later.mkdir()
    write(later, "b-news.md", NEWS_STORY)
    with CaptureQueriesContext(connection) as queries:
        out, _ = load(later)
    assert "merged" in out
    if connection.features.has_select_for_update:
        engagement_reads = [
            q["sql"] for q in queries if 'FROM "engagements_engagement"' in q["sql"]
            and "FOR UPDATE" in q["sql"]
        ]
        assert engagement_reads, "the engagement a story merges into must be locked"


def test_document_with_no_engagement_is_kept_as_a_source_only(tmp_path):
    write(tmp_path, "budget.txt", NO_MEETING)
    out, _ = load(tmp_path)
    assert Engagement.objects.count() == 0
    assert SourceDocument.objects.get().engagements.count() == 0
    assert "no engagement" in out


BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02\x03PK\x03\x04" * 20,
    "latin1.txt": "Le ministre fran\u00e7ais a rencontr\u00e9".encode("latin-1"),
    "unclosed.md": b"---\ntitle: x\nbody without closing\n",
    "baddate.md": b"---\npublished: 2026-13-45\n---\nHegseth met Koizumi.",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_document_is_named_skipped_and_others_still_import(tmp_path, name):
    write(tmp_path, name, BAD_FILES[name])
    write(tmp_path, "good.txt", READOUT)
    err = StringIO()
    with pytest.raises(CommandError, match="1 document"):
        call_command("loadseeds", str(tmp_path), stdout=StringIO(), stderr=err)
    assert f"{name}:" in err.getvalue()
    assert err.getvalue().count("error:") == 1
    assert SourceDocument.objects.filter(file_name=name).count() == 0
    assert Engagement.objects.count() == 1


def test_missing_path_and_wrong_file_type_are_reported(tmp_path):
    pdf = write(tmp_path, "scan.pdf", b"%PDF-1.4")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "loadseeds", str(tmp_path / "nope.txt"), str(pdf), stdout=StringIO(), stderr=err
        )
    assert "nope.txt: does not exist" in err.getvalue()
    assert "scan.pdf: is not a .txt or .md document" in err.getvalue()


def test_oversized_document_is_refused(tmp_path, settings):
    settings.ENGAGEMENTS_MAX_DOCUMENT_BYTES = 100
    write(tmp_path, "long.txt", READOUT)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("loadseeds", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "larger than the 100-byte limit" in err.getvalue()
    assert SourceDocument.objects.count() == 0


def test_failure_while_writing_leaves_nothing_of_that_document(tmp_path, monkeypatch):
    write(tmp_path, "a-good.txt", READOUT)
    shutil.copy(SEED, tmp_path / "b-seed.txt")

    original = Importer._create_commitments

    def fail_on_seed(self, engagement, candidate, source, **kwargs):
        if source.file_name == "b-seed.txt":
            raise RuntimeError("disk full")
        return original(self, engagement, candidate, source, **kwargs)

    monkeypatch.setattr(Importer, "_create_commitments", fail_on_seed)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "loadseeds", str(tmp_path), stdout=StringIO(), stderr=err, reference_date="2026-11-27"
        )
    assert "b-seed.txt: import failed (RuntimeError: disk full)" in err.getvalue()
    assert list(SourceDocument.objects.values_list("file_name", flat=True)) == ["a-good.txt"]
    assert not Official.objects.filter(name_folded="shinjiro koizumi").exists()
    assert Engagement.objects.count() == 1

    monkeypatch.setattr(Importer, "_create_commitments", original)
    load(tmp_path, reference_date="2026-11-27")
    assert SourceDocument.objects.count() == 2
    assert Official.objects.filter(name_folded="shinjiro koizumi").exists()


def test_dry_run_writes_nothing_and_says_what_it_would_do():
    out, _ = load(SEEDS, dry_run=True, reference_date="2026-11-27")
    assert "would create 2026-01-15" in out
    assert SourceDocument.objects.count() == 0
    assert Engagement.objects.count() == 0
    assert Official.objects.count() == 0


def test_verbose_run_prints_the_evidence_sentences():
    out, _ = load(SEEDS, reference_date="2026-11-27", verbosity=2)
    assert "Tokyo’s decision to increase its defense spending" in out


def test_malformed_reference_date_is_refused():
    with pytest.raises(CommandError, match="not a date"):
        load(SEEDS, reference_date="27/11/2026")


def test_officials_are_matched_across_documents_without_diacritics(tmp_path):
    load(SEED, reference_date="2026-11-27")
    write(
        tmp_path,
        "call.txt",
        "---\npublished: 2026-03-02\n---\n"
        "Secretary of War Pete Hegseth spoke by phone today with Japanese Defense Minister "
        "Shinjiro Koizumi. The two agreed to hold a two-plus-two meeting in Tokyo this summer.\n",
    )
    load(tmp_path)
    assert Official.objects.filter(name_folded="shinjiro koizumi").count() == 1
    call = Engagement.objects.get(date=dt.date(2026, 3, 2))
    assert call.kind == "call"
    assert set(call.officials.values_list("name", flat=True)) == {
        "Pete Hegseth",
        "Shinjirō Koizumi",
    }


def _export_without_ids() -> list[dict]:
    out = StringIO()
    call_command("exportengagements", stdout=out)
    records = json.loads(out.getvalue())["engagements"]
    for record in records:
        record.pop("id")
        for commitment in record["commitments"]:
            commitment.pop("id")
    return sorted(records, key=lambda r: (r["date"], r["title"]))


def test_worker_processes_import_exactly_what_one_process_imports(tmp_path):
    corpus = Path(__file__).resolve().parent / "corpus"
    call_command("loadseeds", str(corpus), "--jobs", "1", reference_date="2026-11-27",
                 stdout=StringIO())
    sequential = _export_without_ids()
    assert len(sequential) > 20
    for model in (Evidence, Commitment, Participation, Engagement, SourceDocument, Official):
        model.objects.all().delete()

    out = StringIO()
    call_command("loadseeds", str(corpus), "--jobs", "2", reference_date="2026-11-27",
                 stdout=out)
    assert _export_without_ids() == sequential
    assert "0 failed" in out.getvalue()


def test_the_same_file_twice_in_one_run_is_imported_once(tmp_path):
    write(tmp_path, "a.txt", READOUT)
    write(tmp_path, "b-copy.txt", READOUT)
    out, _ = load(tmp_path, "--jobs", "2")
    assert SourceDocument.objects.count() == 1
    assert "1 imported, 1 unchanged" in out


def test_negative_jobs_is_refused():
    with pytest.raises(CommandError, match="--jobs"):
        load(SEEDS, "--jobs", "-1")


TRIP = """---
title: Secretary visits Jakarta
published: 2026-06-03
---
JAKARTA — Secretary of War Pete Hegseth met Indonesian Minister of Defense Sjafrie Sjamsoeddin in Jakarta on June 2. The two ministers agreed to expand joint exercises.

Hegseth also met President Prabowo Subianto later in the day to discuss regional security.
"""


def test_trip_with_two_meetings_and_a_shared_new_official_imports_both(tmp_path):
    write(tmp_path, "trip.md", TRIP)
    out, err = load(tmp_path)
    assert err == ""
    assert Official.objects.filter(name="Pete Hegseth").count() == 1
    source = SourceDocument.objects.get()
    meetings = list(source.engagements.order_by("id"))
    assert len(meetings) == 2, out
    assert [set(m.officials.values_list("name", flat=True)) for m in meetings] == [
        {"Pete Hegseth", "Sjafrie Sjamsoeddin"},
        {"Pete Hegseth", "Prabowo Subianto"},
    ]
    assert "2 created" in out
