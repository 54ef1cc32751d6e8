"""Import service: a checked document becomes engagements, officials and commitments.

One document is one transaction. Extraction (``engagements.extraction``) proposes
candidate records from the text; this module resolves them against what is
stored — officials by folded name and alias, an existing engagement when two
stories describe the same event — and writes them with their evidence.

Records a person has confirmed or edited are never overwritten: a later story of
the same event adds itself as a source and its evidence, nothing more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from . import extraction
from .choices import CommitmentStatus, ParticipationRole, ReviewStatus
from .documents import ParsedDocument
from .extraction import ExtractedCommitment, ExtractedEngagement, ExtractedOfficial, Span, fold
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


class Importer:
    """Imports documents one transaction each, keeping small lookups warm between them.

    Build one per command run: it loads the extraction dictionaries (with aliases
    staff added to countries and officials in admin) and the set of source hashes
    already imported, so an unchanged re-run costs a hash and a set lookup.
    """

    def __init__(self, *, reference_date: dt.date) -> None:
        self.reference_date = reference_date
        self.dictionaries = extraction.load_dictionaries(
            extra_country_aliases={
                code: aliases
                for code, aliases in Country.objects.exclude(aliases=[]).values_list(
                    "code", "aliases"
                )
            },
            extra_official_aliases={
                name: aliases
                for name, aliases in Official.objects.exclude(aliases=[]).values_list(
                    "name", "aliases"
                )
            },
        )
        self.known_hashes: set[str] = set(SourceDocument.objects.values_list("sha256", flat=True))
        self.country_codes: set[str] = set(Country.objects.values_list("code", flat=True))
        self._topics: dict[str, Topic] = {}

    # -- public ---------------------------------------------------------------

    def is_known(self, sha256: str) -> bool:
        return sha256 in self.known_hashes

    def import_document(
        self, document: ParsedDocument, *, dry_run: bool = False
    ) -> DocumentOutcome:
        """Import one document in one transaction (rolled back when ``dry_run``)."""
        if self.is_known(document.sha256):
            return DocumentOutcome(name=document.name, status="unchanged")
        result = extraction.extract(
            document.body,
            published=document.published,
            reference_date=self.reference_date,
            title=document.title or None,
            dictionaries=self.dictionaries,
        )
        outcome = DocumentOutcome(
            name=document.name,
            status="imported" if result.engagements else "no-engagement",
            warnings=list(result.warnings),
        )
        try:
            with transaction.atomic():
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
                    outcome.engagements.append(self._write_engagement(source, candidate))
                if dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            pass
        except Exception:
            self._topics.clear()  # may hold rows the rollback removed
            raise
        else:
            self.known_hashes.add(document.sha256)
        if dry_run:
            self._topics.clear()
        return outcome

    # -- engagements ----------------------------------------------------------

    def _write_engagement(
        self, source: SourceDocument, candidate: ExtractedEngagement
    ) -> EngagementOutcome:
        officials, created_officials = self._resolve_officials(candidate)
        countries = self._known(candidate.countries)
        existing = self._find_same_event(candidate, countries, officials)
        if existing is None:
            engagement = self._create_engagement(candidate, countries)
            action = "created"
        else:
            engagement = existing
            action = "merged-protected" if existing.is_protected_from_import else "merged"
        source.engagements.add(engagement)
        outcome = EngagementOutcome(
            action=action,
            engagement_id=engagement.pk,
            date=engagement.date,
            title=engagement.title,
            officials_created=created_officials,
        )
        evidence: list[Evidence] = [
            self._evidence(source, span, Evidence.Fact.DATE, engagement=engagement)
            for span in candidate.evidence
        ]
        protected = action == "merged-protected"
        if not protected:
            if existing is not None:
                engagement.countries.add(*countries)
                if not engagement.location and candidate.location:
                    engagement.location = candidate.location[:200]
                    engagement.save(update_fields=["location", "updated_at"])
            engagement.topics.add(*self._topics_for(candidate.topics))
        for person, official in zip(candidate.participants, officials, strict=True):
            participation = self._participation(engagement, person, official, protected=protected)
            evidence.extend(
                self._evidence(
                    source,
                    span,
                    Evidence.Fact.PARTICIPANT,
                    engagement=engagement,
                    participation=participation,
                )
                for span in person.evidence
            )
        for extracted in candidate.commitments:
            commitment = None if protected else self._commitment(engagement, extracted, source)
            if commitment is not None:
                outcome.commitments_created += 1
            evidence.append(
                self._evidence(
                    source,
                    extracted.evidence,
                    Evidence.Fact.COMMITMENT,
                    engagement=engagement,
                    commitment=commitment,
                )
            )
        Evidence.objects.bulk_create(evidence)
        outcome.evidence = [(e.fact, e.sentence) for e in evidence]
        return outcome

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
        engagement.full_clean(exclude=["countries", "topics", "officials"])
        engagement.save()
        engagement.countries.set(countries)
        return engagement

    def _find_same_event(
        self,
        candidate: ExtractedEngagement,
        countries: list[str],
        officials: list[Official],
    ) -> Engagement | None:
        """The stored engagement this candidate describes again, if any.

        Same date and the same set of countries, and — when both name people —
        at least one participant in common.
        """
        same_day = Engagement.objects.filter(date=candidate.date).prefetch_related(
            "countries", "participations"
        )
        wanted_countries = set(countries)
        wanted_officials = {o.pk for o in officials}
        for engagement in same_day:
            if {c.code for c in engagement.countries.all()} != wanted_countries:
                continue
            stored_officials = {p.official_id for p in engagement.participations.all()}
            if not stored_officials or not wanted_officials or stored_officials & wanted_officials:
                return engagement
        return None

    # -- officials ------------------------------------------------------------

    def _resolve_officials(self, candidate: ExtractedEngagement) -> tuple[list[Official], int]:
        """Match each extracted person to a stored official, creating the missing ones."""
        resolved: list[Official] = []
        created = 0
        for person in candidate.participants:
            official = self._match_official(person)
            if official is None:
                official = Official(
                    name=person.name[:200],
                    country_id=person.country if person.country in self.country_codes else None,
                )
                official.full_clean(exclude=["aliases"])
                official.save()
                created += 1
            resolved.append(official)
        return resolved, created

    def _match_official(self, person: ExtractedOfficial) -> Official | None:
        key = fold(person.name)
        country = person.country if person.country in self.country_codes else None
        by_name = Official.objects.filter(name_folded=key)
        if country:
            match = by_name.filter(country_id=country).first()
            if match is not None:
                return match
            # Same name without a country on file: adopt it.
            match = by_name.filter(country__isnull=True).first()
            if match is not None:
                match.country_id = country
                match.save(update_fields=["country"])
                return match
        else:
            candidates = list(by_name[:2])
            if len(candidates) == 1:
                return candidates[0]
        for official in Official.objects.exclude(aliases=[]).filter(
            **({"country_id": country} if country else {})
        ):
            if key in {fold(alias) for alias in official.aliases}:
                return official
        return None

    def _participation(
        self,
        engagement: Engagement,
        person: ExtractedOfficial,
        official: Official,
        *,
        protected: bool,
    ) -> Participation | None:
        participation = Participation.objects.filter(
            engagement=engagement, official=official
        ).first()
        if participation is None and not protected:
            participation = Participation.objects.create(
                engagement=engagement,
                official=official,
                role=person.role
                if person.role in ParticipationRole.values
                else ParticipationRole.PARTICIPANT,
                title=person.title[:200],
                country_id=official.country_id,
            )
        if person.title:
            self._record_appointment(official, person.title, engagement.date)
        return participation

    @staticmethod
    def _record_appointment(official: Official, title: str, on: dt.date) -> None:
        """Keep the official's titles over time: each title with the earliest date seen."""
        appointment = Appointment.objects.filter(official=official, title=title[:200]).first()
        if appointment is None:
            Appointment.objects.create(official=official, title=title[:200], start=on)
        elif appointment.start is None or on < appointment.start:
            appointment.start = on
            appointment.save(update_fields=["start"])

    # -- commitments, topics, evidence ----------------------------------------

    def _commitment(
        self, engagement: Engagement, extracted: ExtractedCommitment, source: SourceDocument
    ) -> Commitment | None:
        """Create the commitment unless the engagement already records the same one."""
        parties = self._known(extracted.parties)
        key = fold(extracted.text)
        for existing in engagement.commitments.prefetch_related("parties"):
            if (
                fold(existing.text) == key
                and sorted(c.code for c in existing.parties.all()) == parties
            ):
                return None
        commitment = Commitment(
            engagement=engagement,
            text=extracted.text,
            category=extracted.category,
            status=CommitmentStatus.ANNOUNCED,
            confidence=min(max(extracted.confidence, 0.0), 1.0),
        )
        commitment.full_clean(exclude=["parties"])
        commitment.save()
        commitment.parties.set(parties)
        CommitmentStatusChange.objects.create(
            commitment=commitment,
            from_status="",
            to_status=CommitmentStatus.ANNOUNCED,
            note=f"Extracted from {source.file_name}.",
        )
        return commitment

    def _topics_for(self, names: list[str]) -> list[Topic]:
        topics = []
        for name in names:
            topic = self._topics.get(name)
            if topic is None:
                topic, _ = Topic.objects.get_or_create(name=name[:100])
                self._topics[name] = topic
            topics.append(topic)
        return topics

    def _known(self, codes: list[str]) -> list[str]:
        return sorted({code for code in codes if code in self.country_codes})

    @staticmethod
    def _evidence(source: SourceDocument, span: Span, fact: str, **links) -> Evidence:
        return Evidence(
            source=source,
            fact=fact,
            start=span.start,
            end=span.end,
            sentence=span.sentence,
            **links,
        )


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= 120 else line[:117].rsplit(" ", 1)[0] + "…"
