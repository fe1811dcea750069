import pytest

from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_agenda_lists_cards_with_activity_ids_and_region_filter_works(client):
    activity = ActivityFactory()
    response = client.get("/agenda/?region=oost")
    assert response.status_code == 200
    assert f'data-activity-id="{activity.pk}"' in response.content.decode()


def test_invalid_filters_show_dutch_errors_not_500(client):
    response = client.get("/agenda/?region=atlantis&from=2023-02-30&page=-2")
    assert response.status_code == 400
    body = response.content.decode()
    assert "bestaat niet" in body
    assert "bestaande datum" in body


def test_page_past_the_end_is_a_clear_error(client):
    ActivityFactory()
    response = client.get("/agenda/?page=9")
    assert response.status_code == 400
    assert "Pagina 9 bestaat niet; er is 1 pagina." in response.content.decode()
    english = client.get("/en/agenda/?page=9")
    assert english.status_code == 400
    assert "Page 9 does not exist; there is 1 page." in english.content.decode()


def test_cached_agenda_shows_a_newly_published_activity_immediately(
    client, django_capture_on_commit_callbacks
):
    from estafette.activities.models import Activity
    from estafette.activities.services import approve_activity
    from tests.factories import UserFactory

    with django_capture_on_commit_callbacks(execute=True):
        activity = ActivityFactory(status=Activity.Status.SUBMITTED)
    assert f'data-activity-id="{activity.pk}"' not in client.get("/agenda/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        approve_activity(activity=activity, by=UserFactory())
    assert f'data-activity-id="{activity.pk}"' in client.get("/agenda/").content.decode()


def test_agenda_query_count_does_not_grow_with_activities(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from estafette.agenda import tallies

    def count():
        tallies.ensure_kept()  # what the queries of a recount are is pinned elsewhere
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/agenda/").status_code == 200
        return len(ctx.captured_queries)

    ActivityFactory.create_batch(21)  # more than a page: the count is a query of its own
    first = count()
    ActivityFactory.create_batch(19)
    assert count() == first


def library_activity_for_citizens_of_interest_to_care_professionals():
    """A library's activity for citizens that care professionals may want to attend too: the
    organiser ticks both audiences (the form asks for everyone it is meant for or of interest
    to)."""
    from estafette.activities.models import AccessibilityFacility, Audience, InteractiveElement
    from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
    from estafette.organisations.models import Organisation
    from tests.factories import OrganisationFactory

    library = OrganisationFactory(name="Bibliotheek Enschede", kind=Organisation.Kind.LIBRARY)
    activity = ActivityFactory(
        lead_organisation=library, title="Digicafé: beeldbellen met de huisarts"
    )
    activity.audiences.set(Audience.objects.filter(slug__in=["burgers", "zorgprofessionals"]))
    activity.accessibility.set(
        AccessibilityFacility.objects.filter(slug__in=["rolstoel", "ringleiding"])
    )
    activity.interactive_elements.set(InteractiveElement.objects.filter(slug="zelf-doen"))
    refresh_vocabulary_bits([activity.pk])
    return activity


def test_a_citizen_and_a_care_professional_each_find_the_librarys_activity(client):
    activity = library_activity_for_citizens_of_interest_to_care_professionals()
    ActivityFactory(title="Congres zorginnovatie")  # a care provider's, for citizens only
    found = f'data-activity-id="{activity.pk}"'
    for query in (
        "audience=burgers",
        "audience=zorgprofessionals",
        "kind=library&audience=zorgprofessionals",
        "kind=library&audience=burgers",
    ):
        page = client.get(f"/agenda/?edition=2023&{query}").content.decode()
        assert found in page, query
    care_only = client.get("/agenda/?edition=2023&audience=zorgprofessionals").content.decode()
    assert "Congres zorginnovatie" not in care_only
    assert "1 activiteit gevonden" in care_only


def count_of(page: str, group: str, value: str) -> int:
    import re

    found = re.search(
        rf'id="f-{group}-{value}"[^>]*>\s*<label for="f-{group}-{value}">[^<]*'
        r'<span class="facet-count">\((\d+)<',
        page,
    )
    assert found, f"{group}={value} has no count"
    return int(found.group(1))


def test_every_facet_option_shows_its_count_and_empty_ones_stay_choosable(client):
    library_activity_for_citizens_of_interest_to_care_professionals()
    ActivityFactory(
        region="west", province=None, format="online", signup_mode="none", capacity=None
    )
    page = client.get("/agenda/?edition=2023").content.decode()
    expected = {
        ("region", "oost"): 1,
        ("region", "west"): 1,
        ("week", "1"): 1,  # oost was on turn first in 2023
        ("week", "2"): 1,
        ("province", "NL-OV"): 1,
        ("province", "NL-GE"): 0,
        ("kind", "library"): 1,
        ("kind", "care_provider"): 1,
        ("kind", "municipality"): 0,
        ("audience", "zorgprofessionals"): 1,
        ("audience", "burgers"): 2,
        ("accessibility", "rolstoel"): 1,
        ("accessibility", "gebarentolk"): 0,
        ("interactive", "true"): 1,
        ("interactive", "false"): 1,
        ("signup", "platform"): 1,
        ("signup", "none"): 1,
        ("has_places", "true"): 0,  # 2023 is over
    }
    assert {key: count_of(page, *key) for key in expected} == expected
    assert "Week 1: oost, 6 t/m 10 februari 2023" in page


def test_the_filter_panel_is_fieldsets_with_legends_and_labelled_inputs(client):
    import re

    ActivityFactory()
    page = client.get("/agenda/?edition=2023").content.decode()
    for legend in (
        "Week van de estafette",
        "Provincie",
        "Soort organisator",
        "Toegankelijkheid",
        "Interactief",
        "Aanmelden",
        "Plaatsen",
    ):
        assert f"<legend>{legend}</legend>" in page
    form = page[page.index('<form class="agenda-filters"') : page.index("</form>")]
    ids = re.findall(r'<input type="(?:checkbox|radio)"[^>]* id="([^"]+)"', form)
    assert len(ids) > 60
    for input_id in ids:
        assert f'<label for="{input_id}">' in form, input_id
    assert 'aria-describedby="f-accessibility-help"' in form


def test_the_new_filters_narrow_the_list_without_javascript(client):
    activity = library_activity_for_citizens_of_interest_to_care_professionals()
    other = ActivityFactory(region="west")
    for query, shown in (
        ("kind=library", {activity}),
        ("kind=library&kind=care_provider", {activity, other}),
        ("week=2", {other}),
        ("province=gelderland", set()),
        ("accessibility=rolstoel&accessibility=ringleiding", {activity}),
        ("accessibility=rolstoel&accessibility=toilet", set()),
        ("interactive=false", {other}),
        ("signup=platform", {activity, other}),
    ):
        page = client.get(f"/agenda/?edition=2023&{query}").content.decode()
        for candidate in (activity, other):
            listed = f'data-activity-id="{candidate.pk}"' in page
            assert listed == (candidate in shown), (query, candidate.title)


def test_unknown_kind_or_facility_is_a_dutch_error(client):
    response = client.get("/agenda/?kind=bakkerij&accessibility=lift&week=0")
    assert response.status_code == 400
    body = response.content.decode()
    assert "‘bakkerij’ kennen we niet als soort organisatie." in body
    assert "‘lift’ kennen we niet als toegankelijkheid." in body


def test_the_english_agenda_names_its_views_and_new_facets_in_english(client):
    ActivityFactory()
    page = client.get("/en/agenda/?edition=2023").content.decode()
    assert 'view=map">Map</a>' in page
    assert 'view=list" aria-current="page">List</a>' in page
    assert "<legend>Kind of organiser</legend>" in page
    assert "<legend>Week of the relay</legend>" in page


# The facet options as the panel's template loop wrote them before `facet_options` took over
# (the same HTML, faster): every label, input, id, checked state and count stays.
FACET_LOOP = (
    '{% load i18n %}{% for option in group.options %}<div class="facet-option"><input type="'
    '{% if group.multiple %}checkbox{% else %}radio{% endif %}" name="{{ group.name }}" value='
    '"{{ option.value }}" id="f-{{ group.name }}-{{ option.value|default:\'all\' }}"'
    '{% if option.checked %} checked{% endif %}><label for="f-{{ group.name }}-'
    "{{ option.value|default:'all' }}\">{{ option.label }}{% if option.count is not None %} "
    '<span class="facet-count">({{ option.count }}<span class="visually-hidden"> '
    '{% translate "resultaten" %}</span>)</span>{% endif %}</label></div>{% endfor %}'
)


@pytest.mark.parametrize(
    "address",
    [
        "/agenda/?edition=2023",
        "/agenda/?edition=2023&region=oost&audience=burgers&audience=zorgprofessionals",
        "/en/agenda/?interactive=true&has_places=true&view=calendar",
        "/agenda/?signup=none&view=map",
        "/agenda/?region=atlantis",  # invalid: the options without counts
    ],
)
def test_facet_options_are_the_html_of_the_template_loop(client, address):
    from django.template import Context, Template
    from django.utils import translation

    from estafette.activities.models import Theme

    library_activity_for_citizens_of_interest_to_care_professionals()
    Theme.objects.create(slug="zorg-welzijn", name='Zorg & "welzijn" <samen>')
    response = client.get(address)
    page = response.content.decode()
    groups = response.context["facets"]
    assert len(groups) >= 12
    language = "en" if address.startswith("/en/") else "nl"
    with translation.override(language):
        for group in groups:
            expected = Template(FACET_LOOP).render(Context({"group": group}))
            assert expected and expected in page, group["name"]
    assert "Zorg &amp; &quot;welzijn&quot; &lt;samen&gt;" in page


def test_cards_write_their_words_in_the_pages_language(client):
    # The cards' fixed words are translated once per page, not once per card: each card still
    # says them, in the page's language.
    from estafette.activities.models import Activity

    ActivityFactory(
        title="Afgelast", status=Activity.Status.CANCELLED, format=Activity.Format.HYBRID
    )
    from estafette.relay.models import NationalMoment
    from tests.factories import at

    moment = NationalMoment.objects.filter(edition__year=2023).order_by("date").first()
    ActivityFactory(
        title="Landelijk",
        stage=None,
        edition=moment.edition,
        national_moment=moment,
        starts_at=at(moment.date, 10),
        ends_at=at(moment.date, 12),
        format=Activity.Format.ONLINE,
    )
    for address, words in [
        (
            "/agenda/",
            ["Geannuleerd</p>", "Enschede en online", "· Online", "· Landelijk", 'label="Thema’s"'],
        ),
        (
            "/en/agenda/",
            ["Cancelled</p>", "Enschede and online", "· Online", "· National", 'label="Themes"'],
        ),
    ]:
        page = client.get(address).content.decode()
        for word in words:
            assert word in page, (address, word)
        by = "Door" if address == "/agenda/" else "By"
        assert page.count(f'<p class="card-organisers">{by} ') == 2
