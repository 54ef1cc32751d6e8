"""``manage.py exportengagements``: the engagements/v1 contract and CSV."""

import csv
import datetime as dt
import hashlib
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from engagements.exporting import CSV_COLUMNS

from . import factories

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_9874ad1f9f39c35b.txt"


def export(*args) -> str:
    out = StringIO()
    call_command("exportengagements", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    call_command("loadseeds", str(SEEDS), reference_date="2026-11-27", stdout=StringIO())


def test_json_export_follows_the_engagements_v1_contract(seeded):
    data = json.loads(export("--format", "json"))
    assert data["schema"] == "engagements/v1"
    [engagement] = data["engagements"]
    assert set(engagement) == {
        "id",
        "date",
        "date_precision",
        "kind",
        "level",
        "title",
        "location",
        "host_country",
        "countries",
        "participants",
        "topics",
        "commitments",
        "sources",
        "review_status",
    }
    assert engagement["date"] == "2026-01-15"
    assert engagement["date_precision"] == "day"
    assert engagement["countries"] == ["JP", "US"]
    assert engagement["host_country"] == "US"
    assert engagement["location"] == "Pentagon"
    assert {
        (p["name"], p["title"], p["country"], p["role"]) for p in engagement["participants"]
    } == {
        ("Pete Hegseth", "Secretary of War", "US", "host"),
        ("Shinjirō Koizumi", "Minister of Defense", "JP", "guest"),
    }
    assert engagement["sources"] == [
        {
            "title": engagement["sources"][0]["title"],
            "url": None,
            "published": None,
            "sha256": hashlib.sha256(SEED.read_bytes()).hexdigest(),
        }
    ]
    for commitment in engagement["commitments"]:
        assert set(commitment) == {
            "id",
            "text",
            "parties",
            "category",
            "status",
            "due_date",
            "source_sentence",
        }
        assert commitment["parties"] == sorted(commitment["parties"])
        assert commitment["source_sentence"] in SEED.read_text(encoding="utf-8")
        assert commitment["status"] == "announced"
    categories = {(c["category"], tuple(c["parties"])) for c in engagement["commitments"]}
    assert ("defense-spending", ("JP",)) in categories
    assert engagement["review_status"] == "unreviewed"


def test_empty_database_exports_an_empty_list():
    assert json.loads(export()) == {"schema": "engagements/v1", "engagements": []}


def test_export_is_in_date_order_with_sorted_country_codes(db):
    factories.engagement(title="Later", date=dt.date(2026, 5, 1), countries=("US", "AU"))
    factories.engagement(title="Earlier", date=dt.date(2025, 5, 1), countries=("KR", "JP", "US"))
    data = json.loads(export())
    assert [e["title"] for e in data["engagements"]] == ["Earlier", "Later"]
    assert [e["countries"] for e in data["engagements"]] == [["JP", "KR", "US"], ["AU", "US"]]


def test_export_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    for i in range(30):
        meeting = factories.engagement(
            title=f"Meeting {i}",
            participants=(
                ("Pete Hegseth", "Secretary of War", "US"),
                (f"Minister {i}", "Minister of Defense", "JP"),
            ),
            topics=("deterrence",),
        )
        factories.commitment(meeting)
    with django_assert_max_num_queries(12):
        data = json.loads(export())
    assert len(data["engagements"]) == 30


def test_csv_export_has_one_row_per_engagement(seeded):
    rows = list(csv.reader(StringIO(export("--format", "csv"))))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["countries"] == "JP; US"
    assert "Shinjirō Koizumi (Minister of Defense, JP)" in record["participants"]


def test_csv_neutralises_spreadsheet_formulas(db):
    factories.engagement(title='=HYPERLINK("http://x")')
    rows = list(csv.reader(StringIO(export("--format", "csv"))))
    assert rows[1][CSV_COLUMNS.index("title")].startswith("'=")


def test_output_option_writes_a_file(seeded, tmp_path):
    target = tmp_path / "out.json"
    call_command("exportengagements", "--output", str(target), stdout=StringIO(), stderr=StringIO())
    assert json.loads(target.read_text(encoding="utf-8"))["engagements"][0]["date"] == "2026-01-15"


def test_unwritable_output_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("exportengagements", "--output", str(tmp_path / "missing" / "x.json"))
