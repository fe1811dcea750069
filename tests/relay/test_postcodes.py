"""Postcode → province → region, as a function and as open data."""

import pytest

from estafette.relay.postcodes import RANGES, InvalidPostcode, parse_postcode, province_code_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("postcode", "province", "region"),
    [
        ("1012", "NL-NH", "west"),  # Amsterdam
        ("9711", "NL-GR", "noord"),  # Groningen
        ("7511", "NL-OV", "oost"),  # Enschede
        ("6211", "NL-LI", "zuid"),  # Maastricht
        ("1315", "NL-FL", "oost"),  # Almere
        ("3511 AB", "NL-UT", "west"),  # Utrecht
        ("2511", "NL-ZH", "west"),  # Den Haag
        ("8911", "NL-FR", "noord"),  # Leeuwarden
        ("9401", "NL-DR", "noord"),  # Assen
        ("4331", "NL-ZE", "zuid"),  # Middelburg
        ("5611", "NL-NB", "zuid"),  # Eindhoven
        ("6811", "NL-GE", "oost"),  # Arnhem
        ("8232", "NL-FL", "oost"),  # Lelystad
        ("3891", "NL-FL", "oost"),  # Zeewolde
        ("7741", "NL-DR", "noord"),  # Coevorden
    ],
)
def test_known_towns_land_in_their_province_and_region(client, postcode, province, region):
    response = client.get("/api/v1/regions/lookup", {"postcode": postcode})
    assert response.status_code == 200
    body = response.json()
    assert (body["province"], body["region"]) == (province, region)


@pytest.mark.parametrize("raw", ["1234AB", "1234 ab", " 1234  AB ", "1234ab", "1234"])
def test_any_case_and_spacing_is_accepted(raw):
    parsed = parse_postcode(raw)
    assert parsed.digits == 1234
    assert str(parsed) in {"1234 AB", "1234"}


@pytest.mark.parametrize(
    "raw", ["", "123", "0123 AB", "12345", "1234 A", "1234 ABC", "ABCD", "1234 SS", "1234-AB"]
)
def test_invalid_postcodes_are_refused(raw):
    with pytest.raises(InvalidPostcode):
        parse_postcode(raw)


def test_an_invalid_postcode_gets_400_with_a_dutch_message(client):
    response = client.get("/api/v1/regions/lookup", {"postcode": "12A"})
    assert response.status_code == 400
    assert "geen geldige postcode" in response.json()["detail"]


def test_a_missing_postcode_gets_400(client):
    assert client.get("/api/v1/regions/lookup").status_code == 400


def test_the_range_table_covers_every_pc4_exactly_once():
    previous_end = 999
    for start, end, _code in RANGES:
        assert start == previous_end + 1, f"gap or overlap before {start}"
        assert end >= start
        previous_end = end
    assert previous_end == 9999
    assert {code for _s, _e, code in RANGES} == {
        "NL-DR",
        "NL-FL",
        "NL-FR",
        "NL-GE",
        "NL-GR",
        "NL-LI",
        "NL-NB",
        "NL-NH",
        "NL-OV",
        "NL-UT",
        "NL-ZE",
        "NL-ZH",
    }
    assert province_code_for(1000) == "NL-NH" and province_code_for(9999) == "NL-GR"


def test_an_unknown_postcode_gets_404(client, monkeypatch):
    from estafette.relay import postcodes

    monkeypatch.setattr(postcodes, "RANGES", [(1000, 1099, "NL-NH")])
    monkeypatch.setattr(postcodes, "_STARTS", [1000])
    response = client.get("/api/v1/regions/lookup", {"postcode": "9711 AB"})
    assert response.status_code == 404
    assert "kennen we niet" in response.json()["detail"]
