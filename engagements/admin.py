"""Django admin: the data clerk's tool for entering and correcting records."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from . import services
from .choices import CommitmentStatus, ReviewStatus
from .extraction import fold
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

admin.site.site_header = "Alliance Engagement Tracker"
admin.site.site_title = "Engagement Tracker admin"
admin.site.index_title = "Data entry"


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "alias_list"]
    search_fields = ["code", "name"]
    ordering = ["name"]

    @admin.display(description="Aliases")
    def alias_list(self, obj: Country) -> str:
        return ", ".join(obj.aliases[:8])


class FoldedNameSearchMixin:
    """Let admin search match names with or without diacritics ("Shinjiro" finds "Shinjirō")."""

    folded_search_field = "name_folded"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = fold(search_term)
        if folded:
            # OR-ed with the queryset as given, so list filters and autocomplete limits still apply.
            results |= queryset.filter(**{f"{self.folded_search_field}__contains": folded})
        return results, may_have_duplicates


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0


class ParticipationOfOfficialInline(admin.TabularInline):
    model = Participation
    fk_name = "official"
    extra = 0
    fields = ["engagement", "role", "title", "country"]
    readonly_fields = ["engagement", "role", "title", "country"]
    can_delete = False
    show_change_link = True
    verbose_name_plural = "engagements"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("engagement", "country")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Official)
class OfficialAdmin(FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["name", "country", "current_title", "engagement_count"]
    list_filter = ["country"]
    search_fields = ["name", "aliases"]
    autocomplete_fields = ["country"]
    inlines = [AppointmentInline, ParticipationOfOfficialInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("country")
            .annotate(engagement_total=Count("participations", distinct=True))
            .prefetch_related("appointments")
        )

    @admin.display(description="Engagements", ordering="engagement_total")
    def engagement_count(self, obj: Official) -> int:
        return obj.engagement_total

    @admin.display(description="Latest title")
    def current_title(self, obj: Official) -> str:
        appointments = list(obj.appointments.all())
        return appointments[0].title if appointments else ""


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    """Titles over time; usually edited inline on the official."""

    list_display = ["official", "title", "organization", "start", "end"]
    list_select_related = ["official"]
    search_fields = ["title", "organization", "official__name", "official__name_folded"]
    autocomplete_fields = ["official"]
    date_hierarchy = "start"


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    """Who took part in which engagement, with the title held that day."""

    list_display = ["official", "title", "role", "country", "engagement"]
    list_filter = ["role"]
    list_select_related = ["official", "country", "engagement"]
    search_fields = ["official__name", "official__name_folded", "title", "engagement__title"]
    autocomplete_fields = ["engagement", "official", "country"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["official", "country"]


def save_commitment_formset(request: HttpRequest, formset) -> None:
    """Save an inline formset of commitments, routing status changes through the service.

    A changed status is saved as it was, then moved by ``commitment_update_status``
    so the history row (who, when, from, to, note) is written; a new commitment
    gets the first row of its history.
    """
    status_changes: dict[int, str] = {}
    deleted = {id(form) for form in formset.deleted_forms}
    for inline_form in formset.forms:
        commitment = inline_form.instance
        if (
            commitment.pk
            and id(inline_form) not in deleted
            and "status" in inline_form.changed_data
        ):
            status_changes[commitment.pk] = commitment.status
            commitment.status = inline_form.initial["status"]
            commitment.edited_by_person = True
    for inline_form in formset.forms:
        if inline_form.instance.pk and inline_form.has_changed():
            inline_form.instance.edited_by_person = True
    formset.save()
    for commitment in formset.new_objects:
        services.commitment_record_created(
            commitment=commitment, note="Entered in admin.", user=request.user
        )
    for commitment, _changed_fields in formset.changed_objects:
        if commitment.pk in status_changes:
            services.commitment_update_status(
                commitment=commitment,
                status=status_changes[commitment.pk],
                note="Changed in admin.",
                user=request.user,
            )


class CommitmentInline(admin.StackedInline):
    model = Commitment
    extra = 0
    fields = ["text", "parties", "category", "status", "due_date"]
    autocomplete_fields = ["parties"]
    show_change_link = True


class SourceInline(admin.TabularInline):
    model = SourceDocument.engagements.through
    extra = 0
    autocomplete_fields = ["sourcedocument"]
    verbose_name = "source"
    verbose_name_plural = "sources"


class EngagementCountryFilter(admin.SimpleListFilter):
    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return (
            Country.objects.filter(engagements__isnull=False).distinct().values_list("code", "name")
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(countries__code=self.value())
        return queryset


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "country_codes", "kind", "level", "review_status"]
    list_display_links = ["title"]
    list_filter = ["kind", "level", "review_status", EngagementCountryFilter]
    date_hierarchy = "date"
    search_fields = [
        "title",
        "location",
        "participations__official__name",
        "participations__official__name_folded",
    ]
    autocomplete_fields = ["host_country", "countries", "topics"]
    inlines = [ParticipationInline, CommitmentInline, SourceInline]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at", "updated_at", "confidence"]
    actions = ["confirm_selected", "reject_selected"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "date", "date_precision", "date_derivation", "kind", "level"]}),
        ("Where and who", {"fields": ["location", "host_country", "countries"]}),
        ("Substance", {"fields": ["topics", "summary"]}),
        (
            "Review",
            {
                "fields": [
                    "review_status",
                    "reviewed_by",
                    "reviewed_at",
                    "edited_by_person",
                    "confidence",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("countries", queryset=Country.objects.only("code", "name")))
        )

    def get_search_results(self, request, queryset, search_term):
        results, _ = super().get_search_results(request, queryset, search_term)
        folded = fold(search_term)
        if folded:
            # OR-ed with the queryset as given, so list filters and autocomplete limits still apply.
            results |= queryset.filter(participations__official__name_folded__contains=folded)
        return results.distinct(), False

    @admin.display(description="Countries")
    def country_codes(self, obj: Engagement) -> str:
        return ", ".join(sorted(c.code for c in obj.countries.all()))

    def save_model(self, request, obj, form, change):
        if change:
            obj.edited_by_person = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Commitment statuses edited inline land in the history, like every status change."""
        if formset.model is not Commitment:
            super().save_formset(request, form, formset, change)
            return
        save_commitment_formset(request, formset)

    @admin.action(description="Confirm selected engagements", permissions=["review"])
    def confirm_selected(self, request: HttpRequest, queryset) -> None:
        self._review_selected(request, queryset, ReviewStatus.CONFIRMED)

    @admin.action(description="Reject selected engagements", permissions=["review"])
    def reject_selected(self, request: HttpRequest, queryset) -> None:
        self._review_selected(request, queryset, ReviewStatus.REJECTED)

    def _review_selected(self, request: HttpRequest, queryset, status: ReviewStatus) -> None:
        # Counted while reviewing: a list filtered by review status no longer matches afterwards.
        reviewed = 0
        for engagement in queryset:
            services.engagement_review(engagement=engagement, status=status, user=request.user)
            reviewed += 1
        self.message_user(
            request, f"{status.label} {reviewed} engagements.", messages.SUCCESS
        )

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("engagements.review_engagement")


