from django.urls import include, path

from estafette.signups import views

app_name = "signups"

# /activiteit/<pk>/aanmelden/: signing up for an activity.
sign_up_patterns = [
    path("", views.sign_up, name="sign_up"),
    path("controleer-uw-e-mail/", views.check_email, name="check_email"),
]

# /aanmelding/<token>/: one sign-up, reached by its personal link.
personal_patterns = [
    path("", views.personal, name="personal"),
    path("bevestigen/", views.confirm, name="confirm"),
    path("afmelden/", views.cancel, name="cancel"),
    path("wissen/", views.erase, name="erase"),
    path("agenda.ics", views.calendar_file, name="ics"),
]

# /mijn/activiteit/<pk>/deelnemers/: the organiser's participants of one activity.
participant_patterns = [
    path("", views.participants, name="participants"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:signup_pk>/aanwezig/", views.attendance, name="attendance"),
    path("bericht/", views.message, name="message"),
    path("sluiten/", views.close, name="close"),
    path("plaatsen/", views.capacity, name="capacity"),
]

urlpatterns = [
    path("activiteit/<int:pk>/aanmelden/", include(sign_up_patterns)),
    path("mijn-aanmeldingen/", views.overview_request, name="overview"),
    path("aanmelding/<str:token>/", include(personal_patterns)),
    path("mijn/activiteit/<int:pk>/deelnemers/", include(participant_patterns)),
]
