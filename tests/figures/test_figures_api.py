"""Open data: /api/v1/figures gives the page's numbers, as the OpenAPI document describes them."""

import csv
import io

import jsonschema
import pytest

from estafette.figures.queries import edition_figures
from tests.factories import edition

pytestmark = pytest.mark.django_db


def test_the_answer_matches_the_openapi_document(client, relay):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/figures" in spec["paths"] and "/api/v1/figures.csv" in spec["paths"]
    answer = client.get("/api/v1/figures", {"edition": 2023}).json()
    schema = {**spec, "$ref": "#/components/schemas/FiguresOut"}
    jsonschema.validate(answer, schema)


def test_the_same_numbers_as_the_page(client, relay):
    answer = client.get("/api/v1/figures", {"edition": 2023}).json()
    figures = edition_figures(edition(2023))
    assert answer["total"]["activities"] == figures.total.activities == 6
    assert answer["total"]["cancelled"] == 1
    regions = {row["key"]: row for row in answer["regions"]}
    assert regions["oost"]["share_with_partners"] == 50.0
    assert regions["oost"]["participants"] == 20
    html = client.get("/cijfers/2023/", {"kaart": "organisations"}).content.decode()
    assert f'data-region="oost">{regions["oost"]["organisations"]}<' in html
    assert [row["edition"] for row in answer["editions"]][-2:] == [2022, 2023]


def test_no_personal_data(client, relay):
    text = client.get("/api/v1/figures", {"edition": 2023}).content.decode()
    assert "@" not in text and "Deelnemer" not in text


def test_bad_and_unknown_editions_get_a_clear_answer(client, relay):
    bad = client.get("/api/v1/figures", {"edition": "twintig"})
    assert bad.status_code == 400 and "jaartal" in bad.json()["detail"]
    assert client.get("/api/v1/figures", {"edition": 1999}).status_code == 404


def test_csv_holds_the_same_numbers_one_row_per_group(client, relay):
    response = client.get("/api/v1/figures.csv", {"edition": 2023})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    total = next(row for row in rows if row["section"] == "total")
    assert total["activities"] == "6" and total["cancelled"] == "1"
    oost = next(row for row in rows if row["section"] == "regions" and row["key"] == "oost")
    assert oost["share_with_partners"] == "50.0"
    themes = [row for row in rows if row["section"] == "themes"]
    assert sum(int(row["count"]) for row in themes) == 6


def test_the_document_describes_every_figure_the_page_shows(client):
    from estafette.figures.queries import METRICS

    spec = client.get("/api/v1/openapi.json").json()
    described = set(spec["components"]["schemas"]["Metrics"]["properties"])
    assert described == {metric.key for metric in METRICS}


def test_cross_sector_partnerships_per_pair_of_kinds_on_the_page_in_the_api_and_the_csv(
    client, relay
):
    answer = client.get("/api/v1/figures", {"edition": 2023}).json()
    assert answer["partnerships"] == [
        {"key": "care_provider+library", "label": "Zorgaanbieder en bibliotheek", "count": 1}
    ]
    rows = list(csv.reader(io.StringIO(client.get("/api/v1/figures.csv?edition=2023").text)))
    header = rows[0]
    pairs = [row for row in rows if row[0] == "partnerships"]
    assert [(row[1], row[2], row[header.index("count")]) for row in pairs] == [
        ("care_provider+library", "Zorgaanbieder en bibliotheek", "1")
    ]
    html = client.get("/cijfers/2023/").content.decode()
    assert '<td class="num" data-pair="care_provider+library">1</td>' in html
    assert "Geen samenwerking" not in html
