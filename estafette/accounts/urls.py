from django.urls import path

from estafette.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("verwijderen/", views.delete, name="delete"),
]
