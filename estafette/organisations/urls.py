from django.urls import include, path

from estafette.organisations import views

app_name = "organisations"

# /organisatie/<slug>/leden/<pk>/: what an admin does with one membership.
membership_patterns = [
    path("besluit/", views.membership_decide, name="membership-decide"),
    path("rol/", views.membership_role, name="membership-role"),
    path("verwijderen/", views.membership_remove, name="membership-remove"),
]

# /organisatie/<slug>/: one organisation.
organisation_patterns = [
    path("", views.organisation_detail, name="detail"),
    path("bewerken/", views.organisation_edit, name="edit"),
    path("lid-worden/", views.organisation_join, name="join"),
    path("leden/", views.organisation_members, name="members"),
    path("leden/<int:pk>/", include(membership_patterns)),
]

urlpatterns = [
    path("organisaties/", views.organisation_list, name="list"),
    path("organisaties/nieuw/", views.organisation_create, name="create"),
    path("organisatie/<slug:slug>/", include(organisation_patterns)),
]
