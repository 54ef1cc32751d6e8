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


# Round 3 --------------------------------------------------------------------------------

HOSTED_NZ = (
    "Secretary of Defense Pete Hegseth hosted New Zealand Minister of Defence Judith Collins "
    "at the Pentagon on April 15, 2025. "
)


def commitments(text: str) -> list[tuple[list[str], str, str]]:
    return [(c.parties, c.category, c.text) for c in one(HOSTED_NZ + text).commitments]


def test_a_relative_clause_stays_inside_the_undertaking_it_describes() -> None:
    assert commitments(
        "New Zealand will pay for two Patriot batteries that the United States will deliver "
        "to Ukraine, Collins said after the meeting."
    ) == [
        (
            ["NZ"],
            "capability-development",
            "Pay for two Patriot batteries that the United States will deliver to Ukraine",
        )
    ]
    assert commitments("New Zealand will buy P-8 aircraft, which the United States will maintain.")
    assert [
        c[0] for c in commitments("Hegseth told Collins that the United States will sell missiles.")
    ] == [["US"]]


def test_a_possessors_plan_ends_where_a_second_possession_begins() -> None:
    assert commitments(
        "They discussed New Zealand's plans to increase defense spending and its contributions "
        "to regional security in the Pacific."
    ) == [(["NZ"], "defense-spending", "Increase defense spending")]
    assert [
        c[2]
        for c in commitments(
            "Hegseth welcomed New Zealand's decision to buy helicopters and its plan to expand the navy."
        )
    ] == ["Buy helicopters", "Expand the navy"]


def test_plans_discussed_without_an_owner_are_nobodys_undertaking() -> None:
    assert commitments("The ministers discussed plans to expand exercises.") == []


def test_each_listed_item_after_agreed_to_is_an_undertaking() -> None:
    listed = [
        (["NZ", "US"], "posture-basing", "Expand the rotational presence of U.S. forces"),
        (["NZ", "US"], "policy-coordination", "Establish a working group"),
        (["NZ", "US"], "interoperability", "Increase intelligence sharing"),
    ]
    assert (
        commitments(
            "The ministers agreed to:\n- expand the rotational presence of U.S. forces;\n"
            "- establish a working group;\n- increase intelligence sharing."
        )
        == listed
    )
    assert (
        commitments(
            "The ministers agreed to: expand the rotational presence of U.S. forces; establish a "
            "working group; and increase intelligence sharing."
        )
        == listed
    )
    steps = (
        "The ministers agreed on the following steps:\n* expand the rotational presence of "
        "U.S. forces\n* establish a working group\n* increase intelligence sharing"
    )
    assert commitments(steps) == listed


def test_attribution_and_subordinate_clauses_are_cut_from_the_undertaking() -> None:
    assert [
        c[2]
        for c in commitments(
            "New Zealand and the United States agreed to expand joint patrols, the Ministry of "
            "Defence said on Wednesday, after the two ministers met. New Zealand will set up a "
            "joint office, with the first staff expected in 2027."
        )
    ] == ["Expand joint patrols", "Set up a joint office"]


def test_a_comma_and_after_one_country_opens_a_new_clause() -> None:
    assert commitments(
        "The ministers agreed to expand cold-weather training in northern New Zealand, and "
        "New Zealand will host an exercise in 2027."
    ) == [
        (
            ["NZ", "US"],
            "exercises-training",
            "Expand cold-weather training in northern New Zealand",
        ),
        (["NZ"], "exercises-training", "Host an exercise in 2027"),
    ]


def test_the_head_of_a_compound_decides_the_category() -> None:
    assert commitments(
        "Both sides agreed to hold a joint fighter exercise. New Zealand will build two patrol "
        "vessels."
    ) == [
        (["NZ", "US"], "exercises-training", "Hold a joint fighter exercise"),
        (["NZ"], "capability-development", "Build two patrol vessels"),
    ]


def test_an_undertaking_without_a_category_word_takes_its_sentences() -> None:
    assert commitments(
        "The ministers welcomed progress on the frigate program and confirmed that they will "
        "conclude the contract soon."
    ) == [(["NZ", "US"], "capability-development", "Conclude the contract soon")]


