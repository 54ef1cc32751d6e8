"""Import service: a checked document becomes engagements, officials and commitments.

One document is one transaction. Extraction (``engagements.extraction``) proposes
candidate records from the text; this module resolves them against what is
stored — officials by folded name and alias, an existing engagement when two
stories describe the same event — and writes them with their evidence.

Records a person has confirmed or edited are never overwritten: a later story of
the same event adds itself as a source and its evidence, nothing more.

Writes are batched (``bulk_create`` on models and through tables) and the lookups
that every document needs — officials, appointments, topics, the hashes already
imported — are loaded once per run and kept in memory. They are updated only
after a document's transaction commits, so a failed document leaves no trace in
them either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection, transaction

from . import extraction
from .choices import CommitmentStatus, ParticipationRole, ReviewStatus
from .documents import ParsedDocument
from .extraction import ExtractedEngagement, ExtractedOfficial, Span, fold
from .models import (
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

EngagementCountry = Engagement.countries.through
EngagementTopic = Engagement.topics.through
CommitmentParty = Commitment.parties.through
SourceEngagement = SourceDocument.engagements.through


@dataclass(slots=True)
class EngagementOutcome:
    """What happened to one extracted engagement."""

    action: str  # "created" | "merged" | "merged-protected"
    engagement_id: int | None
    date: dt.date | None
    title: str
    officials_created: int = 0
    commitments_created: int = 0
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (fact, sentence)


@dataclass(slots=True)
class DocumentOutcome:
    """What importing one document did (or would do, in a dry run)."""

    name: str
    status: str  # "imported" | "unchanged" | "no-engagement"
    engagements: list[EngagementOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _DryRunRollback(Exception):
    """Raised inside the transaction to undo a dry run."""


@dataclass(slots=True)
class _Pending:
    """Lookup entries created inside a document's transaction, kept once it commits."""

    officials: dict[tuple[str, str | None], Official] = field(default_factory=dict)
    appointments: dict[tuple[int, str], Appointment] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    # Engagements this document already wrote to: its other meetings are other events.
    engagement_ids: set[int] = field(default_factory=set)


