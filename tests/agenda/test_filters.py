import pytest

from estafette.agenda.filters import AgendaFilterForm
from estafette.agenda.queries import PageOutOfRange, facet_counts, filtered_activities, paginate
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_unknown_region_gives_dutch_error():
    form = AgendaFilterForm({"region": "atlantis"})
    assert not form.is_valid()
    assert "bestaat niet" in form.errors["region"][0]


def test_impossible_date_and_negative_page_and_bad_postcode():
    form = AgendaFilterForm({"from": "2023-02-30", "page": "-1", "near": "12345"})
    assert not form.is_valid()
    assert "bestaande datum" in form.errors["from"][0]
    assert "1 of hoger" in form.errors["page"][0]
    assert "geen geldige postcode" in form.errors["near"][0]


def test_from_after_to_is_an_error():
    form = AgendaFilterForm({"from": "2023-05-10", "to": "2023-05-01"})
    assert not form.is_valid()
    assert "vóór de begindatum" in form.errors["to"][0]


def test_region_filter_and_facets():
    activity = ActivityFactory()
    form = AgendaFilterForm({"region": "oost", "q": activity.title[:5]})
    assert form.is_valid(), form.errors
    qs = filtered_activities(form.cleaned_data)
    assert activity in qs
    assert facet_counts(qs)["region"] == {"oost": 1}
    form = AgendaFilterForm({"region": "west"})
    assert form.is_valid(), form.errors
    assert activity not in filtered_activities(form.cleaned_data)


def test_page_past_the_end_raises_clear_error():
    ActivityFactory()
    form = AgendaFilterForm({})
    assert form.is_valid()
    qs = filtered_activities(form.cleaned_data)
    assert len(paginate(qs, 1).object_list) == 1
    with pytest.raises(PageOutOfRange):
        paginate(qs, 3)


def test_near_postcode_finds_activity_within_radius():
    activity = ActivityFactory(postcode="7511 AB", latitude=52.22, longitude=6.89)
    far = ActivityFactory(postcode="1012 AB", latitude=52.37, longitude=4.89)
    form = AgendaFilterForm({"near": "7511 CD", "radius_km": "25"})
    assert form.is_valid(), form.errors
    qs = filtered_activities(form.cleaned_data)
    assert activity in qs
    assert far not in qs
