"""Language-neutral feed addresses (outside the /en/ prefix)."""

from django.urls import path

from estafette.api import feeds

urlpatterns = [
    path("agenda.ics", feeds.agenda_ics, name="agenda-ics"),
    path("agenda.rss", feeds.agenda_rss, name="agenda-rss"),
    path("agenda.atom", feeds.agenda_atom, name="agenda-atom"),
    path("activiteit/<int:pk>.ics", feeds.activity_ics_download, name="activity-ics"),
]