class Importer:
    """Imports documents one transaction each, keeping lookups warm between them.

    Build one per command run: it loads the extraction dictionaries (with the
    aliases staff added to countries and officials in admin), the hashes already
    imported — so an unchanged re-run costs a hash and a set lookup — and the
    officials, appointments and topics that resolution needs.
    """

    def __init__(self, *, reference_date: dt.date) -> None:
        self.reference_date = reference_date
        officials = list(Official.objects.all())
        self.extra_country_aliases: dict[str, list[str]] = dict(
            Country.objects.exclude(aliases=[]).values_list("code", "aliases")
        )
        self.extra_official_aliases: dict[str, list[str]] = {
            o.name: o.aliases for o in officials if o.aliases
        }
        self.dictionaries = extraction.load_dictionaries(
            extra_country_aliases=self.extra_country_aliases,
            extra_official_aliases=self.extra_official_aliases,
        )
        self.known_hashes: set[str] = set(SourceDocument.objects.values_list("sha256", flat=True))
        self.country_codes: set[str] = set(Country.objects.values_list("code", flat=True))
        self._officials: dict[tuple[str, str | None], Official] = {}
        self._official_aliases: dict[str, list[Official]] = {}
        for official in officials:
            self._remember_official(official)
        self._appointments: dict[tuple[int, str], Appointment] = {
            (a.official_id, a.title): a for a in Appointment.objects.all()
        }
        self._topics: dict[str, Topic] = {t.name: t for t in Topic.objects.all()}

    # -- public ---------------------------------------------------------------

    def is_known(self, sha256: str) -> bool:
        return sha256 in self.known_hashes

    def extract(self, document: ParsedDocument) -> extraction.ExtractionResult:
        """Candidate records for ``document`` (pure; see ``extraction_pool`` for workers)."""
        return extraction.extract(
            document.body,
            published=document.published,
            reference_date=self.reference_date,
            title=document.title or None,
            dictionaries=self.dictionaries,
        )

    def import_document(
        self, document: ParsedDocument, *, dry_run: bool = False
    ) -> DocumentOutcome:
        """Extract and write one document."""
        if self.is_known(document.sha256):
            return DocumentOutcome(name=document.name, status="unchanged")
        return self.write(document, self.extract(document), dry_run=dry_run)

    def write(
        self,
        document: ParsedDocument,
        result: extraction.ExtractionResult,
        *,
        dry_run: bool = False,
    ) -> DocumentOutcome:
        """Write one document's extraction in one transaction (rolled back when ``dry_run``)."""
        if self.is_known(document.sha256):  # the same file twice in one run
            return DocumentOutcome(name=document.name, status="unchanged")
        outcome = DocumentOutcome(
            name=document.name,
            status="imported" if result.engagements else "no-engagement",
            warnings=list(result.warnings),
        )
        pending = _Pending()
        try:
            with transaction.atomic():
                self._relax_durability()
                source = SourceDocument.objects.create(
                    file_name=document.name[:255],
                    title=document.title or _first_line(document.body),
                    url=document.source_url,
                    published=document.published,
                    text=document.body,
                    sha256=document.sha256,
                    extractor_version=extraction.EXTRACTOR_VERSION,
                )
                for candidate in result.engagements:
                    if candidate.date is None:
                        outcome.warnings.append("an engagement without a date was skipped")
                        continue
                    outcome.engagements.append(self._write_engagement(source, candidate, pending))
                if dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            return outcome
        self.known_hashes.add(document.sha256)
        for official in pending.officials.values():
            self._remember_official(official)
        self._appointments.update(pending.appointments)
        self._topics.update({t.name: t for t in pending.topics})
        return outcome

    # -- engagements ----------------------------------------------------------

    def _write_engagement(
        self, source: SourceDocument, candidate: ExtractedEngagement, pending: _Pending
    ) -> EngagementOutcome:
        known_before = len(pending.officials)
        officials = self._resolve_officials(candidate.participants, pending)
        officials_created = len(pending.officials) - known_before
        countries = self._known(candidate.countries)
        existing = self._find_same_event(
            candidate.date, countries, officials, exclude=pending.engagement_ids
        )
        if existing is None:
            engagement = self._create_engagement(candidate, countries)
            action = "created"
        else:
            engagement = existing
            action = "merged-protected" if existing.is_protected_from_import else "merged"
        protected = action == "merged-protected"
        pending.engagement_ids.add(engagement.pk)
        SourceEngagement.objects.bulk_create(
            [SourceEngagement(sourcedocument=source, engagement=engagement)]
        )

        participations = self._participations(
            engagement, candidate, officials, fresh=existing is None, protected=protected
        )
        self._record_appointments(candidate.participants, officials, engagement.date, pending)
        evidence = [
            _evidence(source, span, Evidence.Fact.DATE, engagement=engagement)
            for span in candidate.evidence
        ]
        for person, official in zip(candidate.participants, officials, strict=True):
            evidence.extend(
                _evidence(
                    source,
                    span,
                    Evidence.Fact.PARTICIPANT,
                    engagement=engagement,
                    participation=participations.get(official.pk),
                )
                for span in person.evidence
            )
        commitments = {}
        if not protected:
            if existing is not None:
                self._merge_details(engagement, candidate, countries)
            EngagementTopic.objects.bulk_create(
                [
                    EngagementTopic(engagement=engagement, topic=topic)
                    for topic in self._topics_for(candidate.topics, pending)
                ],
                ignore_conflicts=True,
            )
            commitments = self._create_commitments(
                engagement, candidate, source, fresh=existing is None
            )
        evidence.extend(
            _evidence(
                source,
                extracted.evidence,
                Evidence.Fact.COMMITMENT,
                engagement=engagement,
                commitment=commitments.get(index),
            )
            for index, extracted in enumerate(candidate.commitments)
        )
        Evidence.objects.bulk_create(evidence)
        return EngagementOutcome(
            action=action,
            engagement_id=engagement.pk,
            date=engagement.date,
            title=engagement.title,
            officials_created=officials_created,
            commitments_created=len(commitments),
            evidence=[(e.fact, e.sentence) for e in evidence],
        )

    def _create_engagement(
        self, candidate: ExtractedEngagement, countries: list[str]
    ) -> Engagement:
        host = candidate.host_country if candidate.host_country in self.country_codes else None
        engagement = Engagement(
            date=candidate.date,
            date_precision=candidate.date_precision,
            date_derivation=candidate.date_derivation,
            kind=candidate.kind,
            level=candidate.level,
            title=candidate.title[:300],
            location=candidate.location[:200],
            host_country_id=host,
            summary=candidate.summary,
            review_status=ReviewStatus.UNREVIEWED,
            confidence=min(max(candidate.confidence, 0.0), 1.0),
        )
        # Field checks only: the references were resolved above, constraints are in the database.
        engagement.clean_fields(exclude=["host_country", "reviewed_by"])
        engagement.save()
        EngagementCountry.objects.bulk_create(
            [EngagementCountry(engagement=engagement, country_id=code) for code in countries]
        )
        return engagement

    def _merge_details(
        self, engagement: Engagement, candidate: ExtractedEngagement, countries: list[str]
    ) -> None:
        """A second story of an unreviewed engagement may fill in what the first lacked."""
        EngagementCountry.objects.bulk_create(
            [EngagementCountry(engagement=engagement, country_id=code) for code in countries],
            ignore_conflicts=True,
        )
        if not engagement.location and candidate.location:
            engagement.location = candidate.location[:200]
            engagement.save(update_fields=["location", "updated_at"])

    @staticmethod
    def _find_same_event(
        date: dt.date, countries: list[str], officials: list[Official], *, exclude: set[int]
    ) -> Engagement | None:
        """The stored engagement this candidate describes again, if any.

        Same date and the same set of countries, and — when both name people —
        at least one participant in common.
        """
        countries_by_engagement: dict[int, set[str]] = {}
        for engagement_id, code in EngagementCountry.objects.filter(
            engagement__date=date
        ).values_list("engagement_id", "country_id"):
            countries_by_engagement.setdefault(engagement_id, set()).add(code)
        candidates = [
            e
            for e, codes in countries_by_engagement.items()
            if codes == set(countries) and e not in exclude
        ]
        if not candidates:
            return None
        people: dict[int, set[int]] = {e: set() for e in candidates}
        for engagement_id, official_id in Participation.objects.filter(
            engagement_id__in=candidates
        ).values_list("engagement_id", "official_id"):
            people[engagement_id].add(official_id)
        wanted = {o.pk for o in officials}
        for engagement_id in sorted(candidates):
            stored = people[engagement_id]
            if not stored or not wanted or stored & wanted:
                # Locked until this document commits, so a reviewer's decision made
                # meanwhile is either seen here (and protected) or waits for the import.
                return Engagement.objects.select_for_update().get(pk=engagement_id)
        return None

    # -- officials ------------------------------------------------------------

    def _remember_official(self, official: Official) -> None:
        self._officials.setdefault((official.name_folded, official.country_id), official)
        self._officials.setdefault((official.name_folded, None), official)
        for alias in official.aliases:
            self._official_aliases.setdefault(fold(alias), []).append(official)

    def _resolve_officials(
        self, people: list[ExtractedOfficial], pending: _Pending
    ) -> list[Official]:
        """Match each extracted person to a stored official, creating the missing ones.

        Officials created earlier in the same document (a trip with several
        meetings) are matched too; they reach the run's lookups once it commits.
        """
        resolved: list[Official] = []
        new: dict[tuple[str, str | None], Official] = {}
        for person in people:
            key = fold(person.name)[:200]
            country = person.country if person.country in self.country_codes else None
            official = (
                self._match_official(key, country)
                or pending.officials.get((key, country))
                or new.get((key, country))
            )
            if official is None:
                official = Official(name=person.name[:200], name_folded=key, country_id=country)
                official.clean_fields(exclude=["country", "aliases"])
                new[(key, country)] = official
            resolved.append(official)
        if new:
            Official.objects.bulk_create(new.values())
            pending.officials.update(new)
        return resolved

    def _match_official(self, key: str, country: str | None) -> Official | None:
        """By folded name and country; a name alone when the text gave no country; then aliases."""
        match = self._officials.get((key, country))
        if match is None and country is None:
            match = self._officials.get((key, None))
        if match is not None:
            return match
        by_alias = self._official_aliases.get(key, [])
        return next((o for o in by_alias if country in (None, o.country_id)), None)

    @staticmethod
    def _participations(
        engagement: Engagement,
        candidate: ExtractedEngagement,
        officials: list[Official],
        *,
        fresh: bool,
        protected: bool,
    ) -> dict[int, Participation]:
        """Participations by official id: the stored ones, plus new ones unless protected."""
        stored = (
            {}
            if fresh
            else {p.official_id: p for p in Participation.objects.filter(engagement=engagement)}
        )
        if protected:
            return stored
        new: dict[int, Participation] = {}
        for person, official in zip(candidate.participants, officials, strict=True):
            if official.pk in stored or official.pk in new:
                continue
            role = person.role if person.role in ParticipationRole.values else "participant"
            new[official.pk] = Participation(
                engagement=engagement,
                official=official,
                role=role,
                title=person.title[:200],
                country_id=official.country_id,
            )
        Participation.objects.bulk_create(new.values())
        return stored | new

    def _record_appointments(
        self,
        people: list[ExtractedOfficial],
        officials: list[Official],
        on: dt.date,
        pending: _Pending,
    ) -> None:
        """Keep each official's titles over time: every title with the earliest date seen."""
        new: dict[tuple[int, str], Appointment] = {}
        for person, official in zip(people, officials, strict=True):
            title = person.title[:200]
            if not title:
                continue
            key = (official.pk, title)
            appointment = (
                self._appointments.get(key) or pending.appointments.get(key) or new.get(key)
            )
            if appointment is None:
                new[key] = Appointment(official=official, title=title, start=on)
            elif appointment.pk and (appointment.start is None or on < appointment.start):
                appointment.start = on
                appointment.save(update_fields=["start"])
        Appointment.objects.bulk_create(new.values())
        pending.appointments.update(new)

    # -- commitments, topics, evidence ----------------------------------------

    def _create_commitments(
        self,
        engagement: Engagement,
        candidate: ExtractedEngagement,
        source: SourceDocument,
        *,
        fresh: bool,
    ) -> dict[int, Commitment]:
        """Create the candidate's commitments, skipping ones the engagement already records.

        Returns them by their index in ``candidate.commitments``.
        """
        parties_by_text: dict[str, set[str]] = {}
        if not fresh:
            for text, code in engagement.commitments.values_list("text", "parties__code"):
                parties_by_text.setdefault(fold(text), set()).update([code] if code else [])
        seen = {(text, tuple(sorted(codes))) for text, codes in parties_by_text.items()}
        created: dict[int, Commitment] = {}
        parties: dict[int, list[str]] = {}
        for index, extracted in enumerate(candidate.commitments):
            codes = self._known(extracted.parties)
            key = (fold(extracted.text), tuple(codes))
            if key in seen:
                continue
            seen.add(key)
            commitment = Commitment(
                engagement=engagement,
                text=extracted.text,
                category=extracted.category,
                status=CommitmentStatus.ANNOUNCED,
                confidence=min(max(extracted.confidence, 0.0), 1.0),
            )
            commitment.clean_fields(exclude=["engagement"])
            created[index] = commitment
            parties[index] = codes
        Commitment.objects.bulk_create(created.values())
        CommitmentParty.objects.bulk_create(
            [
                CommitmentParty(commitment=commitment, country_id=code)
                for index, commitment in created.items()
                for code in parties[index]
            ]
        )
        CommitmentStatusChange.objects.bulk_create(
            [
                CommitmentStatusChange(
                    commitment=commitment,
                    from_status="",
                    to_status=CommitmentStatus.ANNOUNCED,
                    note=f"Extracted from {source.file_name}.",
                )
                for commitment in created.values()
            ]
        )
        return created

    def _topics_for(self, names: list[str], pending: _Pending) -> list[Topic]:
        topics = []
        for name in dict.fromkeys(n[:100] for n in names):
            topic = self._topics.get(name) or next(
                (t for t in pending.topics if t.name == name), None
            )
            if topic is None:
                topic, created = Topic.objects.get_or_create(name=name)
                if created:
                    pending.topics.append(topic)
            topics.append(topic)
        return topics

    def _known(self, codes: list[str]) -> list[str]:
        return sorted({code for code in codes if code in self.country_codes})

    @staticmethod
    def _relax_durability() -> None:
        """Let PostgreSQL acknowledge the commit before it is flushed to disk.

        Safe here: a crash can lose at most the last few imported documents, never
        corrupt anything, and re-running ``loadseeds`` imports them again (the
        importer skips only hashes that were committed).
        """
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _evidence(source: SourceDocument, span: Span, fact: str, **links) -> Evidence:
    return Evidence(
        source=source, fact=fact, start=span.start, end=span.end, sentence=span.sentence, **links
    )


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= 120 else line[:117].rsplit(" ", 1)[0] + "…"
