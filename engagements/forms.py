"""Forms: query-string filters (validated, never trusted) and the commitment status change."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from .choices import CommitmentCategory, CommitmentStatus, EngagementKind, EngagementLevel
from .choices import ReviewStatus as ReviewStatusChoices
from .models import Country, Official, Topic


def _with_blank(choices, label: str = "Any") -> list[tuple[str, str]]:
    return [("", label), *choices]


class CountryCodeChoiceField(forms.ModelMultipleChoiceField):
    """Countries picked by ISO code, case-insensitive: ``?country=JP&country=au``."""

    default_error_messages = {
        "invalid_choice": "Unknown country code “%(value)s”.",
        "invalid_pk_value": "Unknown country code “%(pk)s”.",
    }

    def clean(self, value):
        if value and isinstance(value, list | tuple):
            value = [str(code).strip().upper() for code in value]
        return super().clean(value)

    def label_from_instance(self, obj: Country) -> str:
        return obj.name


class EngagementFilterForm(forms.Form):
    """The engagement list's filters, read from the query string."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": "Title, summary or participant"}),
    )
    country = CountryCodeChoiceField(
        queryset=Country.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    official = forms.ModelChoiceField(
        queryset=Official.objects.select_related("country"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Unknown official."},
    )
    kind = forms.ChoiceField(choices=_with_blank(EngagementKind.choices), required=False)
    level = forms.ChoiceField(choices=_with_blank(EngagementLevel.choices), required=False)
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.none(),
        to_field_name="name",
        required=False,
        empty_label="Any",
        error_messages={"invalid_choice": "Unknown topic."},
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    review = forms.ChoiceField(
        label="Review status",
        choices=_with_blank(ReviewStatusChoices.choices, "Not rejected"),
        required=False,
    )
    sort = forms.ChoiceField(
        choices=[
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
            ("title", "Title"),
            ("level", "Highest level first"),
        ],
        required=False,
    )

    def __init__(self, *args, countries=None, topics=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries if countries is not None else Country.objects
        self.fields["topic"].queryset = topics if topics is not None else Topic.objects.all()

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "The end date is before the start date.")
            cleaned.pop("date_to", None)
        return cleaned

    def selector_filters(self) -> dict:
        """Keyword arguments for ``selectors.engagement_list`` from the fields that validated.

        An invalid field is reported and ignored; the other filters still apply.
        """
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            "countries": data.get("country") or (),
            "official": data.get("official"),
            "kind": data.get("kind", ""),
            "level": data.get("level", ""),
            "topic": data.get("topic"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "review_status": data.get("review", ""),
            "sort": data.get("sort") or "newest",
        }


class CommitmentFilterForm(forms.Form):
    """The commitment list's filters, read from the query string."""

    status = forms.ChoiceField(choices=_with_blank(CommitmentStatus.choices), required=False)
    party = forms.ModelChoiceField(
        queryset=Country.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="Any",
        error_messages={"invalid_choice": "Unknown party country."},
    )
    category = forms.ChoiceField(choices=_with_blank(CommitmentCategory.choices), required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, parties=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties if parties is not None else Country.objects.all()

    def selector_filters(self) -> dict:
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status", ""),
            "party": data.get("party"),
            "category": data.get("category", ""),
            "overdue": bool(data.get("overdue")),
        }


class CommitmentStatusForm(forms.Form):
    """An editor moves a commitment to a new status, saying what the change rests on."""

    status = forms.ChoiceField(choices=CommitmentStatus.choices)
    note = forms.CharField(
        label="Evidence note",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "What is the change based on?"}),
    )


PERIODS: dict[str, tuple[str, int | None]] = {
    "90d": ("Last 90 days", 90),
    "12m": ("Last 12 months", 365),
    "3y": ("Last 3 years", 3 * 365),
    "all": ("All time", None),
}
DEFAULT_PERIOD = "12m"


class OverviewPeriodForm(forms.Form):
    period = forms.ChoiceField(
        choices=[(key, label) for key, (label, _) in PERIODS.items()], required=False
    )

    def selected_period(self) -> str:
        data = getattr(self, "cleaned_data", {})
        return data.get("period") or DEFAULT_PERIOD

    def since(self) -> dt.date | None:
        days = PERIODS[self.selected_period()][1]
        return timezone.localdate() - dt.timedelta(days=days) if days else None
