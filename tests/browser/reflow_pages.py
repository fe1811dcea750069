"""Every page type a visitor, organiser, coordinator or national admin can open, and the data
they need: the one list behind tests/browser/test_reflow.py (no sideways scroll, axe-core) and
scripts/reflow_widths.py (the widest layout width per page type).

Left out on purpose: the Django admin (/beheer/) and the knowledge hub's editor (Wagtail,
/redactie/), which are staff tools with their own layout; files (feeds, exports, posters,
cards, the import template) and POST-only actions, which are not pages. A page that is the
answer to a form (the import's check, submitting all drafts) is reached by its steps.

`build_world(strict=False)` skips the data that an older checkout cannot make (the script
measures commits from before some page types existed); those page types then have no address.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

# Long Dutch compounds: what makes headings and table cells wider than a phone.
LONG_TITLE = "Zorginnovatiemarktkennisuitwisselingsbijeenkomst voor mantelzorgondersteuners"
LONG_NAME = "Stichting Ouderenzorgvoorzieningencoöperatie Noordoost-Twente"
LIBRARY_NAME = "Openbare Bibliotheekvoorzieningen Hengelo-Borne-Haaksbergen"

VISITOR, ORGANISER, COORDINATOR, NATIONAL = "visitor", "organiser", "coordinator", "national"


@dataclass(frozen=True)
class PageType:
    name: str
    url: Callable[[dict], str]  # from the world; KeyError when the world could not make it
    who: str = VISITOR  # whose session opens it
    steps: Callable | None = None  # steps(page, world) from `url` to the page itself (forms)
    status: int = 200
    axe: bool = True


def build_world(*, strict: bool = True) -> dict:
    """The data of every page type. With strict=False a piece that fails (code of an older
    commit) is left out, with the reason in world["missing"]."""
    from estafette.activities.models import Activity
    from estafette.relay.models import Edition, Region, Stage
    from tests.factories import (
        ActivityFactory,
        MembershipFactory,
        OrganisationFactory,
        VerifiedUserFactory,
        add_totp,
        at,
        stage_of,
    )

    world: dict = {"missing": {}}

    def piece(name, make):
        try:
            with transaction.atomic():
                make()
        except Exception as error:
            if strict:
                raise
            world["missing"][name] = f"{type(error).__name__}: {error}"

    def knowledge_hub():
        from estafette.knowledge.setup import ensure_hub

        ensure_hub()  # /kennisbank/ (a flushed database may have lost it)

    piece("knowledge hub", knowledge_hub)

    oost = Region.objects.get(slug="oost")
    coordinator = VerifiedUserFactory(email="coordinator@example.nl", full_name="Co Ordinator")
    coordinator.coordinated_regions.add(oost)
    organisation = OrganisationFactory(name=LONG_NAME)
    MembershipFactory(user=coordinator, organisation=organisation)
    MembershipFactory(organisation=organisation, user__email="een.heel.lang.adres@voorbeeld.nl")
    organiser = VerifiedUserFactory(email="organisator@example.nl", full_name="Orga Nisator")
    MembershipFactory(user=organiser, organisation=organisation)
    national = VerifiedUserFactory(email="landelijk@example.nl", is_staff=True)
    for staff in (coordinator, national):
        add_totp(staff)  # coordinators and staff review and read figures with two factors
    library = OrganisationFactory(name=LIBRARY_NAME, kind="library")
    librarian = VerifiedUserFactory(email="bibliotheek@example.nl")
    MembershipFactory(user=librarian, organisation=library)
    world.update(
        users={COORDINATOR: coordinator, ORGANISER: organiser, NATIONAL: national},
        organisation=organisation,
        library=library,
    )

    # A week of 2023 (ended): activities Monday to Friday, several on one day, a cancelled one
    # with a long title, the weekend empty.
    stage = stage_of(2023, "oost")
    monday = stage.starts_on - dt.timedelta(days=stage.starts_on.weekday())
    week = []
    for offset, hour in [(0, 9), (0, 9), (0, 14), (1, 10), (2, 13), (3, 9), (4, 15)]:
        week.append(
            ActivityFactory(
                lead_organisation=organisation,
                title=f"{LONG_TITLE} {len(week) + 1}",
                starts_at=at(monday + dt.timedelta(days=offset), hour),
                ends_at=at(monday + dt.timedelta(days=offset), hour + 2),
                created_by=coordinator,
            )
        )
    ActivityFactory(
        lead_organisation=organisation,
        title="Telemonitoringsimplementatiewerkgroepvergadering",
        starts_at=at(monday + dt.timedelta(days=1), 10),
        ends_at=at(monday + dt.timedelta(days=1), 12),
        status=Activity.Status.CANCELLED,
        cancellation_reason="Spreker ziek.",
    )
    world.update(day=week[0].starts_at.date(), past=week[0], edition=stage.edition)

    # An edition still to come: an activity open for sign-up, one waiting for review, a draft,
    # a published one with an edit waiting for review, a call.
    first = timezone.localdate() + dt.timedelta(days=30)
    edition = Edition.objects.create(year=2090, starts_on=first, ends_on=first + dt.timedelta(7))
    future_stage = Stage.objects.create(
        edition=edition, region=oost, order=1, starts_on=first, ends_on=first + dt.timedelta(4)
    )
    future = ActivityFactory(
        stage=future_stage,
        lead_organisation=organisation,
        title=LONG_TITLE,
        starts_at=at(first, 14),
        ends_at=at(first, 16),
        created_by=coordinator,
    )
    submitted = ActivityFactory(
        stage=future_stage,
        lead_organisation=organisation,
        title="Leefstijlgeneeskundeprogrammaontwikkeling in de eerstelijnszorg",
        starts_at=at(first + dt.timedelta(days=1), 10),
        ends_at=at(first + dt.timedelta(days=1), 12),
        status=Activity.Status.SUBMITTED,
        submitted_at=timezone.now(),
        created_by=coordinator,
    )
    draft = ActivityFactory(
        stage=future_stage,
        lead_organisation=organisation,
        title="Dagbestedingsvoorzieningen en domoticatoepassingen in de praktijk",
        starts_at=at(first + dt.timedelta(days=2), 10),
        ends_at=at(first + dt.timedelta(days=2), 12),
        status=Activity.Status.DRAFT,
        created_by=coordinator,
    )
    world.update(future=future, submitted=submitted, draft=draft)

    def sign_up():
        from estafette.signups import services as signup_services

        answer = signup_services.sign_up(
            activity=future, name="Wilhelmina van Oudshoorn-Bezuidenhout", email="w@example.nl"
        )
        if isinstance(answer, tuple) and answer[1]:
            world["signup_token"] = answer[1]

    def call():
        from estafette.board import services as board_services
        from estafette.organisations.models import Organisation

        world["call"] = board_services.post_call(
            organisation=organisation,
            by=coordinator,
            stage=future_stage,
            title="Gezondheidsvaardighedenbibliotheek gezocht voor een digicafé",
            plan="Inwoners oefenen met zorg-apps; zie https://een-heel-lange-link.example/pad/naar",
            kinds=[Organisation.Kind.LIBRARY],
        )

    def partners():
        from estafette.partners import services as partner_services

        partner_services.invite_partner(activity=future, by=coordinator, organisation=library)
        theirs = ActivityFactory(
            stage=future_stage,
            lead_organisation=library,
            title="Digitale vaardighedenspreekuur voor thuiszorgcliënten",
            starts_at=at(first + dt.timedelta(days=3), 10),
            ends_at=at(first + dt.timedelta(days=3), 12),
            created_by=librarian,
        )
        partner_services.invite_partner(activity=theirs, by=librarian, organisation=organisation)

    def coordinator_note():
        from estafette.activities import services

        services.set_coordinator_note(
            activity=submitted,
            by=coordinator,
            text="Eerder contact gehad met de projectleider; partnerschapsovereenkomst volgt.",
        )

    def revision():
        from estafette.activities import services

        changed = ActivityFactory(
            stage=future_stage,
            lead_organisation=organisation,
            title="Beeldschermzorgondersteuning",
            starts_at=at(first + dt.timedelta(days=2), 14),
            ends_at=at(first + dt.timedelta(days=2), 16),
            created_by=coordinator,
        )
        changed.title = "Beeldschermzorgondersteuning voor wijkverpleegkundigenteams"
        services.update_activity(activity=changed, by=coordinator)
        assert changed.revisions.exists()
        world["changed"] = changed

    def result():
        from estafette.results import services as result_services

        result_services.report_result(
            activity=week[1],
            by=coordinator,
            participants=24,
            professionals=10,
            citizens=14,
            summary="Wijkverpleegkundigen en mantelzorgers probeerden beeldbellen uit.",
        )

    def import_batch():
        from estafette.activities import importer, services

        running = services.open_edition()
        data = importer.template_csv(edition=running, region=oost)
        batch, outcome = importer.import_file(
            data=data,
            filename="activiteiten.csv",
            edition=running,
            lead_organisation=organisation,
            by=coordinator,
        )
        assert batch is not None, outcome
        world["import_batch"] = batch
        world["import_csv"] = data

    for name, make in [
        ("sign-up", sign_up),
        ("call", call),
        ("partners", partners),
        ("coordinators' note", coordinator_note),
        ("revision", revision),
        ("result", result),
        ("import batch", import_batch),
    ]:
        piece(name, make)
    return world


# Steps for the pages that answer a form.


def check_import_file(page, world):
    """The import's one-click page: a clean dry run offers to import the checked file."""
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "activiteiten.csv", "mimeType": "text/csv", "buffer": world["import_csv"]}],
    )
    page.get_by_role("button", name="Alleen controleren").click()
    page.wait_for_load_state()
    page.locator("input[name=checked]").wait_for(state="attached", timeout=5000)


