from django.urls import include, path

from estafette.results import views

app_name = "results"

# /mijn/activiteit/<pk>/terugblik/: the organisers' report of one activity.
report_patterns = [
    path("", views.report, name="report"),
    path("materiaal/", views.add_material, name="add-material"),
    path("materiaal/<int:material_pk>/verwijderen/", views.remove_material, name="remove-material"),
]

# /beoordelen/: coordinators check the reports.
moderation_patterns = [
    path("terugblikken/", views.moderation_list, name="moderation"),
    path("terugblik/<int:pk>/verbergen/", views.hide, name="hide"),
    path("terugblik/<int:pk>/tonen/", views.show, name="show"),
]

urlpatterns = [
    path("mijn/activiteit/<int:pk>/terugblik/", include(report_patterns)),
    path("beoordelen/", include(moderation_patterns)),
    path("editie/<int:year>/regio/<slug:region>/", views.stage_detail, name="stage"),
]
