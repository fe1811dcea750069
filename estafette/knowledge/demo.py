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
        "en": (
            "1. Choose an activity people take part in",
            "At the Slimme Zorg Estafette people learn from each other. That works best when "
            "visitors do something themselves.",
        ),
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
            "You do not innovate alone. With a partner you reach more people and learn more.",
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
            "A good programme alternates between explaining, doing and talking together.",
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
        "en": (
            "4. Promote your activity",
            "A good activity deserves visitors. Start telling people early that you take part.",
        ),
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
            "What you learn helps the next region. So share your results.",
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

# English starter content: the same advice as the Dutch, written for English readers (B1).

CHAPTERS_EN = {
    "activiteit-kiezen": [
        p(
            "A talk to a room full of listeners is easy to arrange. But people remember more when "
            "they try something themselves, ask questions and talk with each other. So choose a "
            "format in which visitors take part."
        ),
        heading("Formats that work well"),
        p(
            "A <b>test lab</b> where visitors try out a care application themselves. A "
            "<b>guided tour</b> of the workplace, with time for questions. A <b>dialogue table</b> "
            "where care providers, residents and the municipality discuss a question together. A "
            "<b>working session</b> in which you develop an idea together."
        ),
        tip(
            "Start with a question, not with a product",
            "Put a question your visitors recognise at the centre, for example: 'How can I keep "
            "living at home longer with the help of technology?' Then show the product as one of "
            "the answers.",
        ),
        checklist(
            "Check: is my activity interactive?",
            [
                "Visitors do something themselves for at least half of the time.",
                "There is time for questions and conversation, not only at the end.",
                "People without prior knowledge can take part too.",
                "You know what visitors can do or know afterwards.",
            ],
        ),
        example(
            "Video calling in the library",
            "A library and a home care organisation let older people make a video call with a "
            "district nurse themselves. Volunteers helped with the first steps. Afterwards most "
            "visitors knew how to make a remote appointment from home.",
        ),
    ],
    "samen-organiseren": [
        p(
            "Look for a partner who can do or knows something different from you. A care "
            "organisation knows a lot about care. A library, municipality or school reaches other "
            "people. Together you create an activity that is valuable for both groups."
        ),
        checklist(
            "Agree together beforehand on",
            [
                "The goal of the activity and who it is for.",
                "Who does what: venue, programme, speakers, registration, promotion.",
                "Who is the first point of contact for visitors.",
                "How you look back together afterwards and share the results.",
            ],
        ),
        tip(
            "Invite your partner on the platform",
            "Register the activity and invite your partner as co-organiser. Then both names appear "
            "on the activity page, on the poster and on the social media cards.",
        ),
        tip(
            "No partner yet?",
            "Have a look at the 'partners wanted' board. There organisers find each other for "
            "their region's week.",
        ),
    ],
    "programma": [
        p(
            "Keep explanations short: ten minutes is often enough. Then let visitors get started "
            "themselves. End with a conversation: what do visitors take away, and what would you "
            "like to know from them?"
        ),
        checklist(
            "An example of a programme of an hour and a half",
            [
                "10 minutes: welcome and today's question.",
                "15 minutes: a short explanation or a story from practice.",
                "40 minutes: trying things out in small groups.",
                "20 minutes: discussing together what you have seen.",
                "5 minutes: closing and what happens next.",
            ],
        ),
        tip(
            "Think of accessibility",
            "Choose a venue without steps, make sure the sound is good and say in your "
            "announcement which facilities there are. Also say so when there are none: then "
            "people can ask beforehand.",
        ),
        tip(
            "Online or hybrid",
            "Online can be interactive too: use small groups, a shared document or short polls. "
            "Test the technology beforehand with someone who is not one of the organisers.",
        ),
    ],
    "bekendheid": [
        p(
            "As soon as your activity is approved, the platform makes a poster (A4 and A3) and "
            "cards for social media. You find them with your activity under 'Image, poster and "
            "cards'. The poster has a QR code to your activity's page."
        ),
        checklist(
            "How to promote your activity",
            [
                "Six weeks before: put the activity on the platform.",
                "Four weeks before: share the card on social media and in your newsletter.",
                "Two weeks before: put up the poster and send the press release to the local paper.",
                "One week before: ask your partners to share the message once more.",
            ],
        ),
        tip(
            "Use the toolkit",
            "In the communication toolkit you find an example press release, hashtags and "
            "example posts for social media.",
        ),
    ],
    "na-afloop": [
        p(
            "Afterwards, fill in the review of your activity: how many people came, what it "
            "achieved and what you pass on to the next region. Add your presentation or handout. "
            "Only post photos when the people in them agreed."
        ),
        checklist(
            "Questions for your review",
            [
                "What went well, and what would you do differently next time?",
                "What did visitors learn or discover?",
                "Which new contacts or agreements came out of it?",
                "Which tip do you give the organisers in the next region?",
            ],
        ),
    ],
}

