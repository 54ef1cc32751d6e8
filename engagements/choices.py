"""Enumerations shared by models, extraction, forms and exports."""

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class DateDerivation(models.TextChoices):
    STATED = "stated", "Stated in the text"
    RELATIVE = "relative", "Resolved from a relative expression"
    YEAR_INFERRED = "year-inferred", "Year inferred from a reference date"
    ENTERED = "entered", "Entered by hand"


class EngagementKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    CALL = "call", "Call"
    MULTILATERAL = "multilateral", "Multilateral"


class EngagementLevel(models.TextChoices):
    LEADERS = "leaders", "Leaders"
    MINISTERIAL = "ministerial", "Ministerial"
    DEPUTY = "deputy", "Deputy"
    WORKING = "working", "Working"


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class ParticipationRole(models.TextChoices):
    HOST = "host", "Host"
    GUEST = "guest", "Guest"
    PARTICIPANT = "participant", "Participant"


class CommitmentCategory(models.TextChoices):
    DEFENSE_SPENDING = "defense-spending", "Defense spending"
    EXERCISES_TRAINING = "exercises-training", "Exercises and training"
    INTEROPERABILITY = "interoperability", "Interoperability"
    CAPABILITY_DEVELOPMENT = "capability-development", "Capability development"
    POLICY_COORDINATION = "policy-coordination", "Policy coordination"
    POSTURE_BASING = "posture-basing", "Posture and basing"
    INDUSTRIAL_COOPERATION = "industrial-cooperation", "Industrial cooperation"
    OTHER = "other", "Other"


class CommitmentStatus(models.TextChoices):
    ANNOUNCED = "announced", "Announced"
    IN_PROGRESS = "in-progress", "In progress"
    FULFILLED = "fulfilled", "Fulfilled"
    STALLED = "stalled", "Stalled"
    WITHDRAWN = "withdrawn", "Withdrawn"

    @classmethod
    def open_values(cls) -> list[str]:
        """Statuses of commitments that are still to be delivered."""
        return [cls.ANNOUNCED, cls.IN_PROGRESS, cls.STALLED]
