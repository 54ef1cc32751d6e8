from django.urls import path

from . import views

app_name = "engagements"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("engagements/", views.engagement_list, name="engagement_list"),
    path("engagements/export.csv", views.engagement_export, name="engagement_export"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("countries/<str:code>/brief/", views.country_brief, name="country_brief"),
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
