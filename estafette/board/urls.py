from django.urls import include, path

from estafette.board import views

app_name = "board"

# /partners-gezocht/<pk>/: one call, its answers and what its organisation does with them.
call_patterns = [
    path("", views.call_detail, name="call"),
    path("reageren/", views.call_answer, name="answer"),
    path("sluiten/", views.call_close, name="close"),
    path("verbergen/", views.call_hide, name="hide"),
    path("reactie/<int:answer_pk>/accepteren/", views.answer_accept, name="accept"),
    path("reactie/<int:answer_pk>/afslaan/", views.answer_decline, name="decline"),
]

urlpatterns = [
    path(
        "partners-gezocht/",
        include(
            [
                path("", views.board, name="list"),
                path("nieuw/", views.call_create, name="create"),
                path("wekelijkse-mail/", views.subscriptions, name="subscriptions"),
                path("<int:pk>/", include(call_patterns)),
            ]
        ),
    ),
]
