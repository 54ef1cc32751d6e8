"""Rules that carry extraction beyond its original corpus (no database needed)."""

from __future__ import annotations

import datetime as dt

from engagements.extraction import ExtractedEngagement, extract

REFERENCE = dt.date(2026, 11, 27)


def one(text: str, published: dt.date | None = None) -> ExtractedEngagement:
    result = extract(text, published=published, reference_date=REFERENCE)
    assert len(result.engagements) == 1, result.warnings
    return result.engagements[0]


def people(engagement: ExtractedEngagement) -> list[tuple[str, str, str | None, str]]:
    return [(p.name, p.title, p.country, p.role) for p in engagement.participants]


def test_honorifics_and_post_nominals_are_not_part_of_a_name() -> None:
    engagement = one(
        "The Deputy Prime Minister and Minister for Defence, the Hon Richard Marles MP, met "
        "United States Secretary of Defense Pete Hegseth in Washington DC on Friday. They "
        "discussed the Australia-US Alliance.",
        published=dt.date(2025, 2, 8),
    )
    assert people(engagement) == [
        ("Richard Marles", "Deputy Prime Minister and Minister for Defence", "AU", "guest"),
        ("Pete Hegseth", "Secretary of Defense", "US", "host"),
    ]
    assert (engagement.location, engagement.date) == ("Washington, D.C.", dt.date(2025, 2, 7))


def test_family_name_in_capitals_takes_the_given_name_first_order_for_japan() -> None:
    engagement = one(
        "On March 30, 2025, Minister of Defense NAKATANI Gen held a meeting with U.S. Secretary "
        "of Defense Pete Hegseth at the Ministry of Defense in Tokyo. Minister Nakatani "
        "explained Japan's efforts. The two Ministers agreed to pursue co-production of AMRAAM."
    )
    assert people(engagement)[0] == ("Gen Nakatani", "Minister of Defense", "JP", "host")
    assert len(engagement.participants) == 2
    assert [c.parties for c in engagement.commitments] == [["JP", "US"]]


def test_korean_family_name_in_capitals_keeps_its_order() -> None:
    engagement = one(
        "Minister of National Defense AHN Gyu-back met U.S. Secretary of War Pete Hegseth "
        "in Seoul on November 4, 2025."
    )
    assert engagement.participants[0].name == "Ahn Gyu-back"


def test_untitled_counterpart_takes_his_countrys_defence_title() -> None:
    engagement = one(
        "The Defence Secretary John Healey met his German counterpart Boris Pistorius in "
        "London on 23 October 2024."
    )
    assert people(engagement)[1] == (
        "Boris Pistorius",
        "Federal Minister of Defence",
        "DE",
        "guest",
    )
    assert engagement.participants[1].level == "ministerial"


def test_two_officials_agreeing_together_describe_a_meeting() -> None:
    engagement = one(
        "SEOUL, Nov 4 (Reuters) - South Korean Defence Minister Ahn Gyu-back and U.S. Defense "
        "Secretary Pete Hegseth agreed on Tuesday to modernise their alliance, with Seoul "
        "pledging to increase its defence spending."
    )
    assert (engagement.location, engagement.host_country) == ("Seoul", "KR")
    assert [(c.parties, c.category) for c in engagement.commitments] == [
        (["KR", "US"], "policy-coordination"),
        (["KR"], "defense-spending"),
    ]


def test_what_one_side_presses_others_to_do_is_not_a_commitment() -> None:
    engagement = one(
        "Defense ministers met at NATO headquarters in Brussels on June 5, 2025, where U.S. "
        "Defense Secretary Pete Hegseth pressed allies to commit to spending 5% of GDP. "
        "German Defence Minister Boris Pistorius said Germany would meet its capability targets."
    )
    assert [(c.parties, c.category) for c in engagement.commitments] == [
        (["DE"], "capability-development")
    ]


def test_host_minister_without_a_stated_country_takes_the_country_of_the_venue() -> None:
    engagement = one(
        "Catherine Vautrin, Minister for the Armed Forces and Veterans, received her "
        "Australian counterpart Richard Marles at the Hôtel de Brienne on 12 January 2026."
    )
    assert people(engagement) == [
        ("Catherine Vautrin", "Minister for the Armed Forces and Veterans", "FR", "host"),
        ("Richard Marles", "Minister for Defence", "AU", "guest"),
    ]


def test_a_country_before_coordinated_titles_covers_both_officials() -> None:
    engagement = one(
        "Secretary of State Marco Rubio and Secretary of War Pete Hegseth hosted Japanese "
        "Minister for Foreign Affairs Takeshi Iwaya and Minister of Defense Gen Nakatani at "
        "the State Department in Washington on April 9, 2026."
    )
    assert (engagement.kind, engagement.countries) == ("meeting", ["JP", "US"])
    assert [p.country for p in engagement.participants] == ["US", "US", "JP", "JP"]
    assert engagement.location == "State Department, Washington"