class CommitmentHistoryInline(admin.TabularInline):
    model = CommitmentStatusChange
    extra = 0
    fields = ["changed_at", "from_status", "to_status", "note", "changed_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        overdue = Q(due_date__lt=timezone.localdate(), status__in=CommitmentStatus.open_values())
        if self.value() == "yes":
            return queryset.filter(overdue)
        if self.value() == "no":
            return queryset.exclude(overdue)
        return queryset


def _status_action(status: CommitmentStatus):
    def action(modeladmin, request, queryset):
        changed = 0
        for commitment in queryset:
            if commitment.status != status:
                try:
                    services.commitment_update_status(
                        commitment=commitment,
                        status=status,
                        note=f"Bulk change in admin by {request.user.get_username()}.",
                        user=request.user,
                    )
                except ValidationError:
                    continue  # moved to this status by someone else meanwhile
                changed += 1
        modeladmin.message_user(
            request, f"Marked {changed} commitments as {status.label.lower()}.", messages.SUCCESS
        )

    action.__name__ = f"mark_{status.value.replace('-', '_')}"
    return admin.action(
        description=f"Mark selected as {status.label.lower()}", permissions=["change"]
    )(action)


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["short_text", "party_codes", "category", "status", "due_date", "engagement"]
    list_filter = [
        "status",
        "category",
        ("parties", admin.RelatedOnlyFieldListFilter),
        OverdueFilter,
    ]
    search_fields = ["text", "engagement__title"]
    autocomplete_fields = ["engagement", "parties"]
    readonly_fields = ["created_at", "updated_at", "confidence"]
    inlines = [CommitmentHistoryInline]
    actions = [_status_action(status) for status in CommitmentStatus]
    list_select_related = ["engagement"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parties")

    @admin.display(description="Commitment", ordering="text")
    def short_text(self, obj: Commitment) -> str:
        return str(obj)

    @admin.display(description="Parties")
    def party_codes(self, obj: Commitment) -> str:
        return ", ".join(sorted(c.code for c in obj.parties.all()))

    def save_model(self, request, obj, form, change):
        """Status edits made on the form are recorded in the history like any other."""
        if change and "status" in form.changed_data:
            new_status = obj.status
            obj.status = form.initial["status"]
            obj.edited_by_person = True
            super().save_model(request, obj, form, change)
            services.commitment_update_status(
                commitment=obj, status=new_status, note="Changed in admin.", user=request.user
            )
            return
        if change:
            obj.edited_by_person = True
        super().save_model(request, obj, form, change)
        if not change:
            services.commitment_record_created(
                commitment=obj, note="Entered in admin.", user=request.user
            )


@admin.register(CommitmentStatusChange)
class CommitmentStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["commitment", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    list_select_related = ["commitment", "changed_by"]
    search_fields = ["note", "commitment__text"]
    readonly_fields = ["commitment", "from_status", "to_status", "note", "changed_by", "changed_at"]

    def has_add_permission(self, request) -> bool:
        return False


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["fact", "sentence", "start", "end"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """The sentences behind extracted facts: read-only, written by the importer."""

    list_display = ["fact", "short_sentence", "source", "engagement"]
    list_filter = ["fact"]
    list_select_related = ["source", "engagement"]
    search_fields = ["sentence", "source__title", "source__file_name"]
    fields = ["fact", "sentence", "start", "end", "source", "engagement", "participation",
              "commitment"]
    readonly_fields = fields

    @admin.display(description="Sentence")
    def short_sentence(self, obj: Evidence) -> str:
        return obj.sentence if len(obj.sentence) <= 100 else f"{obj.sentence[:97]}..."

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "file_name", "published", "imported_at", "extractor_version"]
    search_fields = ["title", "file_name", "sha256"]
    date_hierarchy = "imported_at"
    readonly_fields = [
        "file_name",
        "title",
        "url",
        "published",
        "sha256",
        "imported_at",
        "extractor_version",
        "engagement_links",
        "highlighted_text",
    ]
    exclude = ["text", "engagements"]
    inlines = [EvidenceInline]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="Engagements")
    def engagement_links(self, obj: SourceDocument) -> str:
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((f"../../../engagement/{e.pk}/change/", str(e)) for e in obj.engagements.all()),
            )
            or "—"
        )

    @admin.display(description="Text")
    def highlighted_text(self, obj: SourceDocument) -> str:
        return format_html('<div style="white-space: pre-wrap; max-width: 60em">{}</div>', obj.text)