LIBRARY_BODY_EN = [
    p(
        "Libraries already do a lot for health and digital care. Think of help with logging in "
        "to the GP's website, courses in digital skills and information about healthy living. "
        "During the Slimme Zorg Estafette you show this to care partners in your region."
    ),
    heading("Show what you offer, rather than recruit"),
    p(
        "The goal is not to sign up as many course participants as possible. The goal is that "
        "care providers, the municipality and social services see what the library has to "
        "offer. That is how new partnerships start that go on after the relay."
    ),
    heading("How do you take part?"),
    checklist(
        "Three ways to take part",
        [
            "Register an existing activity that is also interesting for care professionals, such "
            "as a course, a theme week or a workshop.",
            "Organise something new with a local care partner, for example an information market "
            "or an afternoon about a care app.",
            "Visit other people's activities and get in touch with care organisations near you.",
        ],
    ),
    tip(
        "Mind your region's week",
        "Every region has its own week. Plan your activity in that week. Your region's page shows "
        "the dates.",
    ),
    example(
        "An information afternoon about the health app",
        "A library organised an afternoon with the GP practice about the practice's app. The "
        "assistant explained it, and volunteers helped visitors on their own phones. The practice "
        "and the library agreed to do this more often.",
    ),
]

FAQ_EN = [
    (
        "Who may organise an activity?",
        "Anyone who wants to show or share something about innovation in care, welfare or "
        "prevention: care organisations, municipalities, libraries, schools, companies and "
        "residents' initiatives.",
    ),
    (
        "Does taking part cost money?",
        "No. Registering an activity on the platform is free. Whether visitors pay is up to you; "
        "most activities are free.",
    ),
    (
        "In which week must my activity take place?",
        "In your region's week. The platform checks this when you register and tells you when "
        "the date does not fit. National activities take place at a national moment.",
    ),
    (
        "Does my activity have to be interactive?",
        "It is not required, but we do ask for it. People learn more when they do something "
        "themselves. The activity handbook has tips.",
    ),
    (
        "How do I get a poster for my activity?",
        "Once your activity is published, the platform makes a poster in A4 and A3 and cards for "
        "social media. You find them on your activity's page.",
    ),
    (
        "Can I register an activity together with another organisation?",
        "Yes. Register the activity and invite the other organisation as co-organiser. Once they "
        "accept, both names are shown with the activity.",
    ),
]

PRESS_DESCRIPTION_EN = (
    "A draft press release in Dutch, for Dutch local papers: fill in the details between brackets."
)


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


def _blocks(stream) -> list:
    """A stream's content without the blocks' ids (a translation copy keeps the same ids)."""
    return [(block["type"], block["value"]) for block in stream.get_prep_value()]


def publish_english_twin(page, title: str, intro: str, **streams) -> None:
    """Publish the page's English twin with its English title, introduction and bodies. A twin
    that is still a copy of the Dutch (as earlier versions made) gets the English text; one the
    editors have translated themselves is left alone."""
    english = Locale.objects.get(language_code="en")
    twin = page.get_translation_or_none(english)
    if twin is None:
        twin = page.copy_for_translation(english)
    else:
        twin = twin.specific
        copied = all(
            _blocks(getattr(twin, name)) == _blocks(getattr(page, name)) for name in streams
        )
        if not streams or not copied:
            return
    twin.title, twin.intro = title, intro
    for name, value in streams.items():
        setattr(twin, name, value)
    twin.save_revision().publish()


HASHTAGS = "#SlimmeZorgEstafette #SZE #zorginnovatie"


def toolkit_body(english: bool = False) -> list[dict]:
    """The toolkit's downloads and example posts; the documents are shared by both languages."""
    press = document("Concept persbericht", "concept-persbericht.txt", PRESS_RELEASE.encode())
    logo = document(
        "Woordmerk Slimme Zorg Estafette", "woordmerk-slimme-zorg-estafette.png", logo_png()
    )

    def download(kind, doc, description):
        return {
            "type": "download",
            "value": {"kind": kind, "document": doc.pk, "description": description},
        }

    def post(channel, text):
        return {"type": "example_post", "value": {"channel": channel, "text": text}}

    if english:
        return [
            p(
                "The platform makes your poster and the cards for social media for you, with "
                "your activity's details and a QR code. You find everything else below."
            ),
            download("logo", logo, "For your website and your newsletter."),
            download("press", press, PRESS_DESCRIPTION_EN),
            heading("Example posts"),
            post(
                "LinkedIn",
                "We are taking part in the #SlimmeZorgEstafette! On [date] we show together "
                "with [partner] how [topic]. Come and try it yourself: [link]",
            ),
            post(
                "Instagram",
                "Want to experience smart care yourself? Come to [title] on [date] in [place]. "
                "Sign up via the link in our bio. #SlimmeZorgEstafette",
            ),
        ]
    return [
        p(
            "Uw poster en de kaarten voor sociale media maakt het platform voor u, met de "
            "gegevens van uw activiteit en een QR-code. Hieronder vindt u de rest."
        ),
        download("logo", logo, "Voor op uw website en in uw nieuwsbrief."),
        download(
            "press", press, "Vul de gegevens tussen haken in en stuur het naar uw lokale krant."
        ),
        heading("Voorbeeldberichten"),
        post(
            "LinkedIn",
            "Wij doen mee aan de #SlimmeZorgEstafette! Op [datum] laten we samen met [partner] "
            "zien hoe [onderwerp]. Kom het zelf proberen: [link]",
        ),
        post(
            "Instagram",
            "Zelf ervaren hoe slimme zorg werkt? Kom naar [titel] op [datum] in [plaats]. "
            "Aanmelden via de link in onze bio. #SlimmeZorgEstafette",
        ),
    ]


