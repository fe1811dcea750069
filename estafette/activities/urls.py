from django.urls import include, path

from estafette.activities import views

app_name = "activities"

# /mijn/activiteit/<pk>/: one of the organiser's activities.
own_activity_patterns = [
    path("bewerken/", views.edit, name="edit"),
    path("annuleren/", views.cancel, name="cancel"),
    path("kopieren/", views.duplicate, name="duplicate"),
]

# /mijn/importeren/: drafts from a spreadsheet.
import_patterns = [
    path("", views.import_activities, name="import"),
    path("voorbeeld.<str:kind>", views.import_template, name="import_template"),
    path("bevestigen/", views.import_checked, name="import_checked"),
    path("<uuid:token>/", views.import_batch, name="import_batch"),
    path("<uuid:token>/indienen/", views.submit_batch, name="submit_batch"),
]

# /beoordelen/<pk>/: a coordinator reviews one activity.
review_patterns = [
    path("", views.review, name="review"),
    path("goedkeuren/", views.approve, name="approve"),
    path("aanpassing-vragen/", views.ask_changes, name="request_changes"),
    path("afwijzen/", views.reject, name="reject"),
    path("notitie/", views.coordinator_note, name="coordinator_note"),
    path("wijziging/<int:revision>/goedkeuren/", views.approve_revision, name="approve_revision"),
    path("wijziging/<int:revision>/afwijzen/", views.reject_revision, name="reject_revision"),
]

urlpatterns = [
    path(
        "mijn/",
        include(
            [
                path("", views.dashboard, name="dashboard"),
                path("activiteit/nieuw/", views.create, name="create"),
                path("activiteit/<int:pk>/", include(own_activity_patterns)),
                path("importeren/", include(import_patterns)),
            ]
        ),
    ),
    path(
        "beoordelen/",
        include(
            [
                path("", views.queue, name="queue"),
                path("goedkeuren/", views.approve_selected, name="approve_selected"),
                path("<int:pk>/", include(review_patterns)),
            ]
        ),
    ),
]
