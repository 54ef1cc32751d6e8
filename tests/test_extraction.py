"""Tests of the text-extraction engine (no database needed)."""

from __future__ import annotations

import datetime as dt
import json
import timeit
from pathlib import Path

import pytest

from engagements.extraction import (
    EXTRACTOR_VERSION,
    ExtractedEngagement,
    ExtractionResult,
    extract,
    fold,
    load_dictionaries,
)
from engagements.extraction.evaluate import evaluate
from engagements.extraction.text import split_sentences

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(path.name.removesuffix(".expected.json") for path in CORPUS.glob("*.expected.json"))
SEED = (CORPUS / "seed_000_9874ad1f9f39c35b.txt").read_text(encoding="utf-8")
REFERENCE = dt.date(2026, 11, 27)


def only(result: ExtractionResult) -> ExtractedEngagement:
    assert len(result.engagements) == 1, result.warnings
    return result.engagements[0]


def run_case(name: str) -> tuple[ExtractionResult, dict]:
    expected = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    body = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    result = extract(
        body,
        published=_date(expected["published"]),
        reference_date=_date(expected["reference_date"]),
        title=expected.get("title"),
    )
    return result, expected


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# The corpus ---------------------------------------------------------------------------


def _case(name: str):
    """A corpus case; one whose expectations name a ``known_gap`` is a strict xfail, so
    the gap stays visible and its fix is noticed."""
    expected = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    if gap := expected.get("known_gap"):
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=gap))
    return name


@pytest.mark.parametrize("name", [_case(name) for name in CASES])
def test_corpus_document_matches_expectations(name: str) -> None:
    result, expected = run_case(name)
    assert len(result.engagements) == len(expected["engagements"]), result.warnings
    for got, want in zip(result.engagements, expected["engagements"], strict=True):
        assert got.date == _date(want["date"])
        assert got.date_precision == want["date_precision"]
        assert got.date_derivation == want["date_derivation"]
        assert got.kind == want["kind"]
        assert got.level == want["level"]
        assert got.location == want["location"]
        assert got.host_country == want["host_country"]
        assert got.countries == want["countries"]
        participants = {(p.name, p.title, p.country, p.role) for p in got.participants}
        assert participants == {
            (p["name"], p["title"], p["country"], p["role"]) for p in want["participants"]
        }
        assert set(want["topics"]) <= set(got.topics)
        commitments = [(c.parties, c.category, fold(c.text)) for c in got.commitments]
        for commitment in want["commitments"]:
            phrase = fold(commitment["text_contains"])
            assert any(
                parties == commitment["parties"]
                and category == commitment["category"]
                and phrase in text
                for parties, category, text in commitments
            ), (commitment, commitments)
        assert len(got.commitments) == len(want["commitments"]), commitments
        for phrase in want["not_commitments"]:
            assert not any(fold(phrase) in fold(c.evidence.sentence) for c in got.commitments), (
                phrase
            )


def test_corpus_has_the_breadth_the_design_asks_for() -> None:
    assert len(CASES) >= 23
    expectations = [json.loads((CORPUS / f"{name}.expected.json").read_text()) for name in CASES]
    engagements = [e for doc in expectations for e in doc["engagements"]]
    assert sum(not doc["engagements"] for doc in expectations) >= 2
    assert {e["kind"] for e in engagements} == {"meeting", "call", "multilateral"}
    assert {e["level"] for e in engagements} >= {"ministerial", "deputy", "working"}
    assert {e["date_derivation"] for e in engagements} == {"stated", "relative", "year-inferred"}


def test_evaluation_reports_precision_and_recall_for_every_field() -> None:
    scores = evaluate(CORPUS)
    for field in (
        "date",
        "kind",
        "level",
        "location",
        "host_country",
        "countries",
        "participants",
        "topics",
        "commitments",
    ):
        assert 0.9 <= scores[field]["precision"] <= 1.0, field
        assert 0.9 <= scores[field]["recall"] <= 1.0, field


# The first real document -----------------------------------------------------------------


def test_seed_yields_one_meeting_at_the_pentagon() -> None:
    engagement = only(extract(SEED, reference_date=REFERENCE))
    assert (engagement.date, engagement.date_precision, engagement.date_derivation) == (
        dt.date(2026, 1, 15),
        "day",
        "year-inferred",
    )
    assert (engagement.kind, engagement.level) == ("meeting", "ministerial")
    assert (engagement.location, engagement.host_country, engagement.countries) == (
        "Pentagon",
        "US",
        ["JP", "US"],
    )
    assert [(p.name, p.title, p.country, p.role) for p in engagement.participants] == [
        ("Pete Hegseth", "Secretary of War", "US", "host"),
        ("Shinjirō Koizumi", "Minister of Defense", "JP", "guest"),
    ]