def faq_questions(questions) -> list[dict]:
    return [
        {"type": "question", "value": {"question": question, "answer": f"<p>{answer}</p>"}}
        for question, answer in questions
    ]


NEWS_BODY_EN = [
    p("From today you find tips, checklists and examples for your activity in the knowledge base.")
]


def _add_dutch_pages(hub) -> None:
    handbook = add(
        hub,
        HandbookIndexPage(
            title="Activiteitenhandboek",
            slug="handboek",
            intro="Tips, checklists en voorbeelden om een interactieve activiteit te organiseren, samen met partners.",
        ),
    )
    for chapter in CHAPTERS:
        add(
            handbook,
            HandbookChapterPage(
                title=chapter["title"],
                slug=chapter["slug"],
                intro=chapter["intro"],
                body=chapter["body"],
            ),
        )
    add(
        hub,
        ToolkitPage(
            title="Communicatietoolkit",
            slug="toolkit",
            intro="Alles om uw activiteit bekend te maken: logo, persbericht, hashtags en voorbeeldberichten.",
            hashtags=HASHTAGS,
            body=toolkit_body(),
        ),
    )
    add(
        hub,
        ArticlePage(
            title="Bibliotheken en de Slimme Zorg Estafette",
            slug="bibliotheken",
            intro="Hoe een bibliotheek meedoet: laat zien wat u te bieden heeft en werk samen met een zorgpartner.",
            body=LIBRARY_BODY,
        ),
    )
    add(
        hub,
        FaqPage(
            title="Veelgestelde vragen",
            slug="vragen",
            intro="Antwoorden op vragen die organisatoren vaak stellen.",
            questions=faq_questions(FAQ),
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


def _dutch(model, slug):
    return model.objects.filter(locale__language_code="nl", slug=slug).first()


def publish_english_twins() -> None:
    """The starter pages' English twins, in English (a parent's twin before its children's)."""
    handbook = _dutch(HandbookIndexPage, "handboek")
    if handbook:
        publish_english_twin(
            handbook,
            "Activity handbook",
            "Tips, checklists and examples for an interactive, co-organised activity.",
        )
        for chapter in CHAPTERS:
            page = _dutch(HandbookChapterPage, chapter["slug"])
            if page:
                publish_english_twin(page, *chapter["en"], body=CHAPTERS_EN[chapter["slug"]])
    toolkit = _dutch(ToolkitPage, "toolkit")
    if toolkit:
        publish_english_twin(
            toolkit,
            "Communication toolkit",
            "Everything to promote your activity: logo, press release, hashtags and example posts.",
            body=toolkit_body(english=True),
        )
    library = _dutch(ArticlePage, "bibliotheken")
    if library:
        publish_english_twin(
            library,
            "Libraries and the Slimme Zorg Estafette",
            "How a library takes part: show what you offer and work with a care partner.",
            body=LIBRARY_BODY_EN,
        )
    faq = _dutch(FaqPage, "vragen")
    if faq:
        publish_english_twin(
            faq,
            "Frequently asked questions",
            "Answers to questions organisers often ask.",
            questions=faq_questions(FAQ_EN),
        )
    news = _dutch(NewsIndexPage, "nieuws")
    if news:
        publish_english_twin(news, "News", "News about the Slimme Zorg Estafette.")
        opened = _dutch(NewsPage, "kennisbank-open")
        if opened:
            publish_english_twin(
                opened,
                "The knowledge base is open",
                "The activity handbook and the communication toolkit are now online.",
                body=NEWS_BODY_EN,
            )


@transaction.atomic
def load_knowledge_hub() -> None:
    """Handbook, toolkit, library page, questions and a news item, in Dutch and in English;
    pages already there are kept (an English twin that is still a copy of the Dutch gets its
    English text)."""
    hub = ensure_hub()
    if not hub.get_children().exists():
        _add_dutch_pages(hub)
    publish_english_twins()
