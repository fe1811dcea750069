from django.urls import path

from estafette.signups import views

app_name = "signups"
urlpatterns = [
    path("activiteit/<int:pk>/aanmelden/", views.sign_up, name="sign_up"),
    path(
        "activiteit/<int:pk>/aanmelden/controleer-uw-e-mail/", views.check_email, name="check_email"
    ),
    path("mijn-aanmeldingen/", views.overview_request, name="overview"),
    path("aanmelding/<str:token>/", views.personal, name="personal"),
    path("aanmelding/<str:token>/bevestigen/", views.confirm, name="confirm"),
    path("aanmelding/<str:token>/afmelden/", views.cancel, name="cancel"),
    path("aanmelding/<str:token>/wissen/", views.erase, name="erase"),
    path("aanmelding/<str:token>/agenda.ics", views.calendar_file, name="ics"),
    path("mijn/activiteit/<int:pk>/deelnemers/", views.participants, name="participants"),
    path("mijn/activiteit/<int:pk>/deelnemers/export.csv", views.export_csv, name="export_csv"),
    path("mijn/activiteit/<int:pk>/deelnemers/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path(
        "mijn/activiteit/<int:pk>/deelnemers/<int:signup_pk>/aanwezig/",
        views.attendance,
        name="attendance",
    ),
    path("mijn/activiteit/<int:pk>/deelnemers/bericht/", views.message, name="message"),
    path("mijn/activiteit/<int:pk>/deelnemers/sluiten/", views.close, name="close"),
    path("mijn/activiteit/<int:pk>/deelnemers/plaatsen/", views.capacity, name="capacity"),
]
