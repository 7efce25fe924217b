from django.urls import path

from . import views

app_name = "submissions"

urlpatterns = [
    path("", views.suggest, name="suggest"),
    path("thanks/", views.thanks, name="thanks"),
]
