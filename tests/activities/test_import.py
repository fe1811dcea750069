"""Bulk import: good CSV and XLSX, every bad row reported with its line, all-or-nothing."""

import io
import time

import pytest
from django.urls import reverse

from estafette.activities import importer
from estafette.activities.models import Activity
from estafette.core.models import AuditEntry

pytestmark = pytest.mark.django_db

GOOD = importer.EXAMPLE


def csv_bytes(rows, header=None, encoding="utf-8", delimiter=";"):
    lines = [delimiter.join(header or importer.HEADERS)]
    lines += [delimiter.join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def row(**changes):
    values = dict(zip(importer.HEADERS, GOOD, strict=True))
    values.update(changes)
    return [values[name] for name in importer.HEADERS]


def run(organiser, organisation, open_edition, data, filename="activiteiten.csv", dry_run=False):
    return importer.import_activities(
        data=data, filename=filename, edition=open_edition, lead_organisation=organisation,
        by=organiser, dry_run=dry_run,
    )  # fmt: skip


def test_good_csv_imports_drafts(organiser, organisation, open_edition):
    data = csv_bytes([row(), row(titel="Tweede", postcode="8011 AA", plaats="Zwolle")])
    result = run(organiser, organisation, open_edition, data)
    assert result.is_valid and len(result.activities) == 2
    activities = Activity.objects.order_by("title")
    assert [a.title for a in activities] == ["Tweede", "Workshop beeldbellen"]
    first = activities[1]
    assert first.status == Activity.Status.DRAFT
    assert first.stage.region.slug == "oost" and first.province.code == "NL-OV"
    assert [t.slug for t in first.themes.all()] == ["zorg-op-afstand"]
    assert first.types.get().slug == "workshop" and first.audiences.get().slug == "mantelzorgers"
    assert first.created_by == organiser
    assert AuditEntry.objects.filter(action="activity.imported").count() == 2
    summary = AuditEntry.objects.get(action="organisation.activities_imported")
    assert summary.target == organisation and summary.data["count"] == 2


def test_csv_with_bom_and_commas_is_read(organiser, organisation, open_edition):
    data = b"\xef\xbb\xbf" + csv_bytes([row(kosten="")], delimiter=",")
    assert run(organiser, organisation, open_edition, data).is_valid


def test_good_xlsx_imports(organiser, organisation, open_edition):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(importer.HEADERS)
    values = row()
    import datetime as dt

    values[importer.HEADERS.index("begint")] = dt.datetime(2027, 2, 3, 14)
    values[importer.HEADERS.index("eindigt")] = dt.datetime(2027, 2, 3, 16)
    values[importer.HEADERS.index("plaatsen")] = 30
    sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    result = run(organiser, organisation, open_edition, out.getvalue(), "lijst.xlsx")
    assert result.is_valid, result.errors
    activity = Activity.objects.get()
    assert activity.capacity == 30
    assert activity.starts_at.hour == 13  # 14:00 in Amsterdam is 13:00 UTC in February


def test_templates_download_and_import_cleanly(
    organiser_client, organiser, organisation, open_edition
):
    csv_response = organiser_client.get(reverse("activities:import_template", args=["csv"]))
    assert csv_response.status_code == 200
    assert csv_response.content.startswith(b"\xef\xbb\xbf" + b"titel;samenvatting")
    xlsx = organiser_client.get(reverse("activities:import_template", args=["xlsx"])).content
    assert run(organiser, organisation, open_edition, csv_response.content, dry_run=True).is_valid
    assert run(organiser, organisation, open_edition, xlsx, "v.xlsx", dry_run=True).is_valid


def test_wrong_columns_are_named(organiser, organisation, open_edition):
    header = [name for name in importer.HEADERS if name != "postcode"] + ["postcodes"]
    data = csv_bytes([], header=header)
    with pytest.raises(importer.ImportFileError) as error:
        run(organiser, organisation, open_edition, data)
    message = str(error.value)
    assert "Regel 1" in message and "ontbreken: postcode" in message and "postcodes" in message


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    organiser, organisation, open_edition
):
    data = csv_bytes([
        row(),                                                    # line 2: fine
        row(begint="10-2-2027 14:00", eindigt="10-2-2027 16:00"),  # line 3: west's week
        row(postcode="0000 AA"),                                   # line 4: unknown postcode
        row(thema="Ruimtevaart"),                                  # line 5: unknown theme
        row(begint="morgen"),                                      # line 6: no date
        row(vorm="buiten"),                                        # line 7: unknown format
    ])  # fmt: skip
    result = run(organiser, organisation, open_edition, data)
    lines = {line for line, _problem in result.errors}
    assert lines == {3, 4, 5, 6, 7}
    text = dict(result.errors)
    assert "Regio oost is aan zet van 1 t/m 5 februari 2027." in text[3]
    assert "0000" in text[4]
    assert "Ruimtevaart" in text[5]
    assert "morgen" in text[6]
    assert "buiten" in text[7]
    assert not Activity.objects.exists()


