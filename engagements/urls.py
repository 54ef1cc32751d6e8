from django.urls import path

from . import views

app_name = "engagements"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("officials/<int:pk>/", views.official_detail, name="official_detail"),
]