def test_seed_commitments_are_the_spending_decision_and_continued_collaboration() -> None:
    engagement = only(extract(SEED, reference_date=REFERENCE))
    assert [(c.parties, c.category, c.text) for c in engagement.commitments] == [
        (["JP"], "defense-spending", "Increase its defense spending"),
        (
            ["JP", "US"],
            "policy-coordination",
            "Continue collaboration across military, operational, and policy dimensions",
        ),
    ]


def test_seed_topics_cover_the_discussion() -> None:
    topics = only(extract(SEED, reference_date=REFERENCE)).topics
    for topic in (
        "deterrence",
        "defense spending",
        "joint exercises and training",
        "interoperability",
        "regional stability",
        "capability development",
    ):
        assert topic in topics


# Dates ------------------------------------------------------------------------------------


MEETING = "Secretary of War Pete Hegseth met Japanese Minister of Defense Gen Nakatani at the Pentagon {when}."


@pytest.mark.parametrize(
    ("when", "published", "expected"),
    [
        ("on January 15", dt.date(2026, 1, 20), (dt.date(2026, 1, 15), "day", "stated")),
        ("on Jan. 15, 2025", dt.date(2026, 1, 20), (dt.date(2025, 1, 15), "day", "stated")),
        ("on 5 June 2026", None, (dt.date(2026, 6, 5), "day", "stated")),
        ("today", dt.date(2026, 3, 5), (dt.date(2026, 3, 5), "day", "relative")),
        ("yesterday", dt.date(2026, 3, 5), (dt.date(2026, 3, 4), "day", "relative")),
        ("on Thursday", dt.date(2026, 3, 9), (dt.date(2026, 3, 5), "day", "relative")),
        ("this week", dt.date(2026, 3, 6), (dt.date(2026, 3, 6), "month", "relative")),
        ("in March 2026", None, (dt.date(2026, 3, 1), "month", "stated")),
    ],
)
def test_date_expressions_resolve(when: str, published: dt.date | None, expected: tuple) -> None:
    engagement = only(
        extract(MEETING.format(when=when), published=published, reference_date=REFERENCE)
    )
    assert (engagement.date, engagement.date_precision, engagement.date_derivation) == expected


def test_yearless_date_resolves_against_published() -> None:
    engagement = only(extract(MEETING.format(when="on December 30"), published=dt.date(2026, 1, 3)))
    assert engagement.date == dt.date(2025, 12, 30)
    assert engagement.date_derivation == "stated"


def test_yearless_date_without_published_takes_the_latest_year_not_after_the_reference() -> None:
    before = only(extract(MEETING.format(when="on November 27"), reference_date=REFERENCE))
    after = only(extract(MEETING.format(when="on November 28"), reference_date=REFERENCE))
    assert (before.date, before.date_derivation) == (dt.date(2026, 11, 27), "year-inferred")
    assert (after.date, after.date_derivation) == (dt.date(2025, 11, 28), "year-inferred")


def test_weekday_of_a_full_date_is_not_read_as_a_relative_date() -> None:
    text = MEETING.format(when="on Thursday, January 15, 2026")
    engagement = only(extract(text, published=dt.date(2026, 3, 30)))
    assert (engagement.date, engagement.date_derivation) == (dt.date(2026, 1, 15), "stated")


def test_dateline_supplies_the_date() -> None:
    text = "WASHINGTON, Jan. 15 — " + MEETING.format(when="for talks")
    engagement = only(extract(text, published=dt.date(2026, 1, 16)))
    assert engagement.date == dt.date(2026, 1, 15)


def test_dates_of_prior_engagements_are_ignored() -> None:
    text = (
        MEETING.format(when="on March 3")
        + " The meeting built on their previous talks in Tokyo on January 8."
    )
    engagement = only(extract(text, published=dt.date(2026, 3, 4)))
    assert engagement.date == dt.date(2026, 3, 3)
    assert engagement.location == "Pentagon"


# Officials --------------------------------------------------------------------------------


