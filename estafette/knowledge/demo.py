"""Starter content for the knowledge hub, written for this project in plain Dutch (B1)."""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.models import Locale

from estafette.knowledge.models import (
    ArticlePage,
    FaqPage,
    HandbookChapterPage,
    HandbookIndexPage,
    NewsIndexPage,
    NewsPage,
    ToolkitPage,
)
from estafette.knowledge.setup import ensure_hub
from estafette.posters.artwork import pil_font


def p(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def heading(text: str) -> dict:
    return {"type": "heading", "value": text}


def tip(title: str, text: str) -> dict:
    return {"type": "tip", "value": {"title": title, "text": f"<p>{text}</p>"}}


def checklist(title: str, items: list[str]) -> dict:
    return {"type": "checklist", "value": {"title": title, "items": items}}


def example(title: str, text: str) -> dict:
    return {"type": "example", "value": {"title": title, "text": f"<p>{text}</p>"}}


CHAPTERS = [
    {
        "title": "1. Kies een activiteit die mensen laat meedoen",
        "slug": "activiteit-kiezen",
        "en": ("1. Choose an activity people take part in", "Doing, discussing and experiencing."),
        "intro": "Bij de Slimme Zorg Estafette leren mensen van elkaar. Dat lukt het best als bezoekers zelf iets doen.",
        "body": [
            p(
                "Een presentatie met een zaal vol luisteraars is snel geregeld. Maar mensen onthouden "
                "meer als ze zelf iets proberen, vragen stellen en met elkaar praten. Kies daarom een "
                "vorm waarin de bezoeker meedoet."
            ),
            heading("Vormen die goed werken"),
            p(
                "Een <b>proeftuin</b> waar bezoekers een zorgtoepassing zelf uitproberen. Een "
                "<b>rondleiding</b> op de werkvloer, met tijd voor vragen. Een <b>dialoogtafel</b> "
                "waar zorgverleners, inwoners en gemeente samen een vraag bespreken. Een "
                "<b>werksessie</b> waarin u samen een idee uitwerkt."
            ),
            tip(
                "Begin bij een vraag, niet bij een product",
                "Stel een vraag centraal die uw bezoekers herkennen, bijvoorbeeld: 'Hoe blijf ik "
                "langer thuis wonen met hulp van techniek?' Laat het product daarna zien als één "
                "van de antwoorden.",
            ),
            checklist(
                "Check: is mijn activiteit interactief?",
                [
                    "Bezoekers doen minstens de helft van de tijd zelf iets.",
                    "Er is tijd voor vragen en gesprek, niet alleen aan het eind.",
                    "Ook mensen zonder voorkennis kunnen meedoen.",
                    "U weet wat bezoekers na afloop kunnen of weten.",
                ],
            ),
            example(
                "Beeldbellen in de bibliotheek",
                "Een bibliotheek en een thuiszorgorganisatie lieten ouderen zelf beeldbellen met een "
                "wijkverpleegkundige. Vrijwilligers hielpen bij de eerste stappen. Na afloop wisten de "
                "meeste bezoekers hoe zij thuis een afspraak op afstand kunnen maken.",
            ),
        ],
    },
    {
        "title": "2. Organiseer samen met partners",
        "slug": "samen-organiseren",
        "en": (
            "2. Organise together with partners",
            "Two organisations reach more people than one.",
        ),
        "intro": "Innoveren doet u niet alleen. Met een partner bereikt u meer mensen en leert u meer.",
        "body": [
            p(
                "Zoek een partner die iets anders kan of kent dan u. Een zorgorganisatie weet veel "
                "van zorg. Een bibliotheek, gemeente of school bereikt weer andere mensen. Samen maakt "
                "u een activiteit die voor beide groepen waarde heeft."
            ),
            checklist(
                "Maak vooraf samen afspraken over",
                [
                    "Het doel van de activiteit en voor wie die is.",
                    "Wie wat doet: locatie, programma, sprekers, aanmelden, bekendheid.",
                    "Wie het eerste aanspreekpunt is voor bezoekers.",
                    "Hoe u na afloop samen terugkijkt en de resultaten deelt.",
                ],
            ),
            tip(
                "Nodig uw partner uit op het platform",
                "Meld de activiteit aan en nodig uw partner uit als mede-organisator. Dan staan "
                "beide namen op de activiteitenpagina, op de poster en op de kaarten voor sociale media.",
            ),
            tip(
                "Nog geen partner?",
                "Kijk op het prikbord 'partner gezocht'. Daar zoeken organisatoren elkaar voor de "
                "week van hun regio.",
            ),
        ],
    },
    {
        "title": "3. Het programma: doen, bespreken, ervaren",
        "slug": "programma",
        "en": (
            "3. The programme: doing, discussing, experiencing",
            "A programme that keeps people involved.",
        ),
        "intro": "Een goed programma wisselt af tussen uitleg, zelf doen en samen praten.",
        "body": [
            p(
                "Houd uitleg kort: tien minuten is vaak genoeg. Laat bezoekers daarna zelf aan de slag. "
                "Sluit af met een gesprek: wat nemen de bezoekers mee, en wat wilt u van hen weten?"
            ),
            checklist(
                "Een voorbeeld van een programma van anderhalf uur",
                [
                    "10 minuten: welkom en de vraag van vandaag.",
                    "15 minuten: korte uitleg of een verhaal uit de praktijk.",
                    "40 minuten: zelf proberen in kleine groepen.",
                    "20 minuten: samen bespreken wat u heeft gezien.",
                    "5 minuten: afsluiting en hoe het verder gaat.",
                ],
            ),
            tip(
                "Denk aan toegankelijkheid",
                "Kies een locatie zonder drempels, zorg voor goed geluid en schrijf in uw aankondiging "
                "welke voorzieningen er zijn. Vermeld het ook als die er niet zijn: dan kan iemand het "
                "vooraf vragen.",
            ),
            tip(
                "Online of hybride",
                "Ook online kan het interactief: gebruik kleine groepen, een gezamenlijk document of "
                "korte peilingen. Test de techniek vooraf met iemand die niet meedoet aan de organisatie.",
            ),
        ],
    },
    {
        "title": "4. Maak uw activiteit bekend",
        "slug": "bekendheid",
        "en": ("4. Promote your activity", "Poster, social media and your own networks."),
        "intro": "Een goede activiteit verdient bezoekers. Begin op tijd met vertellen dat u meedoet.",
        "body": [
            p(
                "Zodra uw activiteit is goedgekeurd, maakt het platform een poster (A4 en A3) en kaarten "
                "voor sociale media. U vindt ze bij uw activiteit onder 'Afbeelding, poster en kaarten'. "
                "Op de poster staat een QR-code naar de pagina van uw activiteit."
            ),
            checklist(
                "Zo maakt u uw activiteit bekend",
                [
                    "Zes weken vooraf: zet de activiteit op het platform.",
                    "Vier weken vooraf: deel de kaart op sociale media en in uw nieuwsbrief.",
                    "Twee weken vooraf: hang de poster op en stuur het persbericht naar de lokale krant.",
                    "Een week vooraf: vraag uw partners het bericht nog eens te delen.",
                ],
            ),
            tip(
                "Gebruik de toolkit",
                "In de communicatietoolkit vindt u een voorbeeld van een persbericht, hashtags en "
                "voorbeeldberichten voor sociale media.",
            ),
        ],
    },
    {
        "title": "5. Na afloop: resultaten delen en het stokje doorgeven",
        "slug": "na-afloop",
        "en": (
            "5. Afterwards: share results and pass the baton",
            "What you learned helps the next region.",
        ),
        "intro": "Wat u leert, helpt de volgende regio. Deel daarom uw resultaten.",
        "body": [
            p(
                "Vul na afloop de terugblik in bij uw activiteit: hoeveel mensen er waren, wat het "
                "opleverde en wat u de volgende regio meegeeft. Voeg uw presentatie of hand-out toe. "
                "Plaats alleen foto's als de mensen op de foto daarvoor toestemming gaven."
            ),
            checklist(
                "Vragen voor uw terugblik",
                [
                    "Wat ging goed, en wat zou u een volgende keer anders doen?",
                    "Wat hebben bezoekers geleerd of ontdekt?",
                    "Welke nieuwe contacten of afspraken zijn er ontstaan?",
                    "Welke tip geeft u de organisatoren in de volgende regio?",
                ],
            ),
        ],
    },
]

LIBRARY_BODY = [
    p(
        "Bibliotheken doen al veel voor gezondheid en digitale zorg. Denk aan hulp bij het "
        "inloggen bij de huisarts, cursussen over digitale vaardigheden en informatie over "
        "gezond leven. Tijdens de Slimme Zorg Estafette laat u dat zien aan zorgpartners in uw regio."
    ),
    heading("Profileren, niet werven"),
    p(
        "Het doel is niet om zoveel mogelijk cursisten te werven. Het doel is dat zorgverleners, "
        "gemeente en welzijn zien wat de bibliotheek te bieden heeft. Zo ontstaan nieuwe "
        "samenwerkingen die ook na de estafette doorgaan."
    ),
    heading("Hoe doet u mee?"),
    checklist(
        "Drie manieren om mee te doen",
        [
            "Meld een bestaande activiteit aan die ook interessant is voor zorgprofessionals, zoals "
            "een cursus, een themaweek of een workshop.",
            "Organiseer samen met een lokale zorgpartner iets nieuws, bijvoorbeeld een "
            "informatiemarkt of een middag over een zorgapp.",
            "Bezoek activiteiten van anderen en leg contact met zorgorganisaties in uw buurt.",
        ],
    ),
    tip(
        "Let op de week van uw regio",
        "Elke regio heeft een eigen week. Plan uw activiteit in die week. Op de pagina van uw "
        "regio ziet u de data.",
    ),
    example(
        "Informatiemiddag over de gezondheidsapp",
        "Een bibliotheek organiseerde met de huisartsenpraktijk een middag over de app van de "
        "praktijk. De assistente legde uit, vrijwilligers hielpen bezoekers op hun eigen telefoon. "
        "De praktijk en de bibliotheek spraken af dit vaker te doen.",
    ),
]

FAQ = [
    (
        "Wie mag een activiteit organiseren?",
        "Iedereen die iets wil laten zien of delen over innovatie in zorg, welzijn of preventie: "
        "zorgorganisaties, gemeenten, bibliotheken, scholen, bedrijven en inwonersinitiatieven.",
    ),
    (
        "Kost meedoen geld?",
        "Nee. Aanmelden van een activiteit op het platform is gratis. Of bezoekers betalen, bepaalt u zelf; "
        "de meeste activiteiten zijn gratis.",
    ),
    (
        "In welke week moet mijn activiteit plaatsvinden?",
        "In de week van uw regio. Het platform controleert dat bij het aanmelden en zegt het als de "
        "datum niet past. Landelijke activiteiten vallen op een landelijk moment.",
    ),
    (
        "Moet mijn activiteit interactief zijn?",
        "Dat is niet verplicht, maar we vragen het wel. Mensen leren meer als ze zelf iets doen. In het "
        "activiteitenhandboek staan tips.",
    ),
    (
        "Hoe krijg ik een poster voor mijn activiteit?",
        "Als uw activiteit is gepubliceerd, maakt het platform een poster in A4 en A3 en kaarten voor "
        "sociale media. U vindt ze op de pagina van uw activiteit.",
    ),
    (
        "Kan ik een activiteit samen met een andere organisatie aanmelden?",
        "Ja. Meld de activiteit aan en nodig de andere organisatie uit als mede-organisator. Na "
        "acceptatie staan beide namen bij de activiteit.",
    ),
]

PRESS_RELEASE = """CONCEPT PERSBERICHT

[Naam organisatie] doet mee aan de Slimme Zorg Estafette

[Plaats], [datum] - Op [datum] organiseert [naam organisatie] samen met [partner] [titel van de
activiteit] in [plaats]. De activiteit is onderdeel van de Slimme Zorg Estafette, de landelijke
kennismarathon over innovatie in zorg, welzijn en preventie van het ministerie van VWS.

Bezoekers kunnen [wat bezoekers zelf doen of ervaren]. "[Citaat van iemand van de organisatie
over waarom u meedoet]", zegt [naam, functie].

Elke week is een andere regio aan zet. In de week van [datum] is regio [naam] aan de beurt.
Meer informatie en aanmelden: [link naar de activiteit op het platform].

Noot voor de redactie (niet voor publicatie):
Voor meer informatie: [naam, telefoon, e-mail].
"""


def logo_png() -> bytes:
    """A plain word mark drawn here: the team replaces it with the official logo files."""
    canvas = Image.new("RGB", (1200, 400), "#154273")
    draw = ImageDraw.Draw(canvas)

    draw.text((80, 140), "Slimme Zorg Estafette", font=pil_font(88, bold=True), fill="#ffffff")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def document(title: str, name: str, content: bytes):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    return Document.objects.create(title=title, file=ContentFile(content, name=name))


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish_english_twin(page, title: str, intro: str) -> None:
    english = Locale.objects.get(language_code="en")
    if page.has_translation(english):
        return
    twin = page.copy_for_translation(english)
    twin.title, twin.intro = title, intro
    twin.save_revision().publish()


@transaction.atomic
def load_knowledge_hub() -> None:
    """Handbook, toolkit, library page, questions and a news item; skipped when already there."""
    hub = ensure_hub()
    if hub.get_children().exists():
        return
    handbook = add(
        hub,
        HandbookIndexPage(
            title="Activiteitenhandboek",
            slug="handboek",
            intro="Tips, checklists en voorbeelden om een interactieve activiteit te organiseren, samen met partners.",
        ),
    )
    chapters = [
        add(
            handbook,
            HandbookChapterPage(
                title=chapter["title"],
                slug=chapter["slug"],
                intro=chapter["intro"],
                body=chapter["body"],
            ),
        )
        for chapter in CHAPTERS
    ]
    press = document("Concept persbericht", "concept-persbericht.txt", PRESS_RELEASE.encode())
    logo = document(
        "Woordmerk Slimme Zorg Estafette", "woordmerk-slimme-zorg-estafette.png", logo_png()
    )
    toolkit = add(
        hub,
        ToolkitPage(
            title="Communicatietoolkit",
            slug="toolkit",
            intro="Alles om uw activiteit bekend te maken: logo, persbericht, hashtags en voorbeeldberichten.",
            hashtags="#SlimmeZorgEstafette #SZE #zorginnovatie",
            body=[
                p(
                    "Uw poster en de kaarten voor sociale media maakt het platform voor u, met de "
                    "gegevens van uw activiteit en een QR-code. Hieronder vindt u de rest."
                ),
                {
                    "type": "download",
                    "value": {
                        "kind": "logo",
                        "document": logo.pk,
                        "description": "Voor op uw website en in uw nieuwsbrief.",
                    },
                },
                {
                    "type": "download",
                    "value": {
                        "kind": "press",
                        "document": press.pk,
                        "description": "Vul de gegevens tussen haken in en stuur het naar uw lokale krant.",
                    },
                },
                heading("Voorbeeldberichten"),
                {
                    "type": "example_post",
                    "value": {
                        "channel": "LinkedIn",
                        "text": "Wij doen mee aan de #SlimmeZorgEstafette! Op [datum] laten we samen met [partner] zien hoe [onderwerp]. Kom het zelf proberen: [link]",
                    },
                },
                {
                    "type": "example_post",
                    "value": {
                        "channel": "Instagram",
                        "text": "Zelf ervaren hoe slimme zorg werkt? Kom naar [titel] op [datum] in [plaats]. Aanmelden via de link in onze bio. #SlimmeZorgEstafette",
                    },
                },
            ],
        ),
    )
    library = add(
        hub,
        ArticlePage(
            title="Bibliotheken en de Slimme Zorg Estafette",
            slug="bibliotheken",
            intro="Hoe een bibliotheek meedoet: laat zien wat u te bieden heeft en werk samen met een zorgpartner.",
            body=LIBRARY_BODY,
        ),
    )
    faq = add(
        hub,
        FaqPage(
            title="Veelgestelde vragen",
            slug="vragen",
            intro="Antwoorden op vragen die organisatoren vaak stellen.",
            questions=[
                {"type": "question", "value": {"question": question, "answer": f"<p>{answer}</p>"}}
                for question, answer in FAQ
            ],
        ),
    )
    news = add(
        hub,
        NewsIndexPage(title="Nieuws", slug="nieuws", intro="Nieuws over de Slimme Zorg Estafette."),
    )
    add(
        news,
        NewsPage(
            title="De kennisbank is open",
            slug="kennisbank-open",
            intro="Het activiteitenhandboek en de communicatietoolkit staan nu online.",
            body=[
                p(
                    "Vanaf vandaag vindt u in de kennisbank tips, checklists en voorbeelden voor uw activiteit."
                )
            ],
        ),
    )
    # English twins: titles and introductions in English; the editors translate the rest.
    publish_english_twin(
        handbook,
        "Activity handbook",
        "Tips, checklists and examples for an interactive, co-organised activity.",
    )
    for chapter, source in zip(chapters, CHAPTERS, strict=True):
        publish_english_twin(chapter, *source["en"])
    publish_english_twin(
        toolkit, "Communication toolkit", "Logo, press release, hashtags and example posts."
    )
    publish_english_twin(
        library, "Libraries and the Slimme Zorg Estafette", "How a library takes part."
    )
    publish_english_twin(
        faq, "Frequently asked questions", "Answers to questions organisers often ask."
    )
    publish_english_twin(news, "News", "News about the Slimme Zorg Estafette.")
