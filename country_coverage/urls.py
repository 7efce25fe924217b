from django.urls import path

from . import views

app_name = "country_coverage"

urlpatterns = [
    path("coverage/", views.coverage, name="coverage"),
    path("countries/compare/", views.compare, name="compare"),
    path("map/", views.member_state_map, name="map"),
]