def test_spokesperson_is_not_a_participant() -> None:
    text = (
        "Pentagon Press Secretary Kingsley Wilson provided the following readout:\n\n"
        + MEETING.format(when="today")
    )
    names = [p.name for p in only(extract(text, published=dt.date(2026, 3, 5))).participants]
    assert names == ["Pete Hegseth", "Gen Nakatani"]


def test_curly_apostrophe_possessive_title() -> None:
    text = "Secretary of War Pete Hegseth hosted Shinjirō Koizumi, Japan\u2019s Minister of Defense, at the Pentagon today."
    koizumi = only(extract(text, published=dt.date(2026, 1, 15))).participants[1]
    assert (koizumi.name, koizumi.title, koizumi.country) == (
        "Shinjirō Koizumi",
        "Minister of Defense",
        "JP",
    )


def test_surname_mention_adds_evidence_to_known_official() -> None:
    engagement = only(extract(SEED, reference_date=REFERENCE))
    koizumi = engagement.participants[1]
    assert len(koizumi.evidence) == 2
    assert SEED[koizumi.evidence[1].start : koizumi.evidence[1].end] == "Koizumi"
    assert koizumi.evidence[1].sentence.startswith("Koizumi underscored the importance")


@pytest.mark.parametrize(
    ("phrase", "name", "title", "country", "level"),
    [
        (
            "the Australian Deputy Prime Minister and Minister for Defence Richard Marles",
            "Richard Marles",
            "Deputy Prime Minister and Minister for Defence",
            "AU",
            "ministerial",
        ),
        (
            "Minister of National Defense Ahn Gyu-back of the Republic of Korea",
            "Ahn Gyu-back",
            "Minister of National Defense",
            "KR",
            "ministerial",
        ),
        (
            "German Federal Minister of Defence Boris Pistorius",
            "Boris Pistorius",
            "Federal Minister of Defence",
            "DE",
            "ministerial",
        ),
        (
            "Philippine Secretary of National Defense Gilberto Teodoro Jr.",
            "Gilberto Teodoro Jr.",
            "Secretary of National Defense",
            "PH",
            "ministerial",
        ),
        (
            "Vietnamese Minister of National Defence General Phan Văn Giang",
            "Phan Văn Giang",
            "Minister of National Defence",
            "VN",
            "ministerial",
        ),
        (
            "Dutch Minister of Defence Ruben van der Berg",
            "Ruben van der Berg",
            "Minister of Defence",
            "NL",
            "ministerial",
        ),
        (
            "Acting Vice Minister of Defense Maria de la Cruz of the Philippines",
            "Maria de la Cruz",
            "Acting Vice Minister of Defense",
            "PH",
            "deputy",
        ),
        (
            "Philippine defense chief Gilberto Teodoro Jr.",
            "Gilberto Teodoro Jr.",
            "Defense Chief",
            "PH",
            "ministerial",
        ),
        (
            "Pete Hegseth, the U.S. Secretary of War,",
            "Pete Hegseth",
            "Secretary of War",
            "US",
            "ministerial",
        ),
    ],
)
def test_title_name_and_country_patterns(
    phrase: str, name: str, title: str, country: str, level: str
) -> None:
    text = f"Secretary of Defense Lloyd J. Austin III met {phrase} in Singapore on June 1, 2024."
    if phrase.startswith("Pete"):
        text = f"Japanese Defense Minister Gen Nakatani met {phrase} in Tokyo on June 1, 2024."
    official = only(extract(text)).participants[1]
    assert (official.name, official.title, official.country, official.level) == (
        name,
        title,
        country,
        level,
    )


def test_official_named_only_by_title_and_surname_is_a_participant() -> None:
    text = (
        "Secretary Austin spoke by phone today with Israeli Minister of Defense Yoav Gallant. "
        "Secretary Austin said the United States will continue to support Israel's air defense."
    )
    engagement = only(extract(text, published=dt.date(2024, 3, 3)))
    assert [(p.name, p.title, p.country) for p in engagement.participants] == [
        ("Austin", "Secretary", "US"),
        ("Yoav Gallant", "Minister of Defense", "IL"),
    ]
    assert engagement.kind == "call"


def test_attribution_is_not_part_of_the_undertaking() -> None:
    assert _commitments("Japan will expand its counterstrike capabilities, Nakatani said.") == [
        (["JP"], "capability-development", "Expand its counterstrike capabilities")
    ]


