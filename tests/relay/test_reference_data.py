"""The reference data the whole platform stands on, and the rules stages obey."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from estafette.relay.models import Edition, Province, Region, Stage

pytestmark = pytest.mark.django_db

EXPECTED_CALENDARS = {
    2021: (
        dt.date(2021, 2, 1),
        dt.date(2021, 3, 4),
        {"oost": (1, 5), "west": (8, 12), "noord": (15, 19), "zuid": (22, 26)},
    ),
    2022: (
        dt.date(2022, 1, 27),
        dt.date(2022, 2, 25),
        {"oost": ((1, 31), (2, 4)), "west": (7, 11), "noord": (14, 18), "zuid": (21, 25)},
    ),
    2023: (
        dt.date(2023, 2, 6),
        dt.date(2023, 3, 3),
        {"oost": (6, 10), "west": (13, 17), "noord": (20, 24), "zuid": ((2, 27), (3, 3))},
    ),
}


def _days(year, spec):
    first, last = spec
    first = dt.date(year, *first) if isinstance(first, tuple) else dt.date(year, 2, first)
    last = dt.date(year, *last) if isinstance(last, tuple) else dt.date(year, 2, last)
    return first, last


def test_four_regions_each_with_three_provinces():
    assert sorted(Region.objects.values_list("slug", flat=True)) == [
        "noord",
        "oost",
        "west",
        "zuid",
    ]
    for region in Region.objects.all():
        assert region.provinces.count() == 3
    assert Province.objects.count() == 12
    assert Province.objects.get(code="NL-FL").region.slug == "oost"
    assert Province.objects.get(code="NL-FR").name == "Fryslân"


@pytest.mark.parametrize("year", [2021, 2022, 2023])
def test_known_edition_calendars_are_reproduced(year):
    starts, ends, stages = EXPECTED_CALENDARS[year]
    edition = Edition.objects.get(year=year)
    assert (edition.starts_on, edition.ends_on) == (starts, ends)
    for region, spec in stages.items():
        stage = edition.stages.get(region__slug=region)
        assert (stage.starts_on, stage.ends_on) == _days(year, spec)
    assert edition.national_moments.count() == 1


def test_national_moments_of_the_known_editions():
    assert Edition.objects.get(year=2021).national_moments.get().kind == "closing"
    assert Edition.objects.get(year=2023).national_moments.get().date == dt.date(2023, 2, 6)


def test_a_stage_outside_its_edition_is_refused_with_a_clear_message():
    edition = Edition.objects.get(year=2023)
    stage = Stage(
        edition=edition,
        region=Region.objects.get(slug="west"),
        order=9,
        starts_on=dt.date(2023, 3, 6),
        ends_on=dt.date(2023, 3, 10),
    )
    with pytest.raises(ValidationError) as error:
        stage.full_clean()
    assert "binnen de editie" in str(error.value)


def test_overlapping_stages_are_refused():
    edition = Edition.objects.create(
        year=2030, starts_on=dt.date(2030, 2, 1), ends_on=dt.date(2030, 3, 1)
    )
    edition.stages.create(
        region=Region.objects.get(slug="oost"),
        order=1,
        starts_on=dt.date(2030, 2, 4),
        ends_on=dt.date(2030, 2, 8),
    )
    clash = Stage(
        edition=edition,
        region=Region.objects.get(slug="west"),
        order=2,
        starts_on=dt.date(2030, 2, 7),
        ends_on=dt.date(2030, 2, 12),
    )
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "overlapt met de week van regio oost" in str(error.value)


def test_a_region_appears_once_per_edition():
    edition = Edition.objects.get(year=2023)
    again = Stage(
        edition=edition,
        region=Region.objects.get(slug="oost"),
        order=5,
        starts_on=dt.date(2023, 3, 2),
        ends_on=dt.date(2023, 3, 3),
    )
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "al een week" in str(error.value)


def test_an_edition_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValidationError):
        Edition(year=2031, starts_on=dt.date(2031, 3, 1), ends_on=dt.date(2031, 2, 1)).full_clean()


def _stage_forms(edition, *weeks):
    """The admin's stage inline (StageFormSet) with these (region, first, last) weeks, unsaved."""
    from django.forms import inlineformset_factory

    from estafette.relay.admin import StageFormSet

    forms = inlineformset_factory(
        Edition, Stage, formset=StageFormSet, fields=["region", "order", "starts_on", "ends_on"]
    )
    data = {"stages-TOTAL_FORMS": str(len(weeks)), "stages-INITIAL_FORMS": "0"}
    for n, (slug, first, last) in enumerate(weeks):
        data.update(
            {
                f"stages-{n}-region": Region.objects.get(slug=slug).pk,
                f"stages-{n}-order": n + 1,
                f"stages-{n}-starts_on": first.isoformat(),
                f"stages-{n}-ends_on": last.isoformat(),
            }
        )
    return forms(data, instance=edition)


def test_the_admin_and_the_model_agree_that_a_shared_day_is_an_overlap():
    edition = Edition.objects.create(
        year=2030, starts_on=dt.date(2030, 2, 1), ends_on=dt.date(2030, 3, 1)
    )
    oost = (dt.date(2030, 2, 4), dt.date(2030, 2, 8))
    west = (dt.date(2030, 2, 8), dt.date(2030, 2, 12))  # starts on oost's last day
    forms = _stage_forms(edition, ("oost", *oost), ("west", *west))
    assert not forms.is_valid()
    assert "De weken van regio oost en regio west overlappen." in forms.non_form_errors()
    edition.stages.create(
        region=Region.objects.get(slug="oost"), order=1, starts_on=oost[0], ends_on=oost[1]
    )
    with pytest.raises(ValidationError):
        Stage(
            edition=edition, region=Region.objects.get(slug="west"), order=2,
            starts_on=west[0], ends_on=west[1],
        ).full_clean()  # fmt: skip
    apart = _stage_forms(
        Edition.objects.create(
            year=2031, starts_on=dt.date(2031, 2, 1), ends_on=dt.date(2031, 3, 1)
        ),
        ("oost", dt.date(2031, 2, 3), dt.date(2031, 2, 7)),
        ("west", dt.date(2031, 2, 10), dt.date(2031, 2, 14)),
    )
    assert apart.is_valid(), apart.non_form_errors()
