"""The hub's front page in Dutch and its English twin, as the site's Wagtail root."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from estafette.knowledge.models import HubIndexPage


@transaction.atomic
def ensure_hub() -> HubIndexPage:
    """Idempotent: the Dutch front page at /kennisbank/ and its English twin at /en/kennisbank/."""
    # Wagtail's migrations make the root collection; a flushed database (transactional tests)
    # has none, and documents need one.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    dutch, _ = Locale.objects.get_or_create(language_code="nl")
    english, _ = Locale.objects.get_or_create(language_code="en")
    hub = HubIndexPage.objects.filter(locale=dutch).first()
    if hub is None:
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(title="Root", locale=dutch)
        hub = root.add_child(
            instance=HubIndexPage(
                title="Kennisbank",
                slug="kennisbank",
                locale=dutch,
                intro="Alles wat u nodig heeft om een activiteit te organiseren en bekend te maken.",
            )
        )
        hub.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    address = urlsplit(settings.SITE_URL)
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    if site is None:
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=hub, is_default_site=True
        )
    # Full addresses of pages (sitemap, e-mails) follow SITE_URL.
    if (site.hostname, site.port, site.site_name) != (hostname, port, "Slimme Zorg Estafette"):
        site.hostname, site.port, site.site_name = hostname, port, "Slimme Zorg Estafette"
        site.save()
    if site.root_page_id != hub.pk:
        previous = site.root_page
        site.root_page = hub
        site.save()
        # Wagtail's own "Welcome to Wagtail" page goes; any other page stays.
        if previous.depth == 2 and type(previous.specific) is Page:
            previous.delete()
    if not hub.has_translation(english):
        twin = hub.copy_for_translation(english)
        twin.title = "Knowledge base"
        twin.intro = "Everything you need to organise and promote an activity."
        twin.save_revision().publish()
    return hub
