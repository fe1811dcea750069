"""The knowledge hub's page types: handbook chapters, toolkit, articles (libraries), FAQ, news."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from estafette.knowledge.blocks import TEXT_FEATURES, BodyBlock


class KnowledgePage(Page):
    """What every hub page has: a short introduction and a body of blocks."""

    intro = models.TextField(_("inleiding"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        """Wagtail's entry, with the page's language twins (hreflang), as our other pages."""
        urls = super().get_sitemap_urls(request)
        twins = sorted(
            [self, *self.get_translations().live().public().select_related("locale")],
            key=lambda page: page.locale.language_code != "nl",
        )
        alternates = [
            {"lang_code": page.locale.language_code, "location": page.get_full_url(request)}
            for page in twins
        ]
        alternates.append({"lang_code": "x-default", "location": alternates[0]["location"]})
        for url in urls:
            url["alternates"] = alternates
        return urls


class HubIndexPage(KnowledgePage):
    """The hub's front page (/kennisbank/): the sections below it."""

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "knowledge.HandbookIndexPage",
        "knowledge.HandbookChapterPage",
        "knowledge.ToolkitPage",
        "knowledge.ArticlePage",
        "knowledge.FaqPage",
        "knowledge.NewsIndexPage",
    ]
    template = "knowledge/hub_index_page.html"

    class Meta:
        verbose_name = _("voorpagina kennisbank")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context


class HandbookIndexPage(KnowledgePage):
    """The activity handbook: its chapters in order."""

    parent_page_types = ["knowledge.HubIndexPage"]
    subpage_types = ["knowledge.HandbookChapterPage"]
    template = "knowledge/handbook_index_page.html"

    class Meta:
        verbose_name = _("activiteitenhandboek")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = self.get_children().live().public().specific()
        return context


class HandbookChapterPage(KnowledgePage):
    """One chapter: tips, checklists and examples."""

    parent_page_types = ["knowledge.HandbookIndexPage", "knowledge.HubIndexPage"]
    subpage_types = []
    template = "knowledge/handbook_chapter_page.html"

    class Meta:
        verbose_name = _("hoofdstuk van het handboek")

    def get_context(self, request, *args, **kwargs):
        """The chapter before and after this one, for reading the handbook in order."""
        context = super().get_context(request, *args, **kwargs)
        chapters = HandbookChapterPage.objects.sibling_of(self).live().public()
        context["previous_chapter"] = chapters.filter(path__lt=self.path).order_by("-path").first()
        context["next_chapter"] = chapters.filter(path__gt=self.path).order_by("path").first()
        context["handbook"] = self.get_parent().specific if self.depth > 2 else None
        return context


class ToolkitPage(KnowledgePage):
    """The communication toolkit: downloads, hashtags and example posts."""

    hashtags = models.CharField(
        _("hashtags"),
        max_length=300,
        blank=True,
        help_text=_("Gescheiden door spaties, bijvoorbeeld #SlimmeZorgEstafette #zorginnovatie"),
    )
    content_panels = [*KnowledgePage.content_panels, FieldPanel("hashtags")]
    search_fields = [*KnowledgePage.search_fields, index.SearchField("hashtags")]
    parent_page_types = ["knowledge.HubIndexPage"]
    subpage_types = []
    template = "knowledge/toolkit_page.html"

    class Meta:
        verbose_name = _("communicatietoolkit")

    def hashtag_list(self) -> list[str]:
        return self.hashtags.split()


class ArticlePage(KnowledgePage):
    """A page of its own, such as the page for libraries."""

    parent_page_types = ["knowledge.HubIndexPage"]
    subpage_types = []
    template = "knowledge/article_page.html"

    class Meta:
        verbose_name = _("artikel")


class FaqPage(KnowledgePage):
    """Frequently asked questions, each a question with its answer."""

    questions = StreamField(
        [
            (
                "question",
                blocks.StructBlock(
                    [
                        ("question", blocks.CharBlock(label=_("Vraag"), max_length=200)),
                        (
                            "answer",
                            blocks.RichTextBlock(label=_("Antwoord"), features=TEXT_FEATURES),
                        ),
                    ],
                    label=_("Vraag en antwoord"),
                    icon="help",
                ),
            )
        ],
        verbose_name=_("vragen"),
        blank=True,
    )
    content_panels = [*KnowledgePage.content_panels, FieldPanel("questions")]
    search_fields = [*KnowledgePage.search_fields, index.SearchField("questions")]
    parent_page_types = ["knowledge.HubIndexPage"]
    subpage_types = []
    template = "knowledge/faq_page.html"

    class Meta:
        verbose_name = _("veelgestelde vragen")


class NewsIndexPage(KnowledgePage):
    parent_page_types = ["knowledge.HubIndexPage"]
    subpage_types = ["knowledge.NewsPage"]
    template = "knowledge/news_index_page.html"

    class Meta:
        verbose_name = _("nieuwsoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news"] = (
            NewsPage.objects.child_of(self).live().public().order_by("-date", "-first_published_at")
        )
        return context


class NewsPage(KnowledgePage):
    date = models.DateField(_("datum"), default=timezone.localdate)
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["knowledge.NewsIndexPage"]
    subpage_types = []
    template = "knowledge/article_page.html"

    class Meta:
        verbose_name = _("nieuwsbericht")


HUB_PAGE_TYPES = (
    HubIndexPage,
    HandbookIndexPage,
    HandbookChapterPage,
    ToolkitPage,
    ArticlePage,
    FaqPage,
    NewsIndexPage,
    NewsPage,
)
