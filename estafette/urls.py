"""URL map: Dutch at the root, English under /en/; the API and feeds are language-neutral."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from estafette.api.urls import api
from estafette.core import views as core_views
from estafette.knowledge import views as knowledge_views
from estafette.knowledge.editor import editor_guard
from estafette.pages import views as pages_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(".well-known/security.txt", core_views.security_txt, name="security-txt"),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    path("sitemap.xml", pages_views.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", pages_views.sitemap_section, name="sitemap-section"),
    path("favicon.ico", core_views.favicon),
    path("health/live", core_views.live, name="health-live"),
    path("health/ready", core_views.ready, name="health-ready"),
    path("", include("estafette.api.feed_urls")),
    # The knowledge hub's editor (Wagtail) and its documents.
    path("redactie/", include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, editor_guard))),
    path("documenten/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("beheer/", admin.site.urls),
    path("account/", include("estafette.accounts.urls")),
    path("account/", include("allauth.urls")),
    path("", include("estafette.organisations.urls")),
    # Before agenda: /activiteit/<pk>/partners/ must not be read as an activity's slug.
    path("", include("estafette.partners.urls")),
    # Before agenda too: /activiteit/<pk>/aanmelden/ is the sign-up page, not a slug.
    path("", include("estafette.signups.urls")),
    path("", include("estafette.activities.urls")),
    path("", include("estafette.results.urls")),
    path("", include("estafette.board.urls")),
    path("", include("estafette.pages.urls")),
    path("", include("estafette.posters.urls")),
    path("", include("estafette.agenda.urls")),
    path("", include("estafette.relay.urls")),
    path("", include("estafette.figures.urls")),
    path("kennisbank/zoeken/", knowledge_views.search, name="knowledge-search"),
    path("kennisbank/", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "estafette.core.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
