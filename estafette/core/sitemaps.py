"""The sitemap search engines read: public pages in Dutch and English (hreflang twins)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from estafette.activities.models import Activity
from estafette.organisations.models import Organisation
from estafette.relay.models import Edition, Region


class _Bilingual(Sitemap):
    """Every address in both languages, each listing its twin (xhtml:link hreflang)."""

    i18n = True
    alternates = True
    x_default = True

    # Scheme and host from SITE_URL, like every other absolute address we publish.
    def get_protocol(self, protocol=None):
        return settings.SITE_URL.split("://", 1)[0]

    def get_domain(self, site=None):
        return settings.SITE_URL.split("://", 1)[1]


class PagesSitemap(_Bilingual):
    changefreq = "daily"

    def items(self):
        return [
            "relay:home",
            "agenda:list",
            "relay:editions",
            "organisations:list",
            "pages:privacy",
            "pages:accessibility",
        ]

    def location(self, item):
        return reverse(item)


class ActivitiesSitemap(_Bilingual):
    changefreq = "daily"
    limit = 20_000  # twice that with the English twins: under the protocol's 50,000

    def items(self):
        return Activity.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, activity):
        return activity.updated_at


class RelaySitemap(_Bilingual):
    def items(self):
        return [*Region.objects.all(), *Edition.objects.visible().order_by("year")]


class OrganisationsSitemap(_Bilingual):
    limit = 20_000

    def items(self):
        return Organisation.objects.order_by("pk")


SITEMAPS = {
    "pagina": PagesSitemap,
    "activiteiten": ActivitiesSitemap,
    "estafette": RelaySitemap,
    "organisaties": OrganisationsSitemap,
}
