"""Template helpers for the dashboard."""

from django import template

from engagements.choices import CommitmentStatus

register = template.Library()


@register.simple_tag
def commitment_status_choices() -> list[tuple[str, str]]:
    """``(value, label)`` for every commitment status, for the inline status form."""
    return CommitmentStatus.choices
