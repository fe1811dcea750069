"""Reference data: the four regions, the twelve provinces and the editions 2021–2023."""

import datetime as dt

from django.db import migrations

REGIONS = [
    # slug, name, colour on the map (each passes 4.5:1 against white text)
    ("oost", "oost", "#0b6e4f"),
    ("west", "west", "#1d4e89"),
    ("noord", "noord", "#6a2c91"),
    ("zuid", "zuid", "#9c4400"),
]

PROVINCES = [
    # ISO 3166-2, slug, name, region
    ("NL-OV", "overijssel", "Overijssel", "oost"),
    ("NL-GE", "gelderland", "Gelderland", "oost"),
    ("NL-FL", "flevoland", "Flevoland", "oost"),
    ("NL-NH", "noord-holland", "Noord-Holland", "west"),
    ("NL-ZH", "zuid-holland", "Zuid-Holland", "west"),
    ("NL-UT", "utrecht", "Utrecht", "west"),
    ("NL-GR", "groningen", "Groningen", "noord"),
    ("NL-FR", "fryslan", "Fryslân", "noord"),
    ("NL-DR", "drenthe", "Drenthe", "noord"),
    ("NL-ZE", "zeeland", "Zeeland", "zuid"),
    ("NL-NB", "noord-brabant", "Noord-Brabant", "zuid"),
    ("NL-LI", "limburg", "Limburg", "zuid"),
]

D = dt.date
VWS = "het ministerie van Volksgezondheid, Welzijn en Sport (VWS)"
EDITIONS = [
    {
        "year": 2021, "starts_on": D(2021, 2, 1), "ends_on": D(2021, 3, 4), "commissioned_by": VWS,
        "moments": [("closing", D(2021, 3, 4), "Landelijke afsluiting")],
        "stages": [("oost", D(2021, 2, 1), D(2021, 2, 5)), ("west", D(2021, 2, 8), D(2021, 2, 12)),
                   ("noord", D(2021, 2, 15), D(2021, 2, 19)), ("zuid", D(2021, 2, 22), D(2021, 2, 26))],
    },
    {
        "year": 2022, "starts_on": D(2022, 1, 27), "ends_on": D(2022, 2, 25), "commissioned_by": VWS,
        "moments": [("opening", D(2022, 1, 27), "Start van de Slimme Zorg Estafette")],
        "stages": [("oost", D(2022, 1, 31), D(2022, 2, 4)), ("west", D(2022, 2, 7), D(2022, 2, 11)),
                   ("noord", D(2022, 2, 14), D(2022, 2, 18)), ("zuid", D(2022, 2, 21), D(2022, 2, 25))],
    },
    {
        "year": 2023, "starts_on": D(2023, 2, 6), "ends_on": D(2023, 3, 3), "commissioned_by": VWS,
        "moments": [("opening", D(2023, 2, 6), "Landelijke opening")],
        "stages": [("oost", D(2023, 2, 6), D(2023, 2, 10)), ("west", D(2023, 2, 13), D(2023, 2, 17)),
                   ("noord", D(2023, 2, 20), D(2023, 2, 24)), ("zuid", D(2023, 2, 27), D(2023, 3, 3))],
    },
]


def load(apps, schema_editor):
    Region = apps.get_model("relay", "Region")
    Province = apps.get_model("relay", "Province")
    Edition = apps.get_model("relay", "Edition")
    regions = {}
    for slug, name, colour in REGIONS:
        regions[slug], _ = Region.objects.update_or_create(slug=slug, defaults={"name": name, "colour": colour})
    for code, slug, name, region in PROVINCES:
        Province.objects.update_or_create(code=code, defaults={"slug": slug, "name": name, "region": regions[region]})
    for data in EDITIONS:
        edition, _ = Edition.objects.update_or_create(
            year=data["year"],
            defaults={"starts_on": data["starts_on"], "ends_on": data["ends_on"], "commissioned_by": data["commissioned_by"]},
        )
        for kind, day, title in data["moments"]:
            edition.national_moments.update_or_create(kind=kind, date=day, defaults={"title": title})
        for order, (region, first, last) in enumerate(data["stages"], start=1):
            edition.stages.update_or_create(
                region=regions[region], defaults={"order": order, "starts_on": first, "ends_on": last}
            )


class Migration(migrations.Migration):
    dependencies = [("relay", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