def test_secretary_of_defense_is_american_without_a_stated_country() -> None:
    austin = only(
        extract(
            MEETING.replace(
                "Secretary of War Pete Hegseth", "Secretary of Defense Lloyd J. Austin III"
            ).format(when="on May 2, 2024")
        )
    ).participants[0]
    assert (austin.name, austin.country) == ("Lloyd J. Austin III", "US")


def test_leader_mentioned_in_passing_is_not_a_participant() -> None:
    text = (
        MEETING.format(when="on March 3, 2026")
        + " Hegseth conveyed President Donald Trump's appreciation."
    )
    engagement = only(extract(text))
    assert [p.name for p in engagement.participants] == ["Pete Hegseth", "Gen Nakatani"]
    assert engagement.level == "ministerial"


def test_troops_mentioned_in_passing_are_not_participants() -> None:
    names = [p.name for p in only(extract(SEED, reference_date=REFERENCE)).participants]
    assert not any("Army" in name for name in names)


def test_extra_official_aliases_give_the_stored_full_name() -> None:
    dictionaries = load_dictionaries(extra_official_aliases={"Gen Nakatani": ["Nakatani Gen"]})
    text = MEETING.replace("Gen Nakatani", "Nakatani Gen").format(when="on March 3, 2026")
    engagement = only(extract(text, dictionaries=dictionaries))
    assert engagement.participants[1].name == "Gen Nakatani"


def test_extra_country_aliases_are_recognised() -> None:
    dictionaries = load_dictionaries(extra_country_aliases={"JP": ["Nihon"]})
    text = "Secretary of War Pete Hegseth met Nihon Defense Minister Gen Nakatani at the Pentagon on March 3, 2026."
    assert only(extract(text, dictionaries=dictionaries)).countries == ["JP", "US"]


# Countries, place, kind, level ------------------------------------------------------------------


def test_countries_mentioned_as_topics_are_not_engagement_countries() -> None:
    text = MEETING.format(when="on March 3, 2026") + (
        " The ministers discussed threats from North Korea and support for Ukraine."
    )
    assert only(extract(text)).countries == ["JP", "US"]


@pytest.mark.parametrize(
    ("where", "location", "host"),
    [
        ("at the Pentagon", "Pentagon", "US"),
        ("in Canberra", "Canberra", "AU"),
        (
            "on the sidelines of the Shangri-La Dialogue in Singapore",
            "Shangri-La Dialogue, Singapore",
            "SG",
        ),
        ("at NATO Headquarters in Brussels", "NATO Headquarters, Brussels", "BE"),
        ("at the Ministry of Defense in Tokyo", "Ministry of Defense, Tokyo", "JP"),
    ],
)
def test_location_and_host_country(where: str, location: str, host: str) -> None:
    text = f"Secretary of War Pete Hegseth met Japanese Defense Minister Gen Nakatani {where} on March 3, 2026."
    engagement = only(extract(text))
    assert (engagement.location, engagement.host_country) == (location, host)


def test_phone_call_has_no_location_and_no_host() -> None:
    text = "Secretary of War Pete Hegseth spoke by phone with Japanese Defense Minister Gen Nakatani on March 3, 2026."
    engagement = only(extract(text))
    assert (engagement.kind, engagement.location, engagement.host_country) == ("call", "", None)
    assert {p.role for p in engagement.participants} == {"participant"}


def test_three_countries_make_a_multilateral() -> None:
    text = (
        "Secretary of War Pete Hegseth, Japanese Defense Minister Gen Nakatani and Australian Minister for Defence "
        "Richard Marles met in Singapore on May 31, 2025."
    )
    engagement = only(extract(text))
    assert (engagement.kind, engagement.countries) == ("multilateral", ["AU", "JP", "US"])
    assert {p.role for p in engagement.participants} == {"participant"}


def test_level_is_the_highest_among_participants() -> None:
    text = (
        "Deputy Secretary of War Steve Feinberg met Japanese Vice Minister of Defense Hiroshi Tanaka and "
        "Prime Minister Shigeru Ishiba in Tokyo on March 3, 2026."
    )
    assert only(extract(text)).level == "leaders"


def test_host_is_the_official_who_welcomed_the_visitor() -> None:
    text = "Japanese Defense Minister Gen Nakatani welcomed Secretary of War Pete Hegseth on March 3, 2026."
    engagement = only(extract(text))
    assert engagement.host_country == "JP"
    assert [(p.name, p.role) for p in engagement.participants] == [
        ("Gen Nakatani", "host"),
        ("Pete Hegseth", "guest"),
    ]


