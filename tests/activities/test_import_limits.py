"""Issue 10, finding 3: no upload can take a worker down.

Files bigger than 5 MB, with more than 5,000 rows, XLSX zip bombs, CSV fields past the csv
module's limit and files that are not text each get a Dutch message (on the page with HTTP
400, never a 500), and reading stops at the limits.
"""

import html
import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from estafette.activities import importer
from estafette.activities.models import Activity
from tests.activities.test_import import csv_bytes, row, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_edition")]


def test_limits_live_in_settings(settings):
    assert settings.IMPORT_MAX_BYTES == 5 * 1024 * 1024
    assert settings.IMPORT_MAX_ROWS == 5000


def upload(client, organisation, name, data) -> tuple[int, str]:
    client.raise_request_exception = False
    response = client.post(
        reverse("activities:import"),
        {
            "file": SimpleUploadedFile(name, data),
            "lead_organisation": organisation.pk,
            "check": "1",
        },
    )
    return response.status_code, html.unescape(response.content.decode())


def test_a_file_over_5_mb_is_refused_before_it_is_read(organiser_client, organisation):
    big = csv_bytes([row(beschrijving="x" * 60_000) for _ in range(90)])
    assert len(big) > 5 * 1024 * 1024
    status, page = upload(organiser_client, organisation, "groot.csv", big)
    assert status == 400 and "het mag hooguit 5 MB zijn" in page
    with pytest.raises(importer.ImportFileError, match="hooguit 5 MB"):
        importer.read_rows(big, "groot.csv")


def test_more_than_5000_rows_are_refused_and_reading_stops_there(
    organiser, organisation, open_edition
):
    data = csv_bytes([row(titel=f"Activiteit {n}") for n in range(5001)])
    with pytest.raises(importer.ImportFileError) as refused:
        run(organiser, organisation, open_edition, data, dry_run=True)
    assert "meer dan 5.000 activiteiten" in str(refused.value)
    assert len(importer.read_rows(csv_bytes([row()] * 5000), "a.csv")) == 5000


def test_more_than_5000_xlsx_rows_are_refused(settings):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(importer.HEADERS)
    for _ in range(5001):
        sheet.append(row())
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(importer.ImportFileError, match="meer dan 5.000"):
        importer.read_rows(out.getvalue(), "a.xlsx")


def zip_bomb() -> bytes:
    """A real workbook plus one part that unpacks from a few hundred kB to 100 MB."""
    out = io.BytesIO(importer.template_xlsx())
    chunk = b"<t>" + b"A" * 1_048_570 + b"</t>"
    with (
        zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings2.xml", "w") as part,
    ):
        for _ in range(100):
            part.write(chunk)
    return out.getvalue()


def test_xlsx_zip_bomb_is_refused_without_unpacking_it(organiser_client, organisation):
    bomb = zip_bomb()
    assert len(bomb) < 400_000
    tracemalloc.start()
    try:
        with pytest.raises(importer.ImportFileError, match="uitgepakt 100 MB"):
            importer.read_rows(bomb, "bom.xlsx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024  # the bomb was never unpacked
    status, page = upload(organiser_client, organisation, "bom.xlsx", bomb)
    assert status == 400 and "dat is meer dan de 40 MB die we lezen" in page


def test_a_field_over_128_kb_is_a_dutch_message_not_a_500(organiser_client, organisation):
    data = csv_bytes([row(), row(beschrijving="x" * 200_000)])
    status, page = upload(organiser_client, organisation, "lang.csv", data)
    assert status == 400
    assert "Regel 3 kunnen we niet lezen: een veld is langer dan 131.072 tekens." in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leeg.csv", b"", "Het verstuurde bestand is leeg."),
        ("alleen-witregels.csv", b"\n\n", "deze kolommen ontbreken"),
        ("nul.csv", b"titel;\x00samenvatting\n", "het bevat NUL-tekens"),
        ("utf16.csv", "titel;samenvatting\n".encode("utf-16"), "is geen UTF-8"),
        ("kapot.xlsx", b"PK\x03\x04 geen excel", "Dit Excel-bestand kunnen we niet lezen."),
        ("tekst.xlsx", b"titel;samenvatting\n", "Dit Excel-bestand kunnen we niet lezen."),
        ("quote.csv", b'titel;samenvatting\n"a"b";c\n', "Regel 1 (de kopregel)"),
        ("foto.png", b"\x89PNG", "Kies een bestand dat eindigt op .csv of .xlsx."),
    ],
)
def test_every_bad_file_gets_a_dutch_message(organiser_client, organisation, name, data, message):
    status, page = upload(organiser_client, organisation, name, data)
    assert status == 400 and message in page
    assert not Activity.objects.exists()
