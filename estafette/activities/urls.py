from django.urls import path

from estafette.activities import views

app_name = "activities"

urlpatterns = [
    path("mijn/", views.dashboard, name="dashboard"),
    path("mijn/activiteit/nieuw/", views.create, name="create"),
    path("mijn/activiteit/<int:pk>/bewerken/", views.edit, name="edit"),
    path("mijn/activiteit/<int:pk>/annuleren/", views.cancel, name="cancel"),
    path("mijn/activiteit/<int:pk>/kopieren/", views.duplicate, name="duplicate"),
    path("mijn/importeren/", views.import_activities, name="import"),
    path(
        "mijn/importeren/voorbeeld.<str:kind>",
        views.import_template,
        name="import_template",
    ),
    path("mijn/importeren/bevestigen/", views.import_checked, name="import_checked"),
    path("mijn/importeren/<uuid:token>/", views.import_batch, name="import_batch"),
    path("mijn/importeren/<uuid:token>/indienen/", views.submit_batch, name="submit_batch"),
    path("beoordelen/", views.queue, name="queue"),
    path("beoordelen/goedkeuren/", views.approve_selected, name="approve_selected"),
    path("beoordelen/<int:pk>/", views.review, name="review"),
    path("beoordelen/<int:pk>/goedkeuren/", views.approve, name="approve"),
    path("beoordelen/<int:pk>/aanpassing-vragen/", views.ask_changes, name="request_changes"),
    path("beoordelen/<int:pk>/afwijzen/", views.reject, name="reject"),
    path("beoordelen/<int:pk>/notitie/", views.coordinator_note, name="coordinator_note"),
    path(
        "beoordelen/<int:pk>/wijziging/<int:revision>/goedkeuren/",
        views.approve_revision,
        name="approve_revision",
    ),
    path(
        "beoordelen/<int:pk>/wijziging/<int:revision>/afwijzen/",
        views.reject_revision,
        name="reject_revision",
    ),
]
