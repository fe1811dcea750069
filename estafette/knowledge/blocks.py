"""The building blocks editors put a knowledge page together with."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class TipBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Kop"), max_length=120)
    text = blocks.RichTextBlock(label=_("Tekst"), features=TEXT_FEATURES)

    class Meta:
        label = _("Tip")
        icon = "help"
        template = "knowledge/blocks/tip.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Kop"), max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Punt"), max_length=300), label=_("Punten"))

    class Meta:
        label = _("Checklist")
        icon = "list-ul"
        template = "knowledge/blocks/checklist.html"


class ExampleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Naam van het voorbeeld"), max_length=120)
    text = blocks.RichTextBlock(label=_("Wat gebeurde er?"), features=TEXT_FEATURES)

    class Meta:
        label = _("Voorbeeld uit de praktijk")
        icon = "openquote"
        template = "knowledge/blocks/example.html"


class DownloadBlock(blocks.StructBlock):
    KINDS = [
        ("logo", _("Logo")),
        ("poster", _("Postersjabloon")),
        ("social", _("Sjabloon voor sociale media")),
        ("press", _("Persbericht")),
        ("handbook", _("Handboek")),
        ("other", _("Document")),
    ]
    kind = blocks.ChoiceBlock(choices=KINDS, label=_("Soort"), default="other")
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.TextBlock(label=_("Toelichting"), required=False)

    class Meta:
        label = _("Download")
        icon = "doc-full"
        template = "knowledge/blocks/download.html"


class ExamplePostBlock(blocks.StructBlock):
    channel = blocks.CharBlock(
        label=_("Kanaal"), max_length=60, help_text=_("Bijvoorbeeld LinkedIn")
    )
    text = blocks.TextBlock(label=_("Tekst van het bericht"))

    class Meta:
        label = _("Voorbeeldbericht")
        icon = "comment"
        template = "knowledge/blocks/example_post.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Beschrijving van de afbeelding (alt-tekst)"),
        max_length=250,
        help_text=_(
            "Verplicht: wat is er te zien, voor mensen die de afbeelding niet kunnen zien."
        ),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), max_length=250, required=False)

    class Meta:
        label = _("Afbeelding")
        icon = "image"
        template = "knowledge/blocks/figure.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Tussenkop"),
        max_length=120,
        form_classname="title",
        template="knowledge/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(label=_("Tekst"), features=TEXT_FEATURES)
    tip = TipBlock()
    checklist = ChecklistBlock()
    example = ExampleBlock()
    image = FigureBlock()
    download = DownloadBlock()
    example_post = ExamplePostBlock()
