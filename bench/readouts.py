"""Deterministic generator of synthetic defense engagement readouts for benchmarks.

Each readout is a distinct ~300-word story in the genre of the project's first
seed document: a U.S. defense official meets, calls or holds a trilateral with
counterparts from a pool of allies, the story states a date (front matter
``published:``, a dateline, a full date, a year-less date or a weekday), where
it happened, what was praised and discussed (not commitments) and what each
side committed to ("agreed to expand joint exercises", "pledged to raise
defense spending to 3.5% of GDP", "will deepen industrial cooperation on
munitions"). The officials are fictional; titles follow each country's usage
and the U.S. Secretary of Defense becomes the Secretary of War from
September 2025.

Everything comes from one ``random.Random(seed)``, so the same ``(count, seed)``
always writes byte-identical files.

    python bench/readouts.py /tmp/readouts --count 1000 --seed 0
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

WAR_RENAMING = dt.date(2025, 9, 5)
FIRST_DAY = dt.date(2015, 1, 5)
LAST_DAY = dt.date(2026, 10, 30)
SPLIT_DAY = dt.date(2021, 1, 20)  # officials in office before / from this day


@dataclass(frozen=True)
class Ally:
    """A country in the pool, with how prose names it and its (fictional) officials."""

    code: str
    name: str  # as used in prose, e.g. "the Philippines"
    demonym: str
    capital: str
    minister_titles: tuple[str, ...]
    ministers: tuple[str, str]  # (before SPLIT_DAY, from SPLIT_DAY)
    deputy_title: str
    deputies: tuple[str, str]
    commonwealth_dates: bool = False  # writes "15 January 2026"

    @property
    def possessive(self) -> str:
        bare = self.name.removeprefix("the ")
        return f"{bare}'" if bare.endswith("s") else f"{bare}'s"


ALLIES: tuple[Ally, ...] = (
    Ally("JP", "Japan", "Japanese", "Tokyo", ("Minister of Defense", "Defense Minister"),
         ("Haruto Minami", "Kenjirō Sakaguchi"), "State Minister of Defense",
         ("Yūki Tanabe", "Masahiro Onodera")),
    Ally("KR", "South Korea", "South Korean", "Seoul",
         ("Minister of National Defense", "Defense Minister"),
         ("Park Jun-seo", "Han Seung-woo"), "Vice Minister of National Defense",
         ("Kim Do-hyun", "Lee Ji-hoon")),
    Ally("AU", "Australia", "Australian", "Canberra",
         ("Deputy Prime Minister and Minister for Defence", "Defence Minister"),
         ("Callum Fairweather", "Bronwyn Ashby"), "Minister for Defence Industry",
         ("Lachlan Pryce", "Imogen Carver"), commonwealth_dates=True),
    Ally("GB", "the United Kingdom", "British", "London",
         ("Defence Secretary", "Secretary of State for Defence"),
         ("Oliver Pennington", "Harriet Langley"), "Minister of State for Defence",
         ("Rupert Aldridge", "Fiona McTavish"), commonwealth_dates=True),
    Ally("FR", "France", "French", "Paris", ("Minister of the Armed Forces",),
         ("Étienne Marchand", "Camille Rousseau"), "Deputy Minister of Defence",
         ("Hugo Lefèvre", "Noémie Garnier")),
    Ally("DE", "Germany", "German", "Berlin", ("Federal Minister of Defence", "Defence Minister"),
         ("Matthias Krüger", "Annegret Vogelsang"), "Deputy Minister of Defence",
         ("Jörg Havemann", "Sabine Wendt")),
    Ally("PH", "the Philippines", "Philippine", "Manila", ("Secretary of National Defense",),
         ("Ramon Alcaraz", "Gilberto Santos"), "Undersecretary",
         ("Teresita Villanueva", "Emilio Dizon")),
    Ally("CA", "Canada", "Canadian", "Ottawa", ("Minister of National Defence",),
         ("Liam Thibodeau", "Priya Sandhu"), "Deputy Minister of National Defence",
         ("Genevieve Arsenault", "Malcolm Drury")),
    Ally("IT", "Italy", "Italian", "Rome", ("Minister of Defence", "Defence Minister"),
         ("Giancarlo Ferretti", "Elena Marchetti"), "Deputy Minister of Defence",
         ("Stefano Bellucci", "Chiara Colombo")),
    Ally("PL", "Poland", "Polish", "Warsaw",
         ("Deputy Prime Minister and Minister of National Defence", "Defence Minister"),
         ("Krzysztof Zalewski", "Tomasz Wiśniewski"), "Deputy Minister of National Defence",
         ("Agnieszka Król", "Paweł Dąbrowski")),
    Ally("NL", "the Netherlands", "Dutch", "The Hague", ("Minister of Defence",),
         ("Pieter van der Meulen", "Marieke de Groot"), "State Secretary for Defence",
         ("Joost Verhoeven", "Sanne Bakker")),
    Ally("NO", "Norway", "Norwegian", "Oslo", ("Minister of Defence",),
         ("Eirik Solbakken", "Ingrid Haugland"), "State Secretary",
         ("Magnus Tveit", "Kari Nordvik")),
    Ally("DK", "Denmark", "Danish", "Copenhagen", ("Minister of Defence",),
         ("Søren Kjærgaard", "Mette Holmgaard"), "Permanent Secretary",
         ("Anders Vestergaard", "Line Brøndum")),
    Ally("IN", "India", "Indian", "New Delhi", ("Defence Minister", "Minister of Defence"),
         ("Arvind Raghunathan", "Vikram Deshpande"), "Defence Secretary",
         ("Sanjay Kulkarni", "Meera Iyer")),
    Ally("NZ", "New Zealand", "New Zealand", "Wellington", ("Minister of Defence",),
         ("Tamsin Whitaker", "Rawiri Thompson"), "Secretary of Defence",
         ("Hamish Blackwood", "Aroha Ngata"), commonwealth_dates=True),
    Ally("SG", "Singapore", "Singaporean", "Singapore", ("Minister for Defence",),
         ("Tan Wei Ming", "Lim Kok Hwa"), "Senior Minister of State for Defence",
         ("Goh Swee Lian", "Chua Boon Keat"), commonwealth_dates=True),
    Ally("TH", "Thailand", "Thai", "Bangkok", ("Minister of Defence",),
         ("Somchai Phromthep", "Anucha Srisawat"), "Permanent Secretary for Defence",
         ("Preecha Wongsuwan", "Narong Chaiyaporn")),
    Ally("ES", "Spain", "Spanish", "Madrid", ("Minister of Defence",),
         ("Lucía Navarro", "Álvaro Ibáñez"), "Secretary of State for Defence",
         ("Javier Montoya", "Carmen Aranda")),
    Ally("EE", "Estonia", "Estonian", "Tallinn", ("Minister of Defence",),
         ("Kristjan Saar", "Maarja Tamm"), "Permanent Secretary",
         ("Rein Kask", "Liis Mägi")),
    Ally("LT", "Lithuania", "Lithuanian", "Vilnius", ("Minister of National Defence",),
         ("Dovydas Kazlauskas", "Rūta Petrauskienė"), "Vice Minister of National Defence",
         ("Mindaugas Jonaitis", "Eglė Vaitkutė")),
    Ally("LV", "Latvia", "Latvian", "Riga", ("Minister of Defence",),
         ("Andris Kalniņš", "Ilze Bērziņa"), "State Secretary",
         ("Jānis Ozols", "Dace Liepiņa")),
    Ally("FI", "Finland", "Finnish", "Helsinki", ("Minister of Defence",),
         ("Aleksi Korhonen", "Sanna Virtanen"), "Permanent Secretary",
         ("Mikko Heikkilä", "Laura Nieminen")),
    Ally("SE", "Sweden", "Swedish", "Stockholm", ("Minister for Defence",),
         ("Johan Lindqvist", "Elin Sjöberg"), "State Secretary",
         ("Gustav Ekström", "Karin Wallin")),
    Ally("GR", "Greece", "Greek", "Athens", ("Minister of National Defence",),
         ("Nikos Papadimitriou", "Eleni Karamanli"), "Deputy Minister of National Defence",
         ("Giorgos Stathopoulos", "Sofia Andreou")),
    Ally("RO", "Romania", "Romanian", "Bucharest", ("Minister of National Defence",),
         ("Andrei Constantinescu", "Ioana Munteanu"), "State Secretary",
         ("Bogdan Popescu", "Raluca Dumitrescu")),
)

# Secretaries and deputies by term: (first day, last day, name).
US_SECRETARIES = (
    (dt.date(2015, 1, 1), dt.date(2017, 1, 19), "Raymond Castellano"),
    (dt.date(2017, 1, 20), dt.date(2021, 1, 19), "Douglas Harwick"),
    (dt.date(2021, 1, 20), dt.date(2025, 1, 19), "Lorraine Whitfield"),
    (dt.date(2025, 1, 20), dt.date(2030, 1, 1), "Grant Halvorsen"),
)
US_DEPUTIES = (
    (dt.date(2015, 1, 1), dt.date(2018, 6, 30), "Marcus Ellery"),
    (dt.date(2018, 7, 1), dt.date(2021, 1, 19), "Susan Okafor"),
    (dt.date(2021, 1, 20), dt.date(2025, 1, 19), "Theodore Brandt"),
    (dt.date(2025, 1, 20), dt.date(2030, 1, 1), "Nathaniel Reyes"),
)

PACIFIC_REGIONS = ("Indo-Pacific", "South China Sea", "East China Sea", "Pacific Islands region")
EUROPEAN_REGIONS = ("Euro-Atlantic area", "Baltic Sea region", "High North", "Black Sea region")
PACIFIC_ALLIES = frozenset({"JP", "KR", "AU", "PH", "IN", "NZ", "SG", "TH"})

TRILATERAL_GROUPS = (("JP", "AU"), ("JP", "KR"), ("JP", "PH"), ("AU", "GB"), ("AU", "PH"),
                     ("EE", "LT"), ("LV", "LT"), ("PL", "DE"), ("NO", "DK"), ("FI", "SE"),
                     ("IN", "JP"), ("NZ", "AU"), ("FR", "GB"), ("GR", "RO"))

SIDELINES = (
    ("on the sidelines of the Shangri-La Dialogue in Singapore", "SG"),
    ("at NATO Headquarters in Brussels", "BE"),
    ("on the margins of the Munich Security Conference", "DE"),
    ("during the Halifax International Security Forum", "CA"),
    ("on the sidelines of the ADMM-Plus meeting", None),
)

HOST_VERBS = ("welcomed", "hosted", "received")
MEET_VERBS = ("met with", "held talks with", "sat down with")
CALL_PHRASES = ("spoke by phone with", "held a video call with", "held a phone call with",
                "spoke over the phone with")
OPENING_AIMS = (
    "to reaffirm the strength of the bilateral defense relationship",
    "for a high-level bilateral meeting aimed at reinforcing the alliance",
    "to review progress on shared defense priorities",
    "to discuss the regional security environment and alliance cooperation",
    "as part of a regular series of consultations between the two defense establishments",
    "to take stock of cooperation since their last engagement",
)

PRAISE = (
    "{us} praised {ally_pos} growing contributions to collective security in the {region}.",
    "Both leaders praised the depth and durability of the partnership, calling it a cornerstone "
    "of peace and stability in the {region}.",
    "{us_short} commended the professionalism of the {demonym} armed forces and their recent "
    "deployments alongside U.S. units.",
    "The two officials highlighted the long record of cooperation between their militaries, "
    "from disaster relief to complex maritime operations.",
    "{ally_short} noted that cooperative activities and mutual defense investments strengthen "
    "both countries' ability to respond to evolving security dynamics.",
    "{us_short} underscored Washington's appreciation of {capital}'s steady support for "
    "allied operations over the past year.",
    "The ministers reflected on the {years}-year history of the relationship and the shared "
    "values on which it rests.",
)
DISCUSSION = (
    "The discussion covered {topic_a}, {topic_b} and {topic_c}.",
    "They discussed {topic_a} and explored ways to improve {topic_b}.",
    "The officials reviewed {topic_a}, with particular attention to {topic_b}.",
    "Much of the meeting focused on {topic_a}, while the two sides also exchanged views on "
    "{topic_b}.",
    "They assessed {topic_a} and considered how {topic_b} could be accelerated.",
)
CONCERN = (
    "Both officials expressed concern about coercive activities in the {region} and stressed "
    "the importance of freedom of navigation.",
    "The ministers noted continued missile launches in the region and condemned actions that "
    "undermine stability.",
    "They expressed concern about attacks on critical undersea infrastructure and the security "
    "of energy supplies.",
    "The two sides stressed that unilateral attempts to change the status quo by force are "
    "unacceptable.",
    "They highlighted the threat posed by disinformation and cyber operations against allied "
    "institutions.",
)
BACKGROUND = (
    "The meeting built on prior engagements between the two defense establishments, including "
    "staff talks held earlier in the year.",
    "The talks followed a series of working-level consultations on force posture and logistics.",
    "It was the first engagement between the two officials since {ally_short} took office.",
    "Officials described the atmosphere as candid and forward-looking, with both sides keen to "
    "show progress before the end of the year.",
    "Officials said the agenda had been prepared over several weeks of staff consultations.",
    "Senior military officers and policy staff from both sides took part.",
)
IN_PERSON = (
    "Both delegations included senior military officers and policy staff.",
    "The visit included a tour of a maintenance facility and a briefing on regional operations.",
    "An honor cordon greeted the visiting delegation before the talks began.",
    "The officials later took part in a working lunch with senior commanders.",
)
QUOTES_US = (
    '"Our partnership with {ally_plain} has never been stronger, and today shows how much more we '
    'can achieve together," {us_short} said.',
    '"Deterrence is built by allies who train together, plan together and invest together," '
    '{us_short} told reporters after the meeting.',
    '"We are grateful for the leadership {ally_plain} continues to show in the {region}," '
    '{us_short} said, adding that the relationship rests on trust built over decades.',
    '"The threats we face are changing quickly, and our cooperation has to move just as fast," '
    '{us_short} said in remarks before the talks.',
)
QUOTES_ALLY = (
    '"The alliance with the United States remains the foundation of our security," {ally_short} '
    'said, describing the talks as frank and constructive.',
    '"We came here to turn shared intentions into concrete steps, and we have done that," '
    '{ally_short} told journalists.',
    '{ally_short} said the {demonym} government saw the meeting as an opportunity to align '
    'priorities ahead of a demanding year for regional security.',
    '"Our forces already work side by side every day; today we agreed on how to make that '
    'cooperation deeper," {ally_short} said.',
)
CONTEXT = (
    "{ally_pos_plain} defense budget has grown steadily in recent years, and its forces take part "
    "in more than {exercises} exercises with U.S. units annually.",
    "Roughly {personnel} U.S. service members rotate through {ally_plain} each year for training "
    "and exercises.",
    "The two militaries have worked together on humanitarian assistance and disaster relief "
    "missions, most recently after severe storms in the region.",
    "Defense officials in {capital} have been preparing a new national defense strategy that is "
    "expected to be published within the year.",
    "Analysts in both capitals have pointed to a steady rise in combined activities since the "
    "two governments updated their defense guidelines.",
)
TOPICS = ("regional deterrence", "maritime security", "missile defense cooperation",
          "space and cyber resilience", "supply chain security for critical munitions",
          "information sharing", "the modernization of command arrangements",
          "support for Ukraine", "counterterrorism cooperation", "defense innovation",
          "shipbuilding and ship repair", "combined training ranges",
          "the protection of critical infrastructure", "logistics and prepositioning",
          "extended deterrence", "undersea warfare", "integrated air and missile defense")

# Commitments: (template, who undertakes it) — "both", "ally" or "us".
COMMITMENTS = (
    ("agreed to expand joint exercises in the {region} beginning in {next_year}", "both"),
    ("agreed to increase the scale and frequency of combined training", "both"),
    ("pledged to raise defense spending to {pct}% of GDP by {target_year}", "ally"),
    ("committed to increasing its defense budget by {growth} percent next year", "ally"),
    ("will deepen industrial cooperation on munitions production", "both"),
    ("agreed to co-produce {munition} to strengthen supply chain resilience", "both"),
    ("decided to establish a working group on {topic}", "both"),
    ("agreed to strengthen interoperability through improved command and control links", "both"),
    ("pledged to provide additional air defense systems to Ukraine", "ally"),
    ("will increase the rotational presence of U.S. forces at {base}", "us"),
    ("signed a memorandum of understanding on reciprocal defense procurement", "both"),
    ("agreed to hold a ministerial-level dialogue every six months", "both"),
    ("plans to acquire {platform} by {target_year}", "ally"),
    ("resolved to expand intelligence sharing on maritime activity", "both"),
    ("agreed to conduct combined maritime patrols in the {region}", "both"),
)
MUNITIONS = ("advanced medium-range air-to-air missiles", "Standard Missile-3 interceptors",
             "155mm artillery shells", "guided multiple launch rocket systems",
             "Patriot interceptors", "loitering munitions")
PLATFORMS = ("additional F-35 aircraft", "long-range precision fires", "maritime patrol aircraft",
             "unmanned surface vessels", "a new air and missile defense system")
BASES = ("existing training areas", "a northern air base", "agreed locations",
         "a naval facility on the coast", "jointly used ranges")
FUTURE = (
    "Both officials said they look forward to meeting again {when}.",
    "{us_short} accepted an invitation to visit {capital} {when}.",
    "The two sides agreed to review progress at their next meeting {when}.",
    "They will meet again {when} to take stock of these commitments.",
)
FUTURE_WHEN = ("later this year", "early next year", "in the coming months",
               "at the next NATO ministerial", "at the next Shangri-La Dialogue")
CLOSING = (
    "Looking ahead, both nations affirmed their intention to continue collaboration across "
    "military, operational, and policy dimensions.",
    "The officials closed by reaffirming that the alliance remains robust amid shifting global "
    "security trends.",
    "The ministers emphasized that the partnership will remain central to deterrence in the "
    "years ahead.",
    "Both delegations described the talks as productive and reaffirmed their shared commitment "
    "to a free and open {region}.",
)


def _us_official(day: dt.date, deputy: bool) -> tuple[str, str]:
    """The U.S. official in office that day and the title of the office then."""
    terms = US_DEPUTIES if deputy else US_SECRETARIES
    name = next(n for first, last, n in terms if first <= day <= last)
    department = "War" if day >= WAR_RENAMING else "Defense"
    return name, f"{'Deputy ' if deputy else ''}Secretary of {department}"


def _ally_official(ally: Ally, day: dt.date, deputy: bool, rng: random.Random) -> tuple[str, str]:
    term = 0 if day < SPLIT_DAY else 1
    if deputy:
        return ally.deputies[term], ally.deputy_title
    return ally.ministers[term], rng.choice(ally.minister_titles)


def _surname(name: str, code: str) -> str:
    # Family name first in these countries' usage.
    if code in ("KR", "SG"):
        return name.split()[0]
    return name.split()[-1]


def _format_date(day: dt.date, commonwealth: bool, with_year: bool = True) -> str:
    if commonwealth:
        text = f"{day.day} {day:%B}"
        return f"{text} {day.year}" if with_year else text
    text = f"{day:%B} {day.day}"
    return f"{text}, {day.year}" if with_year else text


def _date_phrase(day: dt.date, published: dt.date | None, commonwealth: bool,
                 rng: random.Random) -> str:
    """How the story states the engagement's date ("on January 15, 2026", "on Tuesday", ...)."""
    if published is not None:
        choice = rng.random()
        if published == day and choice < 0.25:
            return "today"
        if 0 < (published - day).days < 7 and choice < 0.55:
            return f"on {day:%A}"
        if choice < 0.8:
            return "on " + _format_date(day, commonwealth, with_year=False)
    return "on " + _format_date(day, commonwealth)


