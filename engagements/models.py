"""Domain model: countries, officials, engagements and what was committed to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from .choices import (
    CommitmentCategory,
    CommitmentStatus,
    DateDerivation,
    DatePrecision,
    EngagementKind,
    EngagementLevel,
    ParticipationRole,
    ReviewStatus,
)
from .extraction import fold


class Country(models.Model):
    """An ISO 3166-1 country, with the names readouts use for it."""

    code = models.CharField("ISO code", max_length=2, primary_key=True)
    name = models.CharField(max_length=100)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names used in prose: demonyms, short forms, capitals used as metonyms.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_is_alpha2"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("engagements:country_detail", args=[self.code])


class Official(models.Model):
    """A person who takes part in engagements, identified by name and country."""

    name = models.CharField(max_length=200, help_text="As written, with diacritics.")
    name_folded = models.CharField(
        max_length=200, editable=False, db_index=True, help_text="Search key without diacritics."
    )
    aliases = models.JSONField(default=list, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="officials"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name_folded", "country"], name="official_unique_name_per_country"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_folded = fold(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_folded"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("engagements:official_detail", args=[self.pk])


class Appointment(models.Model):
    """An office an official held over a span of time. Titles change; this keeps them."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="appointments")
    title = models.CharField(max_length=200)
    organization = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["official", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="appointment_end_not_before_start",
            ),
            models.UniqueConstraint(
                fields=["official", "title", "start"], name="appointment_unique_title_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official}: {self.title}"


class Topic(models.Model):
    """A subject from the controlled vocabulary (deterrence, defense spending, ...)."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Engagement(models.Model):
    """A meeting, call or multilateral gathering between officials of allied countries."""

    date = models.DateField()
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_derivation = models.CharField(
        max_length=13, choices=DateDerivation.choices, default=DateDerivation.ENTERED
    )
    kind = models.CharField(max_length=12, choices=EngagementKind.choices)
    level = models.CharField(max_length=11, choices=EngagementLevel.choices)
    title = models.CharField(max_length=300)
    location = models.CharField(max_length=200, blank=True)
    host_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="hosted_engagements"
    )
    countries = models.ManyToManyField(Country, related_name="engagements", blank=True)
    topics = models.ManyToManyField(Topic, related_name="engagements", blank=True)
    officials = models.ManyToManyField(
        Official, through="Participation", related_name="engagements", blank=True
    )
    summary = models.TextField(blank=True)
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    edited_by_person = models.BooleanField(
        default=False, help_text="Set when a person edits the record; imports then leave it alone."
    )
    confidence = models.FloatField(default=1.0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["-date", "-id"], name="engagement_date_idx"),
            models.Index(fields=["kind", "-date"], name="engagement_kind_date_idx"),
            models.Index(fields=["level", "-date"], name="engagement_level_date_idx"),
            models.Index(fields=["review_status", "-date"], name="engagement_review_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="engagement_confidence_between_0_and_1",
            ),
        ]
        permissions = [("review_engagement", "Can confirm or reject imported engagements")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("engagements:engagement_detail", args=[self.pk])

    @property
    def is_protected_from_import(self) -> bool:
        """A person has confirmed or edited this record: imports add sources only."""
        return self.edited_by_person or self.review_status != ReviewStatus.UNREVIEWED


class Participation(models.Model):
    """An official's part in an engagement, with the title they held that day."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="participations"
    )
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(
        max_length=11, choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT
    )
    title = models.CharField(max_length=200, blank=True, help_text="Title at the time.")
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["engagement", "role", "official__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "official"], name="participation_unique_per_engagement"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official} ({self.title or self.get_role_display()})"


class Commitment(models.Model):
    """Something one or more countries undertook to do, and where it stands."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField()
    parties = models.ManyToManyField(Country, related_name="commitments", blank=True)
    category = models.CharField(
        max_length=24, choices=CommitmentCategory.choices, default=CommitmentCategory.OTHER
    )
    status = models.CharField(
        max_length=11, choices=CommitmentStatus.choices, default=CommitmentStatus.ANNOUNCED
    )
    due_date = models.DateField(null=True, blank=True)
    edited_by_person = models.BooleanField(default=False)
    confidence = models.FloatField(default=1.0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-engagement__date", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="commitment_status_due_idx"),
            models.Index(fields=["category", "status"], name="commitment_category_idx"),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else f"{self.text[:77]}..."

    def get_absolute_url(self) -> str:
        return f"{self.engagement.get_absolute_url()}#commitment-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in CommitmentStatus.open_values()

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_date and self.is_open and self.due_date < timezone.localdate())


class CommitmentStatusChange(models.Model):
    """One step in a commitment's history: who moved it, when, from what to what, and why."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=11, choices=CommitmentStatus.choices, blank=True)
    to_status = models.CharField(max_length=11, choices=CommitmentStatus.choices)
    note = models.TextField(help_text="Evidence for the change.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["commitment", "changed_at", "id"]
        get_latest_by = "changed_at"

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class SourceDocument(models.Model):
    """An imported readout or news story, kept whole so every fact can point into it."""

    file_name = models.CharField(max_length=255)
    title = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    text = models.TextField(help_text="The document body, after front matter.")
    sha256 = models.CharField(max_length=64, help_text="Hash of the file's raw bytes.")
    imported_at = models.DateTimeField(default=timezone.now)
    extractor_version = models.CharField(max_length=20, blank=True)
    engagements = models.ManyToManyField(Engagement, related_name="sources", blank=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["sha256"], name="sourcedocument_unique_sha256"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="sourcedocument_sha256_is_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.file_name


class Evidence(models.Model):
    """A span of a source document behind one extracted fact."""

    class Fact(models.TextChoices):
        DATE = "date", "Date"
        LOCATION = "location", "Location"
        PARTICIPANT = "participant", "Participant"
        COMMITMENT = "commitment", "Commitment"
        TOPIC = "topic", "Topic"

    source = models.ForeignKey(SourceDocument, on_delete=models.CASCADE, related_name="evidence")
    fact = models.CharField(max_length=11, choices=Fact.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence = models.TextField()
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )

    class Meta:
        ordering = ["source", "start"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="evidence_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_fact_display()}: {self.sentence[:60]}"