def test_a_headline_and_byline_are_not_read_as_the_story() -> None:
    engagement = one(
        "US and New Zealand agree to expand joint patrols\nBy Jane Doe, Staff Writer\n\n"
        "WELLINGTON \u2014 The United States and New Zealand agreed on Thursday to expand "
        "joint patrols after Secretary of War Pete Hegseth met New Zealand Minister of Defence "
        "Judith Collins in Wellington.",
        published=dt.date(2026, 3, 6),
    )
    assert [c.text for c in engagement.commitments] == ["Expand joint patrols"]
    assert engagement.commitments[0].evidence.sentence.startswith("WELLINGTON")
    assert engagement.date == dt.date(2026, 3, 5)


def test_a_venue_takes_the_city_of_the_dateline() -> None:
    engagement = one(
        "SINGAPORE \u2014 Secretary of Defense Pete Hegseth and Japanese Defense Minister Gen "
        "Nakatani met on May 31, 2025 on the margins of the Shangri-La Dialogue."
    )
    assert engagement.location == "Shangri-La Dialogue, Singapore"


def test_a_visiting_leader_is_not_of_the_host_country_whose_leader_is_there() -> None:
    engagement = one(
        "President Donald J. Trump met with Prime Minister Sanae Takaichi of Japan in Tokyo on "
        "October 28, 2026 to discuss the U.S.-Japan Alliance."
    )
    assert people(engagement) == [
        ("Donald J. Trump", "President", "US", "guest"),
        ("Sanae Takaichi", "Prime Minister", "JP", "host"),
    ]


def test_the_ministry_of_a_participating_minister_makes_his_country_the_host() -> None:
    engagement = one(
        "On October 5, 2026, Minister of Defense KOIZUMI Shinjiro held the Japan-Australia "
        "Defence Ministers' Meeting with the Hon. "
        "Richard Marles MP, Deputy Prime Minister and Minister for Defence of Australia, at the "
        "Ministry of Defense."
    )
    assert (engagement.location, engagement.host_country) == ("Ministry of Defense", "JP")
    assert [p.role for p in engagement.participants] == ["host", "guest"]


def test_the_demonym_and_title_refer_back_to_the_official_introduced() -> None:
    result = extract(
        "Raksha Mantri Shri Rajnath Singh held talks with the Minister of Defence of Japan Mr "
        "Gen Nakatani in New Delhi on May 5, 2026. The Japanese Defence Minister also called on "
        "Prime Minister Shri Narendra Modi later in the day.",
        reference_date=REFERENCE,
    )
    assert [e.level for e in result.engagements] == ["ministerial", "leaders"]
    assert [p.name for p in result.engagements[1].participants] == ["Gen Nakatani", "Narendra Modi"]


def test_an_international_organisations_head_has_no_country() -> None:
    engagement = one(
        "Secretary of War Pete Hegseth spoke by phone today with NATO Secretary General Mark "
        "Rutte. Secretary General Rutte said NATO will publish national plans."
    )
    assert (engagement.kind, engagement.countries, engagement.commitments) == ("call", ["US"], [])
    assert people(engagement)[1] == ("Mark Rutte", "Secretary General", None, "participant")


def test_front_matter_left_on_the_body_is_metadata_not_a_date() -> None:
    engagement = one(
        "---\npublished: 2026-03-10\n---\nSecretary of War Pete Hegseth spoke with Italian "
        "Minister of Defence Guido Crosetto by phone on Monday."
    )
    assert (engagement.date, engagement.date_derivation) == (dt.date(2026, 3, 9), "relative")


def test_a_paternal_surname_refers_back_to_a_three_part_name() -> None:
    engagement = one(
        "Secretary of War Pete Hegseth spoke by phone with Brazilian Minister of Defense José "
        "Múcio Monteiro on Tuesday. Minister Múcio noted that Brazil intends to co-produce "
        "aircraft components.",
        published=dt.date(2026, 5, 7),
    )
    assert [p.name for p in engagement.participants] == ["Pete Hegseth", "José Múcio Monteiro"]
    assert engagement.commitments[0].parties == ["BR"]


def test_a_ministry_dateline_in_title_case_gives_the_place() -> None:
    engagement = one(
        "Bratislava, 19 March 2026 – Minister of Defence of the Slovak Republic Robert Kaliňák "
        "met today with U.S. Under Secretary of War for Policy Elbridge Colby."
    )
    assert (engagement.location, engagement.host_country) == ("Bratislava", "SK")
    assert engagement.date == dt.date(2026, 3, 19)
