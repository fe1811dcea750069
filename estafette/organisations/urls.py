from django.urls import path

from estafette.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisaties/", views.organisation_list, name="list"),
    path("organisaties/nieuw/", views.organisation_create, name="create"),
    path("organisatie/<slug:slug>/", views.organisation_detail, name="detail"),
    path("organisatie/<slug:slug>/bewerken/", views.organisation_edit, name="edit"),
    path("organisatie/<slug:slug>/lid-worden/", views.organisation_join, name="join"),
    path("organisatie/<slug:slug>/leden/", views.organisation_members, name="members"),
    path(
        "organisatie/<slug:slug>/leden/<int:pk>/besluit/",
        views.membership_decide,
        name="membership-decide",
    ),
    path(
        "organisatie/<slug:slug>/leden/<int:pk>/rol/", views.membership_role, name="membership-role"
    ),
    path(
        "organisatie/<slug:slug>/leden/<int:pk>/verwijderen/",
        views.membership_remove,
        name="membership-remove",
    ),
]