def test_ordinal_dates() -> None:
    text = (
        "Raksha Mantri Shri Rajnath Singh held a telephone conversation with the United States "
        "Secretary of War Mr Pete Hegseth"
    )
    engagement = one(f"{text} on the 14th of March.", published=dt.date(2026, 3, 15))
    assert (engagement.date, engagement.kind) == (dt.date(2026, 3, 14), "call")
    assert engagement.participants[0].name == "Rajnath Singh"
    assert engagement.participants[0].country == "IN"


def test_a_trip_with_two_meetings_gives_two_engagements() -> None:
    result = extract(
        "Secretary of War Pete Hegseth traveled to Southeast Asia this week.\n\n"
        "On Monday, Secretary Hegseth met with Malaysian Minister of Defence Mohamed Khaled "
        "Nordin in Kuala Lumpur. The two ministers agreed to expand the Keris Strike exercise.\n\n"
        "On Tuesday, Secretary Hegseth met with Vietnamese Minister of National Defence General "
        "Phan Van Giang in Hanoi. Vietnam agreed to expand cooperation on the search for the "
        "missing.\n",
        published=dt.date(2025, 11, 5),
    )
    summary = [
        (e.date, e.location, e.countries, [c.parties for c in e.commitments])
        for e in result.engagements
    ]
    assert summary == [
        (dt.date(2025, 11, 3), "Kuala Lumpur", ["MY", "US"], [["MY", "US"]]),
        (dt.date(2025, 11, 4), "Hanoi", ["US", "VN"], [["VN"]]),
    ]


def test_a_future_meeting_is_not_an_engagement() -> None:
    result = extract(
        "Japanese Defense Minister Shinjiro Koizumi will meet U.S. Secretary of War Pete "
        "Hegseth in Washington next month, the ministry said on Friday.",
        reference_date=REFERENCE,
    )
    assert result.engagements == []


def test_korean_names_keep_the_family_name_first() -> None:
    engagement = one(
        "Secretary of Defense Lloyd J. Austin III met with Republic of Korea Minister of "
        "National Defense Shin Won-sik at the Pentagon on Jan. 30. Minister Shin thanked him."
    )
    assert engagement.title.startswith("Austin\u2013Shin")


def test_japanese_name_written_family_first_takes_the_given_name_first_order() -> None:
    engagement = one(
        "Deputy Secretary of Defense Kathleen Hicks hosted Japanese State Minister of Defense "
        "Oniki Makoto at the Pentagon today. Deputy Secretary Hicks and State Minister Oniki "
        "discussed the Alliance."
    )
    assert {p.name for p in engagement.participants} == {"Kathleen Hicks", "Makoto Oniki"}


def test_negated_undertakings_are_not_commitments() -> None:
    engagement = one(
        "Secretary of War Pete Hegseth held a phone call with Spanish Minister of Defence "
        "Margarita Robles. Minister Robles declined to commit to the new target. "
        "Both sides will continue to consult closely."
    )
    assert [c.text for c in engagement.commitments] == ["Continue to consult closely"]


def test_what_allied_ministers_agree_is_not_a_bilaterals_commitment() -> None:
    engagement = one(
        "Allied ministers agreed on a plan to coordinate training. On the margins of the "
        "meeting in Brussels, Secretary of Defense Lloyd J. Austin III met with German "
        "Minister of Defence Boris Pistorius on June 13."
    )
    assert engagement.commitments == []


def test_a_dateline_with_a_year_dates_the_story() -> None:
    engagement = one(
        "WASHINGTON, Feb. 3, 2026 \u2014 Deputy Secretary of War Steve Feinberg hosted "
        "Australian Minister for Defence Industry Pat Conroy at the Pentagon on Monday."
    )
    assert engagement.date == dt.date(2026, 2, 2)


def test_a_place_with_its_state_is_the_location() -> None:
    engagement = one(
        "Secretary of Defense Lloyd J. Austin III hosted Australian Deputy Prime Minister "
        "Richard Marles in Annapolis, Maryland, on August 6, 2024."
    )
    assert (engagement.location, engagement.host_country) == ("Annapolis, Maryland", "US")


def test_a_later_meeting_with_a_newly_named_official_is_a_separate_engagement() -> None:
    result = extract(
        "Indian Defence Minister Rajnath Singh and U.S. Defense Secretary Lloyd Austin held "
        "talks in New Delhi on Friday. Austin also met Prime Minister Narendra Modi later "
        "in the day.",
        reference_date=dt.date(2026, 11, 27),
    )
    assert [e.level for e in result.engagements] == ["ministerial", "leaders"]
    modi = result.engagements[1].participants[1]
    assert (modi.name, modi.country, modi.role) == ("Narendra Modi", "IN", "host")


def test_a_story_recalling_only_a_past_meeting_gives_that_meeting() -> None:
    engagement = one(
        "Last month's meeting in Canberra between Secretary of War Pete Hegseth and Australian "
        "Deputy Prime Minister Richard Marles, held on March 18, produced outcomes.",
        published=dt.date(2026, 4, 22),
    )
    assert engagement.date == dt.date(2026, 3, 18)
