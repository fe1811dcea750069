"""The sitemap search engines read: public pages in Dutch and English (hreflang twins)."""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.urls import reverse

from estafette.activities.models import Activity
from estafette.board.models import Call
from estafette.core.dates import local_today
from estafette.knowledge.sitemaps import KnowledgeSitemap
from estafette.organisations.models import Organisation
from estafette.relay.models import Edition, Region, Stage


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


class _InEveryLanguage(Sequence):
    """(item, language) for every row of a queryset and every language, item by item as
    Django's bilingual sitemap lists them, read a page's rows at a time: Django builds the
    whole list first, every activity of every edition twice (2.4 s at 100,000 for the index
    alone, and again for each page of the section)."""

    def __init__(self, queryset, languages):
        self.queryset, self.languages = queryset, list(languages)
        self._count = None

    def __len__(self):
        if self._count is None:
            self._count = self.queryset.count()
        return self._count * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        start, stop, step = index.indices(len(self))
        if step != 1:
            raise ValueError("a sitemap page is a plain slice")
        each = len(self.languages)
        first = start // each
        rows = self.queryset[first : -(-stop // each)] if stop > start else []
        pairs = [(row, language) for row in rows for language in self.languages]
        return pairs[start - first * each : stop - first * each]


class ActivitiesSitemap(_Bilingual):
    changefreq = "daily"
    limit = 20_000  # twice that with the English twins: under the protocol's 50,000

    def items(self):
        return Activity.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, activity):
        return activity.updated_at

    @property
    def paginator(self):
        return Paginator(_InEveryLanguage(self.items(), self._languages()), self.limit)

    def get_latest_lastmod(self):
        # The newest first, read backwards from the index on updated_at.
        return self.items().order_by("-updated_at").values_list("updated_at", flat=True).first()


class RelaySitemap(_Bilingual):
    def items(self):
        return [*Region.objects.all(), *Edition.objects.visible().order_by("year")]


class OrganisationsSitemap(_Bilingual):
    limit = 20_000

    def items(self):
        return Organisation.objects.order_by("pk")


class WeeksSitemap(_Bilingual):
    """Each region's week in a published edition: its programme, then its hand-over."""

    def items(self):
        return (
            Stage.objects.filter(edition__is_published=True)
            .select_related("edition", "region")
            .order_by("edition__year", "order")
        )

    def location(self, stage):
        return reverse(
            "results:stage", kwargs={"year": stage.edition.year, "region": stage.region.slug}
        )


class BoardSitemap(_Bilingual):
    """The partners wanted board and its open calls (closed and hidden ones are not listed)."""

    changefreq = "daily"

    def items(self):
        calls = Call.objects.open_on(local_today()).order_by("pk")
        return ["board:list", *calls]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()


SITEMAPS = {
    "pagina": PagesSitemap,
    "activiteiten": ActivitiesSitemap,
    "estafette": RelaySitemap,
    "weken": WeeksSitemap,
    "prikbord": BoardSitemap,
    "kennisbank": KnowledgeSitemap,  # Wagtail's: its pages in both languages, each with its twins
    "organisaties": OrganisationsSitemap,
}
