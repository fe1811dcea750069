from django.urls import include, path

from estafette.partners import views

app_name = "partners"

urlpatterns = [
    path("uitnodigingen/", views.invitation_list, name="invitations"),
    path("uitnodiging/<int:pk>/antwoord/", views.invitation_answer, name="invitation-answer"),
    path(
        "activiteit/<int:pk>/partners/",
        include(
            [
                path("", views.activity_partners, name="partners"),
                path("uitnodigen/", views.activity_invite, name="invite"),
            ]
        ),
    ),
]