# Commitments ------------------------------------------------------------------------------------


def _commitments(sentence: str) -> list[tuple[list[str], str, str]]:
    engagement = only(extract(MEETING.format(when="on March 3, 2026") + " " + sentence))
    return [(c.parties, c.category, c.text) for c in engagement.commitments]


def test_praise_is_not_a_commitment() -> None:
    assert _commitments("Hegseth praised Japan's contributions to regional security.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers discussed how the alliance will adapt to new threats.",
        "Nakatani expressed concern that China will expand its activities near the Senkaku Islands.",
        "The ministers underscored the importance of the alliance.",
        "The meeting reinforced efforts to integrate operational planning.",
        "The exercises, which will take place in July, involve 5,000 troops.",
    ],
)
def test_discussion_concern_and_narrative_are_not_commitments(sentence: str) -> None:
    assert _commitments(sentence) == []


def test_collective_subject_commits_every_party() -> None:
    assert _commitments("Both sides agreed to expand combined training.") == [
        (["JP", "US"], "exercises-training", "Expand combined training")
    ]


def test_one_sentence_can_hold_commitments_of_different_parties() -> None:
    assert _commitments(
        "Japan will acquire Tomahawk missiles, and the United States will deploy a Typhon battery."
    ) == [
        (["JP"], "capability-development", "Acquire Tomahawk missiles"),
        (["US"], "posture-basing", "Deploy a Typhon battery"),
    ]


def test_welcoming_the_other_sides_decision_is_that_sides_commitment() -> None:
    assert _commitments("Hegseth welcomed Tokyo\u2019s decision to double its defense budget.") == [
        (["JP"], "defense-spending", "Double its defense budget")
    ]


def test_subject_is_not_the_object_of_thanks() -> None:
    assert _commitments(
        "Hegseth thanked Japan for its hospitality and pledged to increase port visits."
    ) == [(["US"], "exercises-training", "Increase port visits")]


def test_offsets_point_at_the_evidence_sentence() -> None:
    engagement = only(extract(SEED, reference_date=REFERENCE))
    for commitment in engagement.commitments:
        evidence = commitment.evidence
        assert SEED[evidence.start : evidence.end] == evidence.sentence
    for participant in engagement.participants:
        for span in participant.evidence:
            assert SEED[span.start : span.end] in span.sentence


# Documents without an engagement, and the API ---------------------------------------------------------


def test_document_without_an_engagement_returns_none() -> None:
    result = extract(
        "The Department of War released its budget request today. It funds shipbuilding."
    )
    assert result.engagements == []
    assert result.warnings


def test_empty_document_returns_no_engagement() -> None:
    assert extract("   \n").engagements == []


def test_fold_strips_diacritics() -> None:
    assert fold("Shinjirō  Koizumi") == "shinjiro koizumi"
    assert fold("Hoàng Xuân Chiến") == "hoang xuan chien"
    assert fold("ÉTIENNE\tDe  la Croix") == "etienne de la croix"


def test_sentence_splitter_keeps_abbreviations_together() -> None:
    text = "WASHINGTON, Jan. 15 — Lloyd J. Austin III met Gen. Smith at the U.S. Embassy. Mr. Lee left. Dr. Kim stayed."
    assert [s.text for s in split_sentences(text)] == [
        "WASHINGTON, Jan. 15 — Lloyd J. Austin III met Gen. Smith at the U.S. Embassy.",
        "Mr. Lee left.",
        "Dr. Kim stayed.",
    ]


def test_dictionaries_are_cached() -> None:
    assert load_dictionaries() is load_dictionaries()
    assert load_dictionaries(extra_country_aliases={"JP": ["Nihon"]}) is not load_dictionaries()


def test_extractor_version_is_semantic() -> None:
    assert len(EXTRACTOR_VERSION.split(".")) == 3


def test_extraction_is_fast() -> None:
    extract(SEED, reference_date=REFERENCE)
    runs = 20
    best = min(
        timeit.repeat(lambda: extract(SEED, reference_date=REFERENCE), number=runs, repeat=5)
    )
    # A guard against regressions such as per-call file reads or regex compilation; typically
    # well under 2 ms per readout, the bound leaves room for slow shared machines.
    assert best / runs < 0.005