def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format(**slots)


def _commitment_sentence(template: str, who: str, slots: dict[str, str],
                         rng: random.Random) -> str:
    clause = _fill(template, slots)
    if who == "ally":
        subject = rng.choice((slots["ally_name"].removeprefix("the ").strip(), slots["ally_short"]))
        if subject[0].islower():
            subject = subject[0].upper() + subject[1:]
    elif who == "us":
        subject = rng.choice(("The United States", "Washington", slots["us_short"]))
    else:
        pair = "The three countries" if slots["trilateral"] else "The two countries"
        subject = rng.choice(("The ministers", "Both sides", "The officials", "The allies", pair))
        clause = clause.replace("its defense budget", "their defense budgets")
    tail = rng.choice(("", "", f", {slots['us_short']} said", ", according to the readout"))
    return f"{subject} {clause}{tail}."


@dataclass(frozen=True)
class Readout:
    """One generated document: file name, raw text and what it describes."""

    file_name: str
    text: str
    day: dt.date
    kind: str
    countries: tuple[str, ...]


def make_readout(index: int, rng: random.Random) -> Readout:
    """Compose one readout from the pools; ``index`` only names the file."""
    span = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
    roll = rng.random()
    kind = "call" if roll < 0.25 else "trilateral" if roll < 0.37 else "meeting"
    deputy = rng.random() < 0.18
    if kind == "trilateral":
        codes = rng.choice(TRILATERAL_GROUPS)
        allies = [next(a for a in ALLIES if a.code == c) for c in codes]
    else:
        allies = [rng.choice(ALLIES)]
    ally = allies[0]
    us_name, us_title = _us_official(day, deputy)
    ally_name, ally_title = _ally_official(ally, day, deputy, rng)
    us_last = us_name.split()[-1]
    ally_last = _surname(ally_name, ally.code)
    region = rng.choice(PACIFIC_REGIONS if ally.code in PACIFIC_ALLIES else EUROPEAN_REGIONS)
    topics = rng.sample(TOPICS, 3)
    slots = {
        "us": f"{us_title} {us_name}" if rng.random() < 0.5 else us_last,
        "us_short": rng.choice((us_last, f"Secretary {us_last}" if not deputy else us_last)),
        "ally_pos": ally.possessive, "ally_name": ally.name, "ally_short": ally_last,
        "demonym": ally.demonym, "capital": ally.capital, "region": region,
        "topic_a": topics[0], "topic_b": topics[1], "topic_c": topics[2],
        "topic": rng.choice(TOPICS),
        "years": str(rng.choice((50, 60, 70, 75))),
        "next_year": str(day.year + 1), "target_year": str(day.year + rng.choice((2, 3, 5))),
        "pct": rng.choice(("2", "2.5", "3", "3.5", "5")), "growth": str(rng.randint(4, 15)),
        "munition": rng.choice(MUNITIONS), "platform": rng.choice(PLATFORMS),
        "base": rng.choice(BASES), "when": rng.choice(FUTURE_WHEN),
        "ally_plain": ally.name.removeprefix("the "),
        "ally_pos_plain": ally.possessive,
        "trilateral": "yes" if kind == "trilateral" else "",
        "exercises": str(rng.randint(6, 40)), "personnel": f"{rng.randint(2, 60) * 100:,}",
    }

    published: dt.date | None = None
    if rng.random() < 0.55:
        published = day + dt.timedelta(days=rng.choice((0, 0, 1, 2, 3, 5)))
    when = _date_phrase(day, published, ally.commonwealth_dates, rng)

    prefix = "U.S. " if rng.random() < 0.6 else ""
    us_full = f"{prefix}{us_title} {us_name}"
    if rng.random() < 0.5:
        ally_full = f"{ally.possessive} {ally_title}, {ally_name},"
    else:
        ally_full = f"{ally.demonym} {ally_title} {ally_name}"
    if kind == "call":
        lead = f"{us_full} {rng.choice(CALL_PHRASES)} {ally_full} {when} "
        lead += f"{rng.choice(OPENING_AIMS)}."
    elif kind == "trilateral":
        other = allies[1]
        other_name, other_title = _ally_official(other, day, deputy, rng)
        venue, _venue_country = rng.choice(SIDELINES)
        lead = (f"{us_full}, {ally.demonym} {ally_title} {ally_name} and {other.demonym} "
                f"{other_title} {other_name} held a trilateral meeting {venue} {when}, "
                f"their {rng.choice(('first', 'second', 'latest'))} in this format.")
        slots["ally_pos"] = f"{ally.possessive} and {other.possessive}"
    elif rng.random() < 0.5:
        verb = rng.choice(HOST_VERBS)
        place = "to the Pentagon" if verb == "welcomed" else "at the Pentagon"
        lead = f"{us_full} {verb} {ally_full} {place} {when} {rng.choice(OPENING_AIMS)}."
    else:
        lead = (f"{us_full} {rng.choice(MEET_VERBS)} {ally_full} in {ally.capital} {when} "
                f"{rng.choice(OPENING_AIMS)}.")

    if rng.random() < 0.35:
        city = "WASHINGTON" if kind != "meeting" or "Pentagon" in lead else ally.capital.upper()
        dateline_day = published or day
        dateline = f"{city}, {_format_date(dateline_day, False)} — " if rng.random() < 0.6 \
            else f"{city} — "
        lead = dateline + lead

    paragraphs = [lead]
    praise = rng.sample(PRAISE, 2)
    paragraphs.append(" ".join(_fill(p, slots) for p in praise))
    middle = [_fill(rng.choice(DISCUSSION), slots),
              *(_fill(b, slots) for b in rng.sample(BACKGROUND, 2))]
    if kind != "call":
        middle.append(rng.choice(IN_PERSON))
    rng.shuffle(middle)
    paragraphs.append(" ".join(middle))
    paragraphs.append(" ".join((_fill(rng.choice(QUOTES_US), slots),
                                *(_fill(c, slots) for c in rng.sample(CONTEXT, 2)))))
    who_pool = ("both", "ally", "us") if kind != "trilateral" else ("both", "ally")
    chosen = rng.sample([c for c in COMMITMENTS if c[1] in who_pool], rng.randint(1, 3))
    paragraphs.append(" ".join(_commitment_sentence(t, w, slots, rng) for t, w in chosen))
    paragraphs.append(" ".join((_fill(rng.choice(QUOTES_ALLY), slots),
                                _fill(rng.choice(CONCERN), slots))))
    paragraphs.append(" ".join((_fill(rng.choice(FUTURE), slots),
                                _fill(rng.choice(CLOSING), slots))))
    body = "\n\n".join(paragraphs) + "\n"

    word = {"call": "call", "trilateral": "trilateral meeting", "meeting": "meeting"}[kind]
    title = f"{us_last} holds {word} with {ally.demonym} counterpart {ally_last}"
    header = ""
    if published is not None or rng.random() < 0.3:
        lines = [f"title: {title}"]
        if published is not None:
            lines.append(f"published: {published.isoformat()}")
        if rng.random() < 0.3:
            lines.append(f"source_url: https://www.example.mil/news/{index:05d}")
        header = "---\n" + "\n".join(lines) + "\n---\n"
    suffix = ".md" if rng.random() < 0.1 else ".txt"
    name = f"{index:05d}_{ally.code.lower()}_{kind}{suffix}"
    countries = tuple(sorted({"US", *(a.code for a in allies)}))
    return Readout(name, header + body, day, kind, countries)


def generate(count: int, seed: int = 0) -> list[Readout]:
    """``count`` distinct readouts (distinct bytes, so distinct sha256)."""
    rng = random.Random(seed)
    readouts: list[Readout] = []
    seen: set[str] = set()
    attempts = 0
    while len(readouts) < count:
        attempts += 1
        if attempts > count * 5 + 100:
            raise RuntimeError("could not generate enough distinct readouts")
        readout = make_readout(len(readouts), rng)
        digest = hashlib.sha256(readout.text.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        readouts.append(readout)
    return readouts


def write_readouts(folder: str | Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` distinct readouts into ``folder`` (created if missing); return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for readout in generate(count, seed):
        path = folder / readout.file_name
        path.write_text(readout.text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_readouts(args.folder, args.count, args.seed)
    print(f"wrote {len(paths)} readouts to {args.folder}")


if __name__ == "__main__":
    main()