def submit_all_drafts(page, world):
    """The result page of submitting an import's drafts together."""
    page.locator("form[action$='/indienen/'] button[type=submit]").click()
    page.wait_for_load_state()


def page_types() -> list[PageType]:
    def activity(key, path=""):
        return lambda w: f"/activiteit/{w[key].pk}/{path}"

    def mine(key, path):
        return lambda w: f"/mijn/activiteit/{w[key].pk}/{path}"

    def token(path=""):
        return lambda w: f"/aanmelding/{w['signup_token']}/{path}"

    def org(path=""):
        return lambda w: f"/organisatie/{w['organisation'].slug}/{path}"

    def day(query):
        return lambda w: query.format(day=w["day"].isoformat())

    def fixed(url):
        return lambda w: url

    return [
        # Visitors.
        PageType("home (with the near-me box)", fixed("/")),
        PageType("agenda list", fixed("/agenda/?edition=2023")),
        PageType("agenda near a town", fixed("/agenda/?edition=2023&near=Enschede")),
        PageType(
            "search results with distances", fixed("/agenda/?edition=2023&q=innovatie&near=Hengelo")
        ),
        PageType("agenda calendar (week)", day("/agenda/?edition=2023&view=calendar&day={day}")),
        PageType(
            "agenda calendar (day)",
            day("/agenda/?edition=2023&view=calendar&grid=day&day={day}"),
        ),
        PageType("agenda map", fixed("/agenda/?edition=2023&view=map")),
        PageType("widget", fixed("/agenda/widget/?edition=2023")),
        PageType("widget maker", fixed("/agenda/widget/maken/")),
        PageType("activity page", lambda w: w["future"].get_absolute_url()),
        PageType("activity page (ended)", lambda w: w["past"].get_absolute_url()),
        PageType("sign-up page", activity("future", "aanmelden/")),
        PageType(
            "sign-up: check your e-mail", activity("future", "aanmelden/controleer-uw-e-mail/")
        ),
        PageType("my sign-up (personal link)", token()),
        PageType("my sign-up: cancel", token("afmelden/")),
        PageType("my sign-up: erase", token("wissen/")),
        PageType("my sign-ups by e-mail", fixed("/mijn-aanmeldingen/")),
        PageType("region page", fixed("/regio/oost/")),
        PageType("region page per edition", fixed("/regio/oost/2023/")),
        PageType("region week page", fixed("/editie/2023/regio/oost/")),
        PageType("edition archive page", fixed("/editie/2023/")),
        PageType("edition list", fixed("/edities/")),
        PageType("figures", fixed("/cijfers/2023/")),
        PageType("organisations", fixed("/organisaties/")),
        PageType("organisation page", org()),
        PageType("board", fixed("/partners-gezocht/")),
        PageType("board call", lambda w: f"/partners-gezocht/{w['call'].pk}/"),
        PageType("knowledge hub", fixed("/kennisbank/")),
        PageType("knowledge hub search", fixed("/kennisbank/zoeken/?q=zorg")),
        PageType("organisers' front door", fixed("/voor-organisatoren/")),
        PageType("accessibility statement", fixed("/toegankelijkheid/")),
        PageType("privacy statement", fixed("/privacy/")),
        PageType("security policy", fixed("/beveiliging/")),
        PageType("page not found (404)", fixed("/bestaat-niet/"), status=404),
        # Swagger UI's own markup has axe findings, listed in tests/browser/test_api_docs.py.
        PageType("API documentation", fixed("/api/v1/docs"), axe=False),
        PageType("log in", fixed("/account/login/")),
        PageType("create an account", fixed("/account/signup/")),
        PageType("password reset", fixed("/account/password/reset/")),
        # Organisers.
        PageType("dashboard (organiser)", fixed("/mijn/"), ORGANISER),
        PageType(
            "activity form (new, region week hint)", fixed("/mijn/activiteit/nieuw/"), ORGANISER
        ),
        PageType("activity form (edit)", mine("draft", "bewerken/"), ORGANISER),
        PageType("cancel an activity", mine("future", "annuleren/"), ORGANISER),
        PageType("partners", activity("future", "partners/"), ORGANISER),
        PageType(
            "partners step after submitting",
            activity("submitted", "partners/?stap=partners&q=bibliotheek"),
            ORGANISER,
        ),
        PageType("invitations", fixed("/uitnodigingen/"), ORGANISER),
        PageType("participants", mine("future", "deelnemers/"), ORGANISER),
        PageType("message to participants", mine("future", "deelnemers/bericht/"), ORGANISER),
        PageType("results report", mine("past", "terugblik/"), ORGANISER),
        PageType("own image for poster", mine("future", "afbeelding/"), ORGANISER),
        PageType("import", fixed("/mijn/importeren/"), ORGANISER),
        PageType(
            "import: one-click after a clean check",
            fixed("/mijn/importeren/"),
            COORDINATOR,
            steps=check_import_file,
        ),
        PageType(
            "import: drafts of a batch",
            lambda w: f"/mijn/importeren/{w['import_batch'].token}/",
            COORDINATOR,
        ),
        PageType(
            "import: submit all drafts result",
            lambda w: f"/mijn/importeren/{w['import_batch'].token}/",
            COORDINATOR,
            steps=submit_all_drafts,
        ),
        PageType("new call for partners", fixed("/partners-gezocht/nieuw/"), ORGANISER),
        PageType("board weekly mail", fixed("/partners-gezocht/wekelijkse-mail/"), ORGANISER),
        PageType("new organisation", fixed("/organisaties/nieuw/"), ORGANISER),
        PageType("organisation: edit", org("bewerken/"), COORDINATOR),
        PageType("organisation members", org("leden/"), COORDINATOR),
        PageType(
            "organisation: join",
            lambda w: f"/organisatie/{w['library'].slug}/lid-worden/",
            ORGANISER,
        ),
        PageType("account overview", fixed("/account/"), ORGANISER),
        PageType("account: e-mail addresses", fixed("/account/email/"), ORGANISER),
        PageType("account: change password", fixed("/account/password/change/"), ORGANISER),
        PageType("account: two-factor (2FA)", fixed("/account/2fa/"), ORGANISER),
        PageType("account: delete", fixed("/account/verwijderen/"), ORGANISER),
        PageType("log out", fixed("/account/logout/"), ORGANISER),
        # Coordinators.
        PageType("coordinator queue (bulk approval)", fixed("/beoordelen/"), COORDINATOR),
        PageType(
            "coordinator review (with note)",
            lambda w: f"/beoordelen/{w['submitted'].pk}/",
            COORDINATOR,
        ),
        PageType(
            "coordinator review (edit of a published activity)",
            lambda w: f"/beoordelen/{w['changed'].pk}/",
            COORDINATOR,
        ),
        PageType("results moderation", fixed("/beoordelen/terugblikken/"), COORDINATOR),
        PageType("dashboard (my regions' figures)", fixed("/cijfers/regio/"), COORDINATOR),
        PageType("dashboard (region figures)", fixed("/cijfers/regio/oost/"), COORDINATOR),
        # National admins.
        PageType("dashboard (national figures)", fixed("/cijfers/landelijk/"), NATIONAL),
    ]
