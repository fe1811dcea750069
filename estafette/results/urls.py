from django.urls import path

from estafette.results import views

app_name = "results"

urlpatterns = [
    path("mijn/activiteit/<int:pk>/terugblik/", views.report, name="report"),
    path(
        "mijn/activiteit/<int:pk>/terugblik/materiaal/",
        views.add_material,
        name="add-material",
    ),
    path(
        "mijn/activiteit/<int:pk>/terugblik/materiaal/<int:material_pk>/verwijderen/",
        views.remove_material,
        name="remove-material",
    ),
    path("beoordelen/terugblikken/", views.moderation_list, name="moderation"),
    path("beoordelen/terugblik/<int:pk>/verbergen/", views.hide, name="hide"),
    path("beoordelen/terugblik/<int:pk>/tonen/", views.show, name="show"),
    path("editie/<int:year>/regio/<slug:region>/", views.stage_detail, name="stage"),
]
