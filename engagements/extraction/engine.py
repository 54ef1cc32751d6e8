"""The extraction pipeline: one document body in, candidate engagements out.

One document usually describes one engagement. It describes several when

* a paragraph opens a further dated or placed meeting with a new country (a trip), or
* a participant "also met" / "later met" / "paid a courtesy call on" an official named
  nowhere before, once the first meeting already has two sides ("Austin also met Prime
  Minister Narendra Modi later in the day"): that is a separate engagement with its own
  participants and level, on the first meeting's date and at its place unless the
  sentence gives its own.

A news story's opening headline (a first line with no closing punctuation) is also read as
its title and yields no commitment of its own (it restates the lead); a byline is skipped.
A story that only recalls a past meeting ("Last month's meeting ..., held on March 18")
describes that meeting. A news dateline with a full date dates the story when no
published date is given. "X spoke today with Y" with no place and nobody hosted is a call.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..choices import (
    DateDerivation,
    DatePrecision,
    EngagementKind,
    EngagementLevel,
    ParticipationRole,
)
from .commitments import find_commitments
from .dates import DateMention, dateline_city, dateline_date, find_dates
from .dictionaries import Dictionaries, Venue, load_dictionaries
from .lexicon import Scan, Tokens
from .officials import (
    LEVEL_RANK,
    CountryMention,
    OfficialCandidate,
    SentenceIndex,
    apply_name_order,
    find_country_mentions,
    find_officials,
)
from .text import Sentence, fold, normalise, split_sentences
from .types import ExtractedEngagement, ExtractedOfficial, ExtractionResult, Span

_PARTY_LIST_RE = re.compile(
    r"\b(?:meeting|meetings|talks|call|dialogue|consultations|discussions?|summit|conversation|"
    r"ministerial|trilateral|quadrilateral)\s+(?:between|among|with|of)\s+(?:the\s+)?(?:defen[cs]e\s+ministers\s+of\s+)?",
    re.IGNORECASE,
)
_JOINER_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")
_COUNTERPART_RE = re.compile(r"(?:'s)?\s+counterparts?\b")
_PREPOSITION_RE = re.compile(
    r"(?:\b(?:at|to|in|inside|from|during|attending|while attending|ahead of|"
    r"on the (?:sidelines|margins) of|"
    r"on the sidelines|at the (?:sidelines|margins) of)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_CITY_PREPOSITION_RE = re.compile(r"\b(?:in|at|to)\s+$", re.IGNORECASE)
_VENUE_CITY_RE = re.compile(r",?\s+(?:in|at)\s+")
_ARTICLE_RE = re.compile(r"\s+(?:the\s+)?")
# A first line with no closing punctuation, of at most 25 words, followed by a blank line or a
# byline ("By Jane Doe, Staff Writer"), is a headline; the byline goes with it.
_HEADLINE_RE = re.compile(
    r"\A[ \t]*(?P<headline>(?:[^\s]+[ \t]+){1,24}[^\s]*[^\s.!?:;,\"')\]])[ \t]*\n"
    r"(?:[ \t]*\n|(?=[ \t]*By[ \t]+[A-Z]))"
    r"(?:[ \t]*By[ \t]+[A-Z][^\n]*\n)?"
)
_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<lines>.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE
)
_FRONT_MATTER_FIELD_RE = re.compile(
    r"^(?P<key>title|published)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", re.M
)
_MINISTRY_RE = re.compile(r"^(?:the\s+)?Ministry\b|\bMinistry$")
_PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|is|are)\s+$", re.IGNORECASE)
_MULTILATERAL_WORDS = {3: "trilateral", 4: "quadrilateral"}
_NAME_CONTINUES_RE = re.compile(r"[ \t]+[A-Z]\w")  # "Ukraine Defense Contact Group"
_JOINT_GAP = 40  # characters between a compound subject and its verb
_REGION_PLACE_RE = re.compile(
    r"\b(?:in|at)\s+(?P<place>[A-Z][\w'\-]+(?:[ \t][A-Z][\w'\-]+){0,2}),[ \t]+"
    r"(?P<region>[A-Z][\w.'\-]*(?:[ \t][A-Z][\w.'\-]*){0,2})"
)


@dataclass(frozen=True, slots=True)
class _Place:
    location: str
    country: str | None
    start: int
    end: int


def extract(
    body: str,
    *,
    published: dt.date | None = None,
    reference_date: dt.date | None = None,
    title: str | None = None,
    dictionaries: Dictionaries | None = None,
) -> ExtractionResult:
    """Extract the engagements a readout or news story describes.

    ``body`` is the document text after any front matter; every span offset
    indexes it. Year-less and relative dates resolve against ``published``,
    or, without it, against ``reference_date`` (today when omitted), in
    which case the derivation says the year was inferred. ``title`` is the
    document's own title, used as a further hint for the kind of engagement.
    """
    dictionaries = dictionaries or load_dictionaries()
    work = normalise(body)
    if front := _FRONT_MATTER_RE.match(work):
        # Front matter left on the body is metadata, not prose: blank it (offsets kept)
        # and take the publication date and title from it when not given.
        fields = {
            m["key"]: m["value"].strip("\"'")
            for m in _FRONT_MATTER_FIELD_RE.finditer(front["lines"])
        }
        if published is None and fields.get("published"):
            with contextlib.suppress(ValueError):
                published = dt.date.fromisoformat(fields["published"][:10])
        title = title or fields.get("title") or None
        work = re.sub(r"[^\n]", " ", work[: front.end()]) + work[front.end() :]
    headline_end = 0
    if headline := _HEADLINE_RE.match(work):
        # A news story's headline restates its lead: a title, not a further commitment.
        title = title or " ".join(headline.group("headline").split())
        headline_end = headline.end("headline")
        work = _keep(work, [(0, headline_end), (headline.end(), len(work))])  # no byline
    sentences = split_sentences(body, normalised=work)
    if not sentences:
        return ExtractionResult(engagements=[], warnings=["The document is empty."])
    dateline_end = 0
    if published is None and (dateline := dateline_date(work)) is not None:
        published, dateline_end = dateline  # "WASHINGTON, Feb. 3, 2026 —" dates the story

    def read(text: str, text_sentences: list[Sentence], **options) -> _Document:
        """The document as extraction sees it, ``text`` being ``work`` or a masked copy."""
        return _Document(
            body,
            text,
            text_sentences,
            dictionaries,
            published,
            reference_date,
            title,
            dateline_end,
            headline_end=headline_end,
            **options,
        )

    document = read(work, sentences)
    starts = document.episode_starts()
    if len(starts) < 2:
        result = document.extract()
        if not result.engagements and document.past:
            # A story that only looks back on a meeting ("Last month's meeting ...,
            # held on March 18, ...") describes that meeting.
            recalled = read(work, sentences, recalled=True).extract()
            if recalled.engagements:
                return recalled
        return result
    # One document, several meetings (a trip): each paragraph that opens a new meeting is
    # read with the document's preamble, everything else blanked out (offsets unchanged).
    engagements, warnings = [], []
    bounds = [*starts, len(work)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        masked = _keep(work, [(0, starts[0]), (start, end)])
        episode = read(masked, split_sentences(body, normalised=masked)).extract()
        engagements += episode.engagements
        warnings += episode.warnings
    return ExtractionResult(engagements=engagements, warnings=warnings)


_REPORTED_ON_RE = re.compile(
    r"\b(?:said|announced|reported|told\s+reporters|stated|confirmed)\s+(?:on\s+)?$", re.IGNORECASE
)


def _keep(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """``text`` with every character outside ``ranges`` (except newlines) made a space."""
    kept = [ch if ch == "\n" else " " for ch in text]
    for start, end in ranges:
        kept[start:end] = text[start:end]
    return "".join(kept)


class _Document:
    """The state of one extraction; each step reads what the earlier ones found."""

    def __init__(
        self,
        body: str,
        work: str,
        sentences: list[Sentence],
        dictionaries: Dictionaries,
        published: dt.date | None,
        reference_date: dt.date | None,
        title: str | None,
        dateline_end: int = 0,
        *,
        recalled: bool = False,
        headline_end: int = 0,
    ) -> None:
        self.body = body
        self.dateline_end = dateline_end
        self.headline = {s.index for s in sentences if s.end <= headline_end}
        self.work = work
        self.sentences = sentences
        self.index = SentenceIndex(sentences)
        self.d = dictionaries
        self.published = published
        self.anchor = published or reference_date or dt.date.today()
        self.title_scan = dictionaries.scan(normalise(title or ""))
        self.tokens = Tokens.of(work)
        self.scan: Scan = dictionaries.phrases.scan(self.tokens)
        self.warnings: list[str] = []
        # ``recalled``: the document only recalls a past meeting, which is then the one read.
        self.past = set() if recalled else self._sentences_matching("past")
        self.future = self._sentences_matching("future_meeting")
        self.meeting = self._sentences_matching("meeting")
        self.current = [s for s in sentences if s.index not in self.past]
        self.primary = [
            s for s in self.current if s.index in self.meeting and s.index not in self.future
        ]
        self._found: tuple[list[CountryMention], list[OfficialCandidate]] | None = None

    def _sentences_matching(self, vocabulary: str) -> set[int]:
        return {self.index.at(hit.start).index for hit in self.scan.all(vocabulary)}

    def _find_officials(self) -> tuple[list[CountryMention], list[OfficialCandidate]]:
        if self._found is None:
            country_mentions = find_country_mentions(self.scan)
            officials = find_officials(
                self.body,
                self.work,
                self.tokens,
                self.scan,
                self.index,
                self.d,
                country_mentions,
                on=self.anchor.isoformat(),
            )
            self._found = (country_mentions, officials)
        return self._found

    def extract(self) -> ExtractionResult:
        country_mentions, officials = self._find_officials()
        self._add_joint_action_sentences(officials)
        participants = sorted(
            (official for official in officials if self._takes_part(official)),
            key=lambda official: official.mentions[0].start,
        )
        if not participants:
            return self._nothing("No participating officials were found.")
        if not self.primary and not self.title_scan.all("meeting"):
            return self._nothing("No sentence describes a meeting or call.")

        further = self._further_meetings(participants)
        newcomers = {id(official) for _, _, joined in further for official in joined}
        participants = [official for official in participants if id(official) not in newcomers]
        parties = self._meeting_parties(country_mentions)
        self._fill_missing_countries(participants, parties)
        is_call = self._is_call()
        place = None if is_call else self._place()
        if place is None and not is_call and self._spoke_with(participants):
            is_call = True  # "spoke today with his Israeli counterpart": a call
        self._country_from_place(participants, place)
        self._country_from_salience(participants, country_mentions)
        for official in participants:  # a country found only now may order the name
            apply_name_order(official, self.d, self.work, self.scan)
        self._name_order(officials)
        countries = sorted({o.country for o in participants if o.country} | parties)
        if len(countries) < 2 and len(participants) < 2:
            return self._nothing("Only one side of an engagement was found.")

        kind = self._kind(countries, is_call)
        host_country = place.country if place else None
        host_official = None if is_call else self._host_official(participants)
        if host_country is None and host_official is not None:
            host_country = host_official.country
        if host_country is None and place is not None:
            host_country = self._ministry_host(place, participants)
        roles = self._roles(participants, kind, is_call, host_country, host_official)
        date = self._date()
        level = self._level(participants)
        location = place.location if place else ""

        engagement = ExtractedEngagement(
            date=date.date if date else None,
            date_precision=date.precision if date else DatePrecision.DAY.value,
            date_derivation=date.derivation if date else DateDerivation.STATED.value,
            kind=kind,
            level=level,
            title=self._title(participants, countries, kind, location),
            location=location,
            host_country=host_country,
            countries=countries,
            participants=_extracted_officials(participants, roles),
            topics=self._topics(),
            commitments=find_commitments(
                self.work,
                self.scan,
                self.sentences,
                self.d,
                country_mentions,
                participants,
                countries,
                self.past | self.headline,
                multilateral=kind == EngagementKind.MULTILATERAL,
            ),
            summary=self._summary(),
            confidence=self._confidence(date, participants, location, is_call),
            evidence=[
                self._span(item.start, item.end) for item in (date, place) if item is not None
            ],
        )
        if date is None:
            self.warnings.append("No date of the engagement was found.")
        engagements = [engagement]
        for sentence, subject, joined in further:
            engagements.append(
                self._further_engagement(engagement, place, sentence, subject, joined)
            )
        return ExtractionResult(engagements=engagements, warnings=self.warnings)

    # A further meeting of the same visit ----------------------------------------------

    def _further_meetings(
        self, participants: Sequence[OfficialCandidate]
    ) -> list[tuple[Sentence, OfficialCandidate, list[OfficialCandidate]]]:
        """ "Austin also met Prime Minister Narendra Modi later in the day": a participant
        meeting officials named nowhere earlier is a separate engagement (its own
        participants and level) once the first meeting has two sides of its own."""
        found = []
        for sentence in self.current:
            if sentence.index in self.future:
                continue
            for cue in self.scan.within("further_meeting", sentence.start, sentence.end):
                before = [
                    o
                    for o in participants
                    if any(sentence.start <= m.start < cue.start for m in o.mentions)
                ]
                joined = [
                    o
                    for o in participants
                    if o.mentions[0].start >= cue.end and o.mentions[0].sentence is sentence
                ]
                if len(before) != 1 or not joined or before[0] in joined:
                    continue
                earlier = [
                    o
                    for o in participants
                    if o not in joined and o.mentions[0].start < sentence.start
                ]
                if len({o.country for o in earlier if o.country}) < 2:
                    continue
                found.append((sentence, before[0], joined))
                break
        return found

    def _further_engagement(
        self,
        first: ExtractedEngagement,
        first_place: _Place | None,
        sentence: Sentence,
        subject: OfficialCandidate,
        joined: list[OfficialCandidate],
    ) -> ExtractedEngagement:
        place = self._venue_in(sentence) or self._city_in(sentence) or first_place
        self._country_from_place([subject, *joined], place)
        for official in joined:
            apply_name_order(official, self.d, self.work, self.scan)
        self._name_order(joined)
        participants = [subject, *joined]
        countries = sorted({o.country for o in participants if o.country})
        host_country = place.country if place else first.host_country
        kind = EngagementKind.MEETING.value
        roles = self._roles(participants, kind, False, host_country, None)
        dates = [
            mention
            for mention in find_dates(
                self.work[: sentence.end],
                anchor=self.anchor,
                anchored_on_published=self.published is not None,
            )
            if mention.start >= sentence.start and mention.precision == DatePrecision.DAY
        ]
        date = dates[0] if dates else None
        location = place.location if place else ""
        return ExtractedEngagement(
            date=date.date if date else first.date,
            date_precision=date.precision if date else first.date_precision,
            date_derivation=date.derivation if date else first.date_derivation,
            kind=kind,
            level=self._level(participants),
            title=self._title(participants, countries, kind, location),
            location=location,
            host_country=host_country,
            countries=countries,
            participants=_extracted_officials(participants, roles),
            topics=list(
                dict.fromkeys(
                    hit.label for hit in self.scan.within("topic", sentence.start, sentence.end)
                )
            ),
            commitments=[],
            summary=" ".join(sentence.text.split()),
            confidence=round(max(0.05, first.confidence - 0.1), 2),
            evidence=[Span(sentence.start, sentence.end, sentence.text)],
        )

    def _spoke_with(self, participants: Sequence[OfficialCandidate]) -> bool:
        """ "X spoke today with his Israeli counterpart, Y" (no place, nobody hosted):
        the participants spoke by phone; "spoke with reporters" says nothing of the kind."""
        if any(self.scan.first("hosting", s.start, s.end) for s in self.primary):
            return False
        starts = [m.start for official in participants for m in official.mentions]
        for sentence in self.primary:
            for hit in self.scan.within("phone_verbs", sentence.start, sentence.end):
                if any(hit.end <= start <= hit.end + 40 for start in starts):
                    return True
        return False

    def episode_starts(self) -> list[int]:
        """Where each meeting of a several-meeting document begins (one start: one meeting).

        A paragraph opens a further meeting when its first sentence describes a meeting,
        states its own date or place, and introduces an official of a country the meeting
        so far does not include, while that meeting already has two sides.
        """
        primary = self.primary_indexes
        if sum(self._opens_paragraph(self.sentences[index]) for index in primary) < 2:
            return []  # a second meeting opens a paragraph of its own
        _, officials = self._find_officials()
        first_seen: dict[int, list[OfficialCandidate]] = {}
        for official in officials:
            if official.excluded or official.country is None or not official.mentions:
                continue
            first_seen.setdefault(official.mentions[0].sentence.index, []).append(official)
        starts: list[int] = []
        countries: set[str] = set()
        for sentence in self.sentences:
            introduced = {o.country for o in first_seen.get(sentence.index, ())}
            if (
                starts
                and sentence.index in primary
                and len(countries) >= 2
                and introduced - countries
                and self._opens_paragraph(sentence)
                and self._dated_or_placed(sentence)
            ):
                starts.append(sentence.start)
                countries = set()
            if not starts and sentence.index in primary:
                starts.append(sentence.start)
            countries |= introduced
        return starts

    def _opens_paragraph(self, sentence: Sentence) -> bool:
        if sentence.index == 0:
            return True
        previous = self.sentences[sentence.index - 1]
        return bool(re.search(r"\n[ \t]*\n", self.work[previous.end : sentence.start]))

    def _dated_or_placed(self, sentence: Sentence) -> bool:
        if any(
            self.scan.first(vocabulary, sentence.start, sentence.end)
            for vocabulary in ("city", "venue")
        ):
            return True
        return bool(
            find_dates(
                self.work[sentence.start : sentence.end],
                anchor=self.anchor,
                anchored_on_published=self.published is not None,
            )
        )

    def _nothing(self, reason: str) -> ExtractionResult:
        return ExtractionResult(
            engagements=[], warnings=[*self.warnings, f"No engagement: {reason}"]
        )

    def _span(self, start: int, end: int) -> Span:
        return Span(start, end, self.index.at(start).text)

    # Participants and countries -------------------------------------------------

    def _takes_part(self, official: OfficialCandidate) -> bool:
        """Named in the present engagement, not only in passing, and not its spokesperson."""
        if official.excluded:
            return False
        elsewhere = self.past | self.future
        return any(
            not mention.in_passing and mention.sentence.index not in elsewhere
            for mention in official.mentions
        )

    @property
    def primary_indexes(self) -> set[int]:
        return {sentence.index for sentence in self.primary}

    def _add_joint_action_sentences(self, officials: Sequence[OfficialCandidate]) -> None:
        """A sentence whose subject is two officials ("A and B agreed ...") describes a meeting."""
        mentions = sorted(
            (m.start, m.end, official)
            for official in officials
            if not official.excluded
            for m in official.mentions
            if not m.in_passing
        )
        added = False
        for sentence in self.current:
            if sentence.index in self.meeting or sentence.index in self.future:
                continue
            for cue in self.scan.within("joint_action", sentence.start, sentence.end):
                before = [
                    (a, b, o) for a, b, o in mentions if sentence.start <= a and b <= cue.start
                ]
                if len(before) < 2 or cue.start - before[-1][1] > _JOINT_GAP:
                    continue
                (_, first_end, first), (second_start, _, second) = before[-2], before[-1]
                gap = self.work[first_end:second_start]
                if first is not second and len(gap) <= _JOINT_GAP and re.search(r"\band\b|&", gap):
                    self.meeting.add(sentence.index)
                    added = True
                    break
        if added:
            self.primary = [
                s for s in self.current if s.index in self.meeting and s.index not in self.future
            ]

    def _meeting_parties(self, mentions: Sequence[CountryMention]) -> set[str]:
        """Countries named as sides of the meeting.

        "his Japanese counterpart" names one; "talks between A and B" names two.
        """
        by_start = {mention.start: mention for mention in mentions}
        parties: set[str] = set()
        for sentence in self.current:
            for mention in mentions:
                if sentence.start <= mention.start < sentence.end and _COUNTERPART_RE.match(
                    self.work, mention.end
                ):
                    parties.add(mention.code)
        for sentence in self.primary:
            for match in _PARTY_LIST_RE.finditer(self.work, sentence.start, sentence.end):
                cursor = match.end()
                while (mention := by_start.get(cursor)) is not None:
                    if _NAME_CONTINUES_RE.match(self.work, mention.end):
                        break  # part of a name: "a meeting of the Ukraine Defense Contact Group"
                    parties.add(mention.code)
                    joint = _JOINER_RE.match(self.work, mention.end)
                    if joint is None:
                        break
                    cursor = joint.end()
        return parties

    def _fill_missing_countries(
        self, participants: list[OfficialCandidate], parties: set[str]
    ) -> None:
        """Give the one official without a country the one side nobody else represents."""
        missing = [official for official in participants if official.country is None]
        unclaimed = parties - {official.country for official in participants}
        if len(missing) == 1 and len(unclaimed) == 1:
            missing[0].country = unclaimed.pop()

    def _country_from_place(
        self, participants: list[OfficialCandidate], place: _Place | None
    ) -> None:
        """An official of no stated country at a place in a country nobody else represents
        is from that country (the host: "Minister of Defense X ... in Tokyo")."""
        if place is None or place.country is None:
            return
        home_leader = any(
            o.country == place.country and o.level == EngagementLevel.LEADERS for o in participants
        )
        for official in self._missing_country(participants):
            if official.level == EngagementLevel.LEADERS and not home_leader:
                # a head of state or government met at home, unless the host country's
                # leader is already there ("President Trump met Prime Minister X of Japan")
                official.country = place.country
        missing = self._missing_country(participants)
        present = {official.country for official in participants if official.country}
        if len(missing) == 1 and present and place.country not in present:
            missing[0].country = place.country

    def _country_from_salience(
        self, participants: list[OfficialCandidate], mentions: Sequence[CountryMention]
    ) -> None:
        """The one official still without a country, on a side nobody represents, is from
        the country the document names most often among those nobody else represents."""
        missing = self._missing_country(participants)
        present = {official.country for official in participants if official.country}
        if len(missing) != 1 or len(present) != 1:
            return
        skipped = self.past | self.future
        counts: dict[str, int] = {}
        for mention in mentions:
            if mention.code not in present and self.index.at(mention.start).index not in skipped:
                counts[mention.code] = counts.get(mention.code, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            missing[0].country = ranked[0][0]

    def _missing_country(
        self, participants: Sequence[OfficialCandidate]
    ) -> list[OfficialCandidate]:
        return [
            official
            for official in participants
            if official.country is None and official.title not in self.d.international_titles
        ]

    def _name_order(self, officials: Sequence[OfficialCandidate]) -> None:
        """ "Nakatani Gen" (family name first in capitals) -> "Gen Nakatani" for countries
        whose names English prose gives given name first."""
        for official in officials:
            country = self.d.countries.get(official.country or "")
            if official.family_first and country is not None and country.given_name_first:
                tokens = official.name.split()
                official.name = " ".join([*tokens[1:], tokens[0]])
                official.family_first = False

    def _level(self, participants: Sequence[OfficialCandidate]) -> str:
        levels = [official.level for official in participants if official.level]
        if not levels:
            return EngagementLevel.WORKING.value
        return max(levels, key=LEVEL_RANK.__getitem__)

    # Kind, place and roles ----------------------------------------------------------

    def _is_call(self) -> bool:
        if self.title_scan.all("call"):
            return True
        excluded = self.past | self.future
        return any(self.index.at(hit.start).index not in excluded for hit in self.scan.all("call"))

    def _kind(self, countries: Sequence[str], is_call: bool) -> str:
        primary = self.primary_indexes
        if len(countries) >= 3 or any(
            self.index.at(hit.start).index in primary for hit in self.scan.all("multilateral")
        ):
            return EngagementKind.MULTILATERAL.value
        return EngagementKind.CALL.value if is_call else EngagementKind.MEETING.value

    def _place(self) -> _Place | None:
        for sentence in self.primary:
            place = (
                self._venue_in(sentence)
                or self._city_in(sentence)
                or self._region_place_in(sentence)
                or self._visited_country_in(sentence)
            )
            if place is not None:
                return place
        city = dateline_city(self.work)
        if city:
            for hit in self.scan.within("city", 0, len(city) + 1):
                name, code = hit.label
                return _Place(name, code, hit.start, hit.end)
            if (known := self.d.cities.get(fold(city))) is not None:  # "SEOUL, Nov 4 -"
                start = self.work.find(city.upper())
                return _Place(known[0], known[1], max(start, 0), max(start, 0) + len(city))
        return None

    def _venue_in(self, sentence: Sentence) -> _Place | None:
        for hit in self.scan.within("venue", sentence.start, sentence.end):
            if not _PREPOSITION_RE.search(
                self.work, max(sentence.start, hit.start - 40), hit.start
            ):
                continue
            venue: Venue = hit.label
            location, country, end = venue.name, venue.country, hit.end
            if (gap := _VENUE_CITY_RE.match(self.work, end)) and (
                city := self.scan.starting_at("city", gap.end())
            ):
                name, city_country = city.label
                location, country, end = f"{venue.name}, {name}", country or city_country, city.end
            elif venue.city and (
                any(
                    city.label[0] == venue.city
                    for city in self.scan.within("city", sentence.start, sentence.end)
                )
                or self._dateline_city() == venue.city
            ):
                # "in Singapore on the sidelines of ...", or "SINGAPORE -- ... on the margins of"
                location = f"{venue.name}, {venue.city}"
            return _Place(location, country, hit.start, end)
        return None

    def _dateline_city(self) -> str | None:
        city = dateline_city(self.work)
        if city is None:
            return None
        known = self.d.cities.get(fold(city))
        return known[0] if known else city

    def _city_in(self, sentence: Sentence) -> _Place | None:
        for hit in self.scan.within("city", sentence.start, sentence.end):
            if _CITY_PREPOSITION_RE.search(
                self.work, max(sentence.start, hit.start - 4), hit.start
            ):
                name, country = hit.label
                return _Place(name, country, hit.start, hit.end)
        return None

    def _region_place_in(self, sentence: Sentence) -> _Place | None:
        """ "in Annapolis, Maryland": a place followed by its state, province or country."""
        for match in _REGION_PLACE_RE.finditer(self.work, sentence.start, sentence.end):
            place, region = match.group("place"), match.group("region")
            start = match.start("place")
            if any(self.scan.first(v, start, match.end("place")) for v in ("title", "country")):
                continue
            if (known := self.d.regions.get(fold(region))) is not None:
                return _Place(f"{place}, {known[0]}", known[1], start, match.end("region"))
            country = self.scan.starting_at("country", match.start("region"))
            if country is not None and country.label.is_name:
                return _Place(place, country.label.code, start, match.end("place"))
        return None

    def _visited_country_in(self, sentence: Sentence) -> _Place | None:
        for cue in self.scan.within("visiting", sentence.start, sentence.end):
            gap = _ARTICLE_RE.match(self.work, cue.end)
            country = self.scan.starting_at("country", gap.end()) if gap else None
            if country is not None and country.label.is_name:
                code = country.label.code
                return _Place(self.d.country_name(code), code, country.start, country.end)
        return None

    def _ministry_host(
        self, place: _Place, participants: Sequence[OfficialCandidate]
    ) -> str | None:
        """A meeting "at the Ministry of Defense" (no city given) is hosted by the country
        whose participant heads that ministry: its "Minister of Defense"."""
        minister = _MINISTRY_RE.sub("Minister", place.location)
        if minister == place.location:
            return None
        holders = {
            o.country
            for o in participants
            if o.country and any(part == minister for part in o.title.split(" and "))
        }
        return holders.pop() if len(holders) == 1 else None

    def _host_official(self, participants: Sequence[OfficialCandidate]) -> OfficialCandidate | None:
        """The official who "hosted", "welcomed" or "received" the other side."""
        mentions = sorted(
            ((m.start, m.end, official) for official in participants for m in official.mentions),
            key=lambda item: item[0],
        )
        for sentence in self.primary:
            for cue in self.scan.within("hosting", sentence.start, sentence.end):
                if _PASSIVE_RE.search(self.work, sentence.start, cue.start):
                    after = [o for start, _, o in mentions if cue.end <= start < sentence.end]
                    if after:
                        return after[0]
                    continue
                before = [o for start, _, o in mentions if sentence.start <= start < cue.start]
                if before:
                    return before[-1]
        return None

    def _roles(
        self,
        participants: Sequence[OfficialCandidate],
        kind: str,
        is_call: bool,
        host_country: str | None,
        host_official: OfficialCandidate | None,
    ) -> list[str]:
        host, guest, other = (
            ParticipationRole.HOST.value,
            ParticipationRole.GUEST.value,
            ParticipationRole.PARTICIPANT.value,
        )
        if is_call or host_country is None:
            return [other] * len(participants)
        present = {official.country for official in participants}
        visitors = (
            guest if kind != EngagementKind.MULTILATERAL and host_country in present else other
        )
        return [host if official.country == host_country else visitors for official in participants]

    # Date, topics and presentation ------------------------------------------------------

    def _date(self) -> DateMention | None:
        mentions = find_dates(
            self.work,
            anchor=self.anchor,
            anchored_on_published=self.published is not None,
            tokens=self.tokens,
        )
        primary = self.primary_indexes
        best: tuple[int, DateMention] | None = None
        for mention in mentions:
            sentence = self.index.at(mention.start)
            if sentence.index in self.past or sentence.index in self.future:
                continue
            score = (
                2 * (sentence.index in primary)
                + (sentence.index <= 1)
                + (mention.precision == "day")
                - 4 * (mention.end <= self.dateline_end)  # the story's date, not the meeting's
                # "a ministry statement said on Friday": the report's date, not the meeting's
                - 3 * bool(_REPORTED_ON_RE.search(self.work, sentence.start, mention.start))
            )
            if best is None or score > best[0]:
                best = (score, mention)
        return best[1] if best else None

    def _topics(self) -> list[str]:
        return list(dict.fromkeys(hit.label for hit in self.scan.all("topic")))

    def _title(
        self,
        participants: Sequence[OfficialCandidate],
        countries: Sequence[str],
        kind: str,
        location: str,
    ) -> str:
        if kind == EngagementKind.MULTILATERAL:
            word = _MULTILATERAL_WORDS.get(len(countries), "multilateral")
            label = (
                "\u2013".join(self.d.country_name(code) for code in countries) + f" {word} meeting"
            )
        else:
            surnames = [
                official.surnames[0] if official.surnames else official.name
                for official in participants
            ]
            label = "\u2013".join(surnames[:3]) + f" {kind}"
        return f"{label}, {location}" if location else label

    def _summary(self) -> str:
        chosen = [self.sentences[0].text]
        if len(chosen[0]) < 160 and len(self.sentences) > 1:
            chosen.append(self.sentences[1].text)
        summary = " ".join(" ".join(chosen).split())
        return summary if len(summary) <= 600 else summary[:600].rsplit(" ", 1)[0] + "…"

    def _confidence(
        self,
        date: DateMention | None,
        participants: Sequence[OfficialCandidate],
        location: str,
        is_call: bool,
    ) -> float:
        score = 0.9
        if date is None:
            score -= 0.3
        elif date.derivation == DateDerivation.YEAR_INFERRED:
            score -= 0.15
        elif date.derivation == DateDerivation.RELATIVE:
            score -= 0.05 if date.precision == DatePrecision.DAY else 0.1
        if len(participants) < 2:
            score -= 0.2
        if any(official.country is None for official in participants):
            score -= 0.1
        if not location and not is_call:
            score -= 0.1
        return round(min(0.99, max(0.05, score)), 2)


def _extracted_officials(
    officials: list[OfficialCandidate], roles: list[str]
) -> list[ExtractedOfficial]:
    """The public record of each participant, with every mention as evidence."""
    return [
        ExtractedOfficial(
            name=official.name,
            title=official.title,
            country=official.country,
            role=role,
            level=official.level,
            evidence=[Span(m.start, m.end, m.sentence.text) for m in official.mentions],
        )
        for official, role in zip(officials, roles, strict=True)
    ]
