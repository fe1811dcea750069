from django.urls import path

from estafette.board import views

app_name = "board"

urlpatterns = [
    path("partners-gezocht/", views.board, name="list"),
    path("partners-gezocht/nieuw/", views.call_create, name="create"),
    path("partners-gezocht/wekelijkse-mail/", views.subscriptions, name="subscriptions"),
    path("partners-gezocht/<int:pk>/", views.call_detail, name="call"),
    path("partners-gezocht/<int:pk>/reageren/", views.call_answer, name="answer"),
    path("partners-gezocht/<int:pk>/sluiten/", views.call_close, name="close"),
    path("partners-gezocht/<int:pk>/verbergen/", views.call_hide, name="hide"),
    path(
        "partners-gezocht/<int:pk>/reactie/<int:answer_pk>/accepteren/",
        views.answer_accept,
        name="accept",
    ),
    path(
        "partners-gezocht/<int:pk>/reactie/<int:answer_pk>/afslaan/",
        views.answer_decline,
        name="decline",
    ),
]
