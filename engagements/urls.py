from django.urls import path, register_converter

from . import views


class CountryCodeConverter:
    """Two ASCII letters, either case: anything else is a 404 before a query is made."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(CountryCodeConverter, "country_code")

app_name = "engagements"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("engagements/", views.engagement_list, name="engagement_list"),
    path("engagements/export.csv", views.engagement_export, name="engagement_export"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("countries/<country_code:code>/", views.country_detail, name="country_detail"),
    path("countries/<country_code:code>/brief/", views.country_brief, name="country_brief"),
    path("officials/<int:pk>/", views.official_detail, name="official_detail"),
    path("commitments/", views.commitment_list, name="commitment_list"),
    path(
        "commitments/<int:pk>/status/",
        views.commitment_update_status,
        name="commitment_update_status",
    ),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.engagement_review, name="engagement_review"),
]
