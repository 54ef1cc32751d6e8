"""Fill a database with a large synthetic dataset, quickly, for the page benchmarks.

The database is the one ``DATABASE_URL`` selects (the project's usual rule);
it must be migrated. Rows are written with ``bulk_create`` in batches, so
10,000 engagements take seconds, not the minutes an import would.

What it writes (deterministic for a given ``--seed``):

* ~30 counterpart countries plus the home country (``ENGAGEMENTS_HOME_COUNTRY``,
  US by default), weighted so a few (Japan, South Korea, Australia, ...)
  dominate, as in real data;
* ~300 officials (ten per country: ministers and deputies in successive terms
  over 2015–2026) with their appointments — the U.S. Secretary of Defense in
  office in September 2025 gets a second appointment as Secretary of War;
* N engagements (default 10,000) from 2015 to 2026: kinds, levels, review
  statuses and date precisions mixed; the home country plus one or two
  counterparts each; 2–4 participations with the title held that day; 1–3
  topics;
* 1–3 commitments per engagement, with parties, categories, statuses, due
  dates (some in the past, so some open commitments are overdue) and a status
  history of one to three steps;
* a source document with evidence spans for one engagement in twenty.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mydb \\
        python bench/make_dataset.py --engagements 10000 [--seed 0]

Refuses to write into a database that already holds engagements unless
``--force`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time

import benchlib

COUNTERPARTS = (
    # code, weight, minister title, deputy title
    ("JP", 14, "Minister of Defense", "State Minister of Defense"),
    ("KR", 10, "Minister of National Defense", "Vice Minister of National Defense"),
    ("AU", 9, "Deputy Prime Minister and Minister for Defence", "Minister for Defence Industry"),
    ("GB", 8, "Defence Secretary", "Minister of State for Defence"),
    ("PH", 7, "Secretary of National Defense", "Undersecretary"),
    ("DE", 6, "Federal Minister of Defence", "Deputy Minister of Defence"),
    ("FR", 6, "Minister of the Armed Forces", "Deputy Minister of Defence"),
    ("PL", 5, "Minister of National Defence", "Deputy Minister of National Defence"),
    ("CA", 5, "Minister of National Defence", "Deputy Minister of National Defence"),
    ("IN", 5, "Defence Minister", "Defence Secretary"),
    ("IT", 4, "Minister of Defence", "Deputy Minister of Defence"),
    ("NL", 3, "Minister of Defence", "State Secretary for Defence"),
    ("NO", 3, "Minister of Defence", "State Secretary"),
    ("DK", 3, "Minister of Defence", "Permanent Secretary"),
    ("NZ", 3, "Minister of Defence", "Secretary of Defence"),
    ("SG", 3, "Minister for Defence", "Senior Minister of State for Defence"),
    ("TH", 2, "Minister of Defence", "Permanent Secretary for Defence"),
    ("ES", 2, "Minister of Defence", "Secretary of State for Defence"),
    ("EE", 2, "Minister of Defence", "Permanent Secretary"),
    ("LT", 2, "Minister of National Defence", "Vice Minister of National Defence"),
    ("LV", 2, "Minister of Defence", "State Secretary"),
    ("FI", 2, "Minister of Defence", "Permanent Secretary"),
    ("SE", 2, "Minister for Defence", "State Secretary"),
    ("GR", 2, "Minister of National Defence", "Deputy Minister of National Defence"),
    ("RO", 2, "Minister of National Defence", "State Secretary"),
    ("TR", 1, "Minister of National Defence", "Deputy Minister of National Defence"),
    ("PT", 1, "Minister of National Defence", "Secretary of State for Defence"),
    ("BE", 1, "Minister of Defence", "Chief of Defence"),
    ("CZ", 1, "Minister of Defence", "Deputy Minister of Defence"),
    ("VN", 1, "Minister of National Defence", "Deputy Minister of National Defence"),
)
FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)
WAR_RENAMING = dt.date(2025, 9, 5)
TERMS = ((dt.date(2015, 1, 1), dt.date(2018, 6, 30)), (dt.date(2018, 7, 1), dt.date(2021, 1, 19)),
         (dt.date(2021, 1, 20), dt.date(2023, 6, 30)), (dt.date(2023, 7, 1), dt.date(2025, 1, 19)),
         (dt.date(2025, 1, 20), None))
GIVEN = ("Alex", "Maria", "Kenji", "Soo-jin", "Oliver", "Camille", "Lukas", "Ana", "Rahul",
         "Ingrid", "Tomás", "Yūko", "Mateusz", "Chloé", "Erik", "Lucía", "Aroha", "Wei", "Niamh",
         "Jonas", "Aiko", "Dmitri", "Sofia", "Marek", "Ines", "Hiroshi", "Priya", "Lars", "Elena")
FAMILY = ("Tanaka", "Kowalski", "Dubois", "Müller", "Rossi", "Andersen", "Park", "Santos",
          "Whitaker", "Nakamura", "García", "Virtanen", "Papadopoulos", "Popescu", "Kask",
          "Jansen", "Lindqvist", "Sharma", "Thompson", "Lefèvre", "Ozols", "Brennan", "Hoffmann",
          "Kazlauskas", "Novak", "Ferreira", "Yılmaz", "Nguyen", "Tan", "Morales", "Okafor")
TOPICS = ("deterrence", "extended deterrence", "defense spending", "joint exercises and training",
          "interoperability", "regional stability", "capability development", "maritime security",
          "missile defense", "industrial cooperation", "cyber", "space", "Ukraine",
          "counterterrorism", "posture and basing", "intelligence sharing")
COMMITMENT_TEXTS = (
    ("expand joint exercises in the region", "exercises-training"),
    ("raise defense spending to {pct}% of GDP by {year}", "defense-spending"),
    ("deepen industrial cooperation on munitions production", "industrial-cooperation"),
    ("co-produce advanced interceptors", "industrial-cooperation"),
    ("strengthen interoperability of command and control", "interoperability"),
    ("establish a working group on supply chain security", "policy-coordination"),
    ("increase the rotational presence of U.S. forces", "posture-basing"),
    ("acquire long-range precision fires", "capability-development"),
    ("hold a ministerial dialogue every six months", "policy-coordination"),
    ("provide additional air defense systems to Ukraine", "other"),
)
STATUS_PATHS = (  # status history after "announced", with weights
    ((), 40), (("in-progress",), 25), (("in-progress", "fulfilled"), 15), (("fulfilled",), 5),
    (("in-progress", "stalled"), 8), (("stalled",), 4), (("withdrawn",), 3),
)
VENUES = ("Pentagon", "Tokyo", "Seoul", "Canberra", "London", "Brussels", "Singapore", "Manila",
          "Warsaw", "Berlin", "Paris", "Ottawa", "Halifax", "Munich", "")


def _choices(rng: random.Random, weighted: tuple) -> object:
    return rng.choices([item for item, _ in weighted], [w for _, w in weighted])[0]


def build(engagement_count: int, seed: int, batch_size: int = 2000) -> dict[str, int]:
    """Write the dataset; return row counts per model."""
    from django.conf import settings
    from django.db import transaction

    from engagements.countries import sync_countries
    from engagements.extraction import fold
    from engagements.models import (
        Appointment,
        Commitment,
        CommitmentStatusChange,
        Country,
        Engagement,
        Evidence,
        Official,
        Participation,
        SourceDocument,
        Topic,
    )

    rng = random.Random(seed)
    home = settings.ENGAGEMENTS_HOME_COUNTRY
    if not Country.objects.exists():
        sync_countries(Country)
    known = set(Country.objects.values_list("code", flat=True))
    counterparts = [c for c in COUNTERPARTS if c[0] in known and c[0] != home]
    weights = [c[1] for c in counterparts]
    titles = {c[0]: (c[2], c[3]) for c in counterparts}
    titles[home] = ("Secretary of Defense", "Deputy Secretary of Defense")
    counts: dict[str, int] = {}

    with transaction.atomic():
        # Officials: a minister and a deputy per term, per country.
        officials: list[Official] = []
        roster: dict[tuple[str, int, bool], Official] = {}
        used_names: set[tuple[str, str]] = set()
        for code in [home, *(c[0] for c in counterparts)]:
            for term in range(len(TERMS)):
                for deputy in (False, True):
                    name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
                    if (fold(name), code) in used_names:  # same name twice: add a family name
                        name = f"{name}-{FAMILY[len(used_names) % len(FAMILY)]} {len(used_names)}"
                    used_names.add((fold(name), code))
                    official = Official(name=name, name_folded=fold(name), country_id=code)
                    officials.append(official)
                    roster[(code, term, deputy)] = official
        Official.objects.bulk_create(officials, batch_size=batch_size)
        appointments = []
        for (code, term, deputy), official in roster.items():
            start, end = TERMS[term]
            title = titles[code][1 if deputy else 0]
            if code == home and (end is None or end >= WAR_RENAMING):
                renamed = title.replace("Defense", "War")
                appointments.append(Appointment(official=official, title=title,
                                                organization="Department of Defense",
                                                start=start, end=WAR_RENAMING - dt.timedelta(1)))
                appointments.append(Appointment(official=official, title=renamed,
                                                organization="Department of War",
                                                start=WAR_RENAMING, end=end))
            else:
                appointments.append(Appointment(official=official, title=title, start=start,
                                                end=end))
        Appointment.objects.bulk_create(appointments, batch_size=batch_size)
        existing_topics = set(Topic.objects.filter(name__in=TOPICS).values_list("name", flat=True))
        Topic.objects.bulk_create([Topic(name=n) for n in TOPICS if n not in existing_topics])
        topics = list(Topic.objects.filter(name__in=TOPICS).order_by("name"))
        counts.update(officials=len(officials), appointments=len(appointments))

        def term_of(day: dt.date) -> int:
            return next(i for i, (s, e) in enumerate(TERMS) if s <= day and (e is None or day <= e))

        def title_on(code: str, deputy: bool, day: dt.date) -> str:
            title = titles[code][1 if deputy else 0]
            return title.replace("Defense", "War") if code == home and day >= WAR_RENAMING \
                else title

        # Engagements and what hangs off them, in chunks to bound memory.
        span = (LAST_DAY - FIRST_DAY).days
        totals = dict.fromkeys(("engagements", "participations", "countries", "topics",
                                "commitments", "parties", "history", "sources", "evidence"), 0)
        created = 0
        while created < engagement_count:
            chunk = min(batch_size, engagement_count - created)
            plans = []
            for _ in range(chunk):
                day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
                kind = _choices(rng, (("meeting", 60), ("call", 28), ("multilateral", 12)))
                level = _choices(rng, (("ministerial", 55), ("deputy", 25), ("working", 15),
                                       ("leaders", 5)))
                others = rng.choices(counterparts, weights)[0][0]
                codes = [home, others]
                if kind == "multilateral" or rng.random() < 0.1:
                    extra = rng.choices(counterparts, weights)[0][0]
                    if extra not in codes:
                        codes.append(extra)
                venue = rng.choice(VENUES)
                plans.append((day, kind, level, codes, venue))
            engagements = [
                Engagement(
                    date=day,
                    date_precision=_choices(rng, (("day", 90), ("month", 8), ("year", 2))),
                    date_derivation=_choices(rng, (("stated", 70), ("year-inferred", 15),
                                                   ("relative", 10), ("entered", 5))),
                    kind=kind, level=level,
                    title=f"{' – '.join(codes)} {kind} on {day:%d %B %Y}",
                    location=venue,
                    host_country_id=rng.choice(codes) if kind != "call" else None,
                    summary=f"Synthetic {level} {kind} between {', '.join(codes)}.",
                    review_status=_choices(rng, (("unreviewed", 55), ("confirmed", 40),
                                                 ("rejected", 5))),
                    confidence=round(rng.uniform(0.4, 1.0), 2),
                )
                for day, kind, level, codes, venue in plans
            ]
            Engagement.objects.bulk_create(engagements, batch_size=batch_size)
            country_links, topic_links, participations = [], [], []
            commitments, party_plan = [], []
            for engagement, (day, kind, level, codes, _venue) in zip(engagements, plans,
                                                                     strict=True):
                country_links += [Engagement.countries.through(engagement_id=engagement.pk,
                                                               country_id=c) for c in codes]
                topic_links += [Engagement.topics.through(engagement_id=engagement.pk,
                                                          topic_id=t.pk)
                                for t in rng.sample(topics, rng.randint(1, 3))]
                term = term_of(day)
                deputy = level in ("deputy", "working")
                people = [(c, deputy) for c in codes]
                extras = [(c, not deputy) for c in codes]
                rng.shuffle(extras)
                people += extras[: max(0, rng.randint(2, 4) - len(people))]
                for index, (code, is_deputy) in enumerate(people):
                    participations.append(Participation(
                        engagement_id=engagement.pk, official=roster[(code, term, is_deputy)],
                        role="host" if index == 0 and kind == "meeting" else
                        "guest" if index == 1 and kind == "meeting" else "participant",
                        title=title_on(code, is_deputy, day), country_id=code,
                    ))
                for _ in range(rng.randint(1, 3)):
                    template, category = rng.choice(COMMITMENT_TEXTS)
                    text = template.format(pct=rng.choice(("2", "3", "3.5", "5")),
                                           year=day.year + rng.randint(2, 6))
                    path = _choices(rng, STATUS_PATHS)
                    due = day + dt.timedelta(days=rng.randint(90, 1500)) \
                        if rng.random() < 0.45 else None
                    parties = codes if rng.random() < 0.6 else [rng.choice(codes)]
                    commitments.append(Commitment(
                        engagement_id=engagement.pk,
                        text=f"{' and '.join(parties)} to {text}",
                        category=category, status=path[-1] if path else "announced",
                        due_date=due, confidence=round(rng.uniform(0.4, 1.0), 2),
                    ))
                    party_plan.append((parties, day, path))
            Engagement.countries.through.objects.bulk_create(country_links, batch_size=batch_size)
            Engagement.topics.through.objects.bulk_create(topic_links, batch_size=batch_size)
            Participation.objects.bulk_create(participations, batch_size=batch_size)
            Commitment.objects.bulk_create(commitments, batch_size=batch_size)
            parties, history = [], []
            for commitment, (codes, day, path) in zip(commitments, party_plan, strict=True):
                parties += [Commitment.parties.through(commitment_id=commitment.pk, country_id=c)
                            for c in codes]
                when = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
                previous = ""
                for status in ("announced", *path):
                    history.append(CommitmentStatusChange(
                        commitment_id=commitment.pk, from_status=previous, to_status=status,
                        note="Synthetic status update.", changed_at=when,
                    ))
                    previous = status
                    when += dt.timedelta(days=rng.randint(30, 400))
            Commitment.parties.through.objects.bulk_create(parties, batch_size=batch_size)
            CommitmentStatusChange.objects.bulk_create(history, batch_size=batch_size)

            # A source document with evidence for one engagement in twenty.
            sourced = engagements[::20]
            sources = []
            for engagement in sourced:
                body = (f"Readout of the {engagement.kind} on {engagement.date:%B %d, %Y}. "
                        f"{engagement.summary} Officials agreed to deepen cooperation.")
                sources.append(SourceDocument(
                    file_name=f"synthetic-{engagement.pk}.txt", title=engagement.title,
                    published=engagement.date, text=body,
                    sha256=hashlib.sha256(f"{seed}:{engagement.pk}:{body}".encode()).hexdigest(),
                    extractor_version="synthetic",
                ))
            SourceDocument.objects.bulk_create(sources, batch_size=batch_size)
            source_links = [SourceDocument.engagements.through(sourcedocument_id=s.pk,
                                                               engagement_id=e.pk)
                            for s, e in zip(sources, sourced, strict=True)]
            SourceDocument.engagements.through.objects.bulk_create(source_links)
            evidence = []
            for source, engagement in zip(sources, sourced, strict=True):
                first = source.text.index(".") + 1
                evidence.append(Evidence(source=source, fact="date", start=0, end=first,
                                         sentence=source.text[:first], engagement=engagement))
                evidence.append(Evidence(source=source, fact="commitment",
                                         start=source.text.rindex("Officials"),
                                         end=len(source.text),
                                         sentence="Officials agreed to deepen cooperation.",
                                         engagement=engagement))
            Evidence.objects.bulk_create(evidence, batch_size=batch_size)

            created += chunk
            for key, rows in (("engagements", engagements), ("participations", participations),
                              ("countries", country_links), ("topics", topic_links),
                              ("commitments", commitments), ("parties", parties),
                              ("history", history), ("sources", sources),
                              ("evidence", evidence)):
                totals[key] += len(rows)
        counts.update(totals)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description="Fill DATABASE_URL with synthetic engagements.")
    parser.add_argument("--engagements", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true",
                        help="write even if the database already holds engagements")
    args = parser.parse_args()
    benchlib.setup_django()
    from engagements.models import Engagement

    if Engagement.objects.exists() and not args.force:
        print("The database already holds engagements; use --force to add more.",
              file=sys.stderr)
        return 2
    started = time.perf_counter()
    counts = build(args.engagements, args.seed)
    counts["seconds"] = round(time.perf_counter() - started, 2)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