def test_words_for_format_and_sign_up_are_read_and_unknown_ones_named(
    organiser, organisation, open_edition
):
    data = csv_bytes([
        row(vorm="Hybride", aanmelden="Extern", aanmeldlink="https://aanmelden.example/x",
            **{"online link": "https://meet.example/x"}),  # line 2: fine, any case
        row(vorm="buiten", aanmelden="misschien"),            # line 3: neither known
    ])  # fmt: skip
    result = run(organiser, organisation, open_edition, data, dry_run=True)
    assert [problem for line, problem in result.errors if line == 3][:2] == [
        "vorm ‘buiten’ kennen we niet (op locatie, online of hybride)",
        "aanmelden ‘misschien’ kennen we niet (platform, extern of geen)",
    ]
    assert {line for line, _problem in result.errors} == {3}
    ((activity, _relations),) = result.activities
    assert (activity.format, activity.signup_mode) == ("hybrid", "external")


def test_wrong_encoding_is_refused_naming_the_line(organiser, organisation, open_edition):
    data = csv_bytes([row(), row(titel="Café over zorg")], encoding="cp1252")
    with pytest.raises(importer.ImportFileError) as error:
        run(organiser, organisation, open_edition, data)
    assert "Regel 3 is geen UTF-8" in str(error.value)
    assert "Windows-1252" in str(error.value)
    assert not Activity.objects.exists()


def test_all_or_nothing_when_the_database_fails(organiser, organisation, open_edition, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # The last write of the import, after the activities and their audit entries.
    monkeypatch.setattr(importer, "log_action", broken)
    with pytest.raises(RuntimeError):
        run(organiser, organisation, open_edition, csv_bytes([row(), row(titel="Twee")]))
    assert not Activity.objects.exists()


def test_import_page_dry_run_then_import(organiser_client, organisation, open_edition):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("activities:import")
    assert "titel" in organiser_client.get(url).content.decode()
    bad = SimpleUploadedFile("a.csv", csv_bytes([row(), row(postcode="0000 AA")]))
    response = organiser_client.post(
        url, {"file": bad, "lead_organisation": organisation.pk, "import": "1"}
    )
    assert response.status_code == 400
    assert "er is niets geïmporteerd" in response.content.decode()
    assert not Activity.objects.exists()
    good = SimpleUploadedFile("a.csv", csv_bytes([row()]))
    response = organiser_client.post(
        url, {"file": good, "lead_organisation": organisation.pk, "check": "1"}
    )
    assert "Alles klopt" in response.content.decode() and not Activity.objects.exists()
    good.seek(0)
    response = organiser_client.post(
        url, {"file": good, "lead_organisation": organisation.pk, "import": "1"}
    )
    assert response.status_code == 302
    assert Activity.objects.count() == 1


def test_a_thousand_rows(organiser, organisation, open_edition, capsys):
    """Timing of 1,000 rows, dry run and real; printed for the report."""
    rows = [row(titel=f"Activiteit {n}") for n in range(1000)]
    data = csv_bytes(rows)
    started = time.perf_counter()
    assert run(organiser, organisation, open_edition, data, dry_run=True).is_valid
    dry = time.perf_counter() - started
    started = time.perf_counter()
    assert run(organiser, organisation, open_edition, data).is_valid
    real = time.perf_counter() - started
    assert Activity.objects.count() == 1000
    from django.db import connection

    with capsys.disabled():
        print(f"\n[import 1000 rows on {connection.vendor}] dry run {dry:.2f}s, import {real:.2f}s")
    assert Activity.objects.first().themes.count() == 1


def test_imported_activities_follow_the_services_rules(
    organiser, organisation, open_edition, monkeypatch
):
    """One service stores imported activities: the same slug and stage rules as one made in
    the form (services.create_activity), and a dotted audit entry each, naming the file."""
    from estafette.activities import services

    calls = []
    real = services.create_activities
    monkeypatch.setattr(
        importer, "create_activities", lambda **kwargs: calls.append(kwargs) or real(**kwargs)
    )
    online = row(titel="€€€", vorm="online", **{"online link": "https://meet.example/x"})
    online[importer.HEADERS.index("postcode")] = ""
    online[importer.HEADERS.index("locatie")] = ""
    result = run(organiser, organisation, open_edition, csv_bytes([online, row()]), "lijst.csv")
    assert result.is_valid and len(calls) == 1
    symbols, workshop = Activity.objects.order_by("pk")
    assert symbols.slug == "activiteit"  # services' rule for a title without letters
    assert workshop.slug == "workshop-beeldbellen"
    # Online without a region: the lead organisation's region, as stage_for decides.
    expected = services.stage_for(symbols, edition=open_edition)
    assert symbols.stage == expected and expected.region.slug == "oost"
    entries = AuditEntry.objects.filter(action="activity.imported").order_by("target_id")
    assert [entry.target for entry in entries] == [symbols, workshop]
    assert {(entry.actor, entry.to_status, entry.message) for entry in entries} == {
        (organiser, "draft", "lijst.csv")
    }
