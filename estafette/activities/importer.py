"""Bulk import of activities from CSV (UTF-8) or XLSX: a dry run that reports every bad row,
and an all-or-nothing import that stores the activities as drafts."""

import csv
import datetime as dt
import io
import uuid
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from estafette.activities.models import Activity, ActivityType, Audience, ImportBatch, Theme
from estafette.activities.rules import AMSTERDAM, activity_errors
from estafette.activities.services import create_activities, stage_for
from estafette.core.audit import log_action
from estafette.organisations.permissions import organisations_of
from estafette.relay.models import Region, Stage
from estafette.relay.postcodes import InvalidPostcode, UnknownPostcode, lookup_postcode

# (header, required, explanation) – the headers are what organisers type, so they are Dutch.
COLUMNS = [
    ("titel", True, gettext_lazy("Korte titel, hooguit 150 tekens.")),
    ("samenvatting", True, gettext_lazy("Eén of twee zinnen.")),
    ("beschrijving", True, gettext_lazy("De hele beschrijving.")),
    ("soort", True, gettext_lazy("Soort activiteit; meer dan één: scheid met ;")),
    ("thema", True, gettext_lazy("Thema's; meer dan één: scheid met ;")),
    ("doelgroep", True, gettext_lazy("Doelgroepen; meer dan één: scheid met ;")),
    ("vorm", True, gettext_lazy("op locatie, online of hybride")),
    ("locatie", False, gettext_lazy("Naam van de locatie.")),
    ("adres", False, gettext_lazy("Straat en huisnummer.")),
    ("postcode", False, gettext_lazy("Verplicht op locatie en hybride, bijvoorbeeld 7511 AA.")),
    ("plaats", False, gettext_lazy("Plaats van de locatie.")),
    ("online link", False, gettext_lazy("Verplicht bij online en hybride.")),
    ("regio", False, gettext_lazy("Alleen bij online: oost, west, noord of zuid.")),
    ("begint", True, gettext_lazy("Datum en tijd, bijvoorbeeld %(example)s.")),
    ("eindigt", True, gettext_lazy("Datum en tijd, bijvoorbeeld %(example)s.")),
    ("aanmelden", True, gettext_lazy("platform, extern of geen")),
    ("plaatsen", False, gettext_lazy("Aantal plaatsen; verplicht bij platform.")),
    ("aanmeldlink", False, gettext_lazy("Verplicht bij extern.")),
    ("gratis", False, gettext_lazy("ja of nee (leeg: ja)")),
    ("kosten", False, gettext_lazy("Wat kost het, als het niet gratis is?")),
]
HEADERS = [name for name, _required, _help in COLUMNS]
EXAMPLE = ["Workshop beeldbellen", "Probeer zelf hoe beeldbellen werkt.",
           "Een middag oefenen met beeldbellen.", "Workshop", "Zorg op afstand", "Mantelzorgers",
           "op locatie", "Wijkcentrum De Bron", "Hengelosestraat 1", "7511 AA", "Enschede", "",
           "", "3-2-2027 14:00", "3-2-2027 16:00", "platform", "30", "", "ja", ""]  # fmt: skip
# A venue in each region, so the example row lies in the week it is dated in.
EXAMPLE_PLACES = {
    "oost": ("Wijkcentrum De Bron", "Hengelosestraat 1", "7511 AA", "Enschede"),
    "west": ("Buurthuis De Pijp", "Ferdinand Bolstraat 1", "1072 LA", "Amsterdam"),
    "noord": ("Wijkcentrum De Wijert", "Van Lenneplaan 1", "9721 PA", "Groningen"),
    "zuid": ("Wijkcentrum Woensel", "Kruisstraat 1", "5612 CA", "Eindhoven"),
}  # fmt: skip
CHECKED_FILE_LIFETIME = dt.timedelta(hours=1)

FORMATS = {"op locatie": "in_person", "online": "online", "hybride": "hybrid"}
SIGNUP = {"platform": "platform", "extern": "external", "geen": "none"}
# The columns whose words stand for one choice of an activity's field: (column, field, {word:
# choice}, what is said about a word that is not among them).
CHOICE_COLUMNS = [
    (
        "vorm",
        "format",
        FORMATS,
        gettext_lazy("vorm ‘%(value)s’ kennen we niet (op locatie, online of hybride)"),
    ),
    (
        "aanmelden",
        "signup_mode",
        SIGNUP,
        gettext_lazy("aanmelden ‘%(value)s’ kennen we niet (platform, extern of geen)"),
    ),
]
DATE_FORMATS = ["%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"]


class ImportFileError(ValueError):
    """The file as a whole cannot be read: encoding, format or columns."""


@dataclass
class ImportResult:
    rows: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    activities: list = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def typed_moment(day: dt.date, hour: int) -> str:
    """A date and time as organisers type it: '3-2-2027 14:00'."""
    return f"{day.day}-{day.month}-{day.year} {hour:02d}:00"


def example_stage(edition, region=None):
    """The week the example row is dated in: the organiser's region's, else the first one."""
    if edition is None:
        return None
    stages = edition.stages.select_related("region").order_by("starts_on")
    return (region and stages.filter(region=region).first()) or stages.first()


def example_day(stage) -> dt.date:
    """A day in the middle of the stage's week (its last day for a short week)."""
    return min(stage.starts_on + dt.timedelta(days=2), stage.ends_on)


def example_row(edition, region=None) -> list[str]:
    """A row that passes every check against the edition: a venue in a region that has a week
    in it, on a day of that week (EXAMPLE when there is no edition to date it in)."""
    stage = example_stage(edition, region)
    if stage is None:
        return list(EXAMPLE)
    values = dict(zip(HEADERS, EXAMPLE, strict=True))
    day = example_day(stage)
    values["begint"], values["eindigt"] = typed_moment(day, 14), typed_moment(day, 16)
    place = EXAMPLE_PLACES.get(stage.region.slug)
    if place is None:  # a region we have no venue for: meet online
        values.update({"vorm": "online", "locatie": "", "adres": "", "postcode": "",
                       "plaats": "", "online link": "https://meet.example.nl/beeldbellen",
                       "regio": stage.region.slug})  # fmt: skip
    else:
        values["locatie"], values["adres"], values["postcode"], values["plaats"] = place
    return [values[name] for name in HEADERS]


def columns(edition, region=None) -> list[tuple[str, bool, str]]:
    """COLUMNS with the date examples taken from the example row."""
    example = dict(zip(HEADERS, example_row(edition, region), strict=True))
    return [
        (
            name,
            required,
            str(help_text) % {"example": example[name]}
            if name in {"begint", "eindigt"}
            else help_text,
        )
        for name, required, help_text in COLUMNS
    ]


def template_csv(edition=None, region=None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADERS)
    writer.writerow(example_row(edition, region))
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(edition=None, region=None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Activiteiten"
    sheet.append(HEADERS)
    sheet.append(example_row(edition, region))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            guess = "Windows-1252/Latin-1" if _looks_like_cp1252(line) else _("onbekend")
            raise ImportFileError(
                _(
                    "Regel %(line)d is geen UTF-8 (het lijkt %(guess)s). Sla het bestand in "
                    "Excel op als ‘CSV UTF-8 (door komma's gescheiden)’ en probeer het opnieuw."
                )
                % {"line": number, "guess": guess}
            ) from error
    raise ImportFileError(_("Dit bestand is geen UTF-8."))


def _looks_like_cp1252(line: bytes) -> bool:
    try:
        line.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def check_size(size: int) -> None:
    """The file as a whole is not bigger than IMPORT_MAX_BYTES."""
    if size > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            _(
                "Het bestand is %(size)s MB; het mag hooguit %(limit)s MB zijn. Splits het in "
                "kleinere bestanden."
            )
            % {"size": _megabytes(size), "limit": _megabytes(settings.IMPORT_MAX_BYTES)}
        )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").replace(",0", "")


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict]]:
    """[(line number, {header: text})]; raises ImportFileError for the file as a whole.

    Rows are read one at a time (CSV from the text, XLSX read-only from the unpacked sheet)
    and reading stops at IMPORT_MAX_ROWS, so no file costs more memory than the limits allow.
    """
    check_size(len(data))
    if filename.lower().endswith(".xlsx"):
        table = _xlsx_rows(data)
    elif filename.lower().endswith(".csv"):
        table = _csv_rows(data)
    else:
        raise ImportFileError(_("Kies een bestand dat eindigt op .csv of .xlsx."))
    first = next(table, None)
    if first is None:
        raise ImportFileError(_("Het bestand is leeg."))
    header = [str(cell or "").strip().lower() for cell in first]
    missing = [name for name in HEADERS if name not in header]
    unknown = [name for name in header if name and name not in HEADERS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("deze kolommen ontbreken: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            parts.append(
                _("deze kolommen kennen we niet: %(names)s") % {"names": ", ".join(unknown)}
            )
        raise ImportFileError(
            _("Regel 1 (de kopregel): %(problems)s. Gebruik het voorbeeldbestand.")
            % {"problems": "; ".join(parts)}
        )
    rows = []
    for number, cells in enumerate(table, start=2):
        if not any(str(cell or "").strip() for cell in cells):
            continue
        if len(rows) == settings.IMPORT_MAX_ROWS:
            raise ImportFileError(
                _(
                    "Het bestand heeft meer dan %(limit)s activiteiten; er mogen er hooguit "
                    "%(limit)s in één bestand. Splits het in kleinere bestanden."
                )
                % {"limit": f"{settings.IMPORT_MAX_ROWS:,}".replace(",", ".")}
            )
        values = {
            name: cells[index] if index < len(cells) else "" for index, name in enumerate(header)
        }
        rows.append((number, values))
    return rows


def _csv_rows(data: bytes):
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(
            _(
                "Dit bestand is geen gewoon tekstbestand (het bevat NUL-tekens; misschien is "
                "het UTF-16). Sla het in Excel op als ‘CSV UTF-8 (door komma's gescheiden)’."
            )
        )
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            problem = _("een veld is langer dan %(limit)s tekens") % {
                "limit": f"{csv.field_size_limit():,}".replace(",", ".")
            }
        else:
            problem = _("de aanhalingstekens of scheidingstekens kloppen niet")
        raise ImportFileError(
            _("Regel %(line)d kunnen we niet lezen: %(problem)s.")
            % {"line": reader.line_num, "problem": problem}
        ) from error


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    unreadable = _("Dit Excel-bestand kunnen we niet lezen.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The sizes in the archive bound what unpacking gives (zipfile stops there).
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportFileError(unreadable) from error
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "Dit Excel-bestand is uitgepakt %(size)s MB; dat is meer dan de %(limit)s MB "
                "die we lezen. Sla alleen het blad met de activiteiten op, of gebruik CSV."
            )
            % {
                "size": _megabytes(unpacked),
                "limit": _megabytes(settings.IMPORT_MAX_UNPACKED_BYTES),
            }
        )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(unreadable) from error
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True, max_col=len(HEADERS) + 20):
            yield list(row)
    except ImportFileError:
        raise
    except Exception as error:  # broken XML inside the archive
        raise ImportFileError(unreadable) from error
    finally:
        book.close()


class _Vocabulary:
    def __init__(self, model):
        self.by_key = {}
        for item in model.objects.all():
            self.by_key[item.slug.lower()] = item
            self.by_key[item.name.lower()] = item

    def find(self, raw) -> tuple[list, list[str]]:
        found, unknown = [], []
        for part in str(raw or "").split(";"):
            key = part.strip().lower()
            if not key:
                continue
            if key in self.by_key:
                found.append(self.by_key[key])
            else:
                unknown.append(part.strip())
        return found, unknown


def _text(values, name) -> str:
    value = values.get(name)
    return "" if value is None else str(value).strip()


def _moment(raw):
    if isinstance(raw, dt.datetime):
        return raw.replace(tzinfo=AMSTERDAM) if raw.tzinfo is None else raw
    text = str(raw or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).replace(tzinfo=AMSTERDAM)
        except ValueError:
            continue
    return None


class _RowBuilder:
    """Turns one row into an unsaved Activity plus its relations, or a list of problems."""

    def __init__(self, *, edition, lead_organisation):
        self.edition, self.lead = edition, lead_organisation
        self.vocabularies = {
            "soort": ("types", _Vocabulary(ActivityType)),
            "thema": ("themes", _Vocabulary(Theme)),
            "doelgroep": ("audiences", _Vocabulary(Audience)),
        }
        self.regions = {region.slug: region for region in Region.objects.all()}
        self.stages = {
            stage.region_id: stage
            for stage in Stage.objects.filter(edition=edition).select_related("region", "edition")
        }
        self.postcodes = {}

    def build(self, values) -> tuple[Activity | None, dict, list[str]]:
        problems = []
        activity = Activity(edition=self.edition, lead_organisation=self.lead)
        activity.title = _text(values, "titel")
        activity.summary = _text(values, "samenvatting")
        activity.description = _text(values, "beschrijving")
        activity.venue_name = _text(values, "locatie")
        activity.street_address = _text(values, "adres")
        activity.town = _text(values, "plaats")
        activity.online_url = _text(values, "online link")
        activity.signup_url = _text(values, "aanmeldlink")
        activity.cost_description = _text(values, "kosten")
        activity.is_free = _text(values, "gratis").lower() not in {"nee", "n", "no", "0"}

        for column, name, choices, unknown in CHOICE_COLUMNS:
            word = _text(values, column).lower()
            setattr(activity, name, choices.get(word, ""))
            if not getattr(activity, name):
                problems.append(unknown % {"value": word})
        places = _text(values, "plaatsen")
        if places:
            try:
                activity.capacity = int(float(places))
            except ValueError:
                problems.append(_("plaatsen ‘%(value)s’ is geen getal") % {"value": places})

        relations = {}
        for column, (name, vocabulary) in self.vocabularies.items():
            found, unknown = vocabulary.find(values.get(column))
            if unknown:
                problems.append(
                    _("%(column)s ‘%(value)s’ kennen we niet")
                    % {"column": column, "value": "; ".join(unknown)}
                )
            elif not found:
                problems.append(_("%(column)s is leeg") % {"column": column})
            relations[name] = found

        postcode = _text(values, "postcode")
        if postcode:
            try:
                if postcode not in self.postcodes:
                    self.postcodes[postcode] = lookup_postcode(postcode)
                parsed, activity.province = self.postcodes[postcode]
                activity.postcode = str(parsed)
            except (InvalidPostcode, UnknownPostcode) as error:
                problems.append(str(error))
        elif activity.format in {"in_person", "hybrid"}:
            problems.append(_("postcode is leeg"))
        region = None
        if activity.format == "online":
            slug = _text(values, "regio").lower()
            if slug and slug not in self.regions:
                problems.append(_("regio ‘%(value)s’ kennen we niet") % {"value": slug})
            region = self.regions.get(slug)
        if activity.format in {"online", "hybrid"} and not activity.online_url:
            problems.append(_("online link is leeg"))

        activity.starts_at = _moment(values.get("begint"))
        activity.ends_at = _moment(values.get("eindigt"))
        for column, moment in (("begint", activity.starts_at), ("eindigt", activity.ends_at)):
            if moment is None:
                problems.append(
                    _("%(column)s ‘%(value)s’ is geen datum met tijd zoals 3-2-2027 14:00")
                    % {"column": column, "value": _text(values, column)}
                )
        if problems:
            return None, relations, problems

        # The service's rule, with the edition's stages at hand instead of a query per row.
        activity.stage = stage_for(
            activity, edition=self.edition, region=region, stages=self.stages
        )
        try:
            activity.clean_fields(exclude=["slug", "edition", "lead_organisation", "stage"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                label = Activity._meta.get_field(name).verbose_name
                problems.extend(f"{label}: {message}" for message in messages)
        for messages in activity_errors(activity).values():
            problems.extend(messages)
        return (None if problems else activity), relations, problems


def check_rows(rows, *, edition, lead_organisation) -> ImportResult:
    """The dry run: every row checked, every problem with its line number."""
    builder = _RowBuilder(edition=edition, lead_organisation=lead_organisation)
    result = ImportResult(rows=len(rows))
    for number, values in rows:
        activity, relations, problems = builder.build(values)
        for problem in problems:
            result.errors.append((number, problem))
        if activity is not None:
            result.activities.append((activity, relations))
    if not rows:
        result.errors.append((2, _("Het bestand bevat geen activiteiten.")))
    return result


def import_activities(
    *, data: bytes, filename: str, edition, lead_organisation, by, dry_run: bool
) -> ImportResult:
    """Check every row; unless it is a dry run and only if no row is wrong, store all of them
    as drafts in one transaction."""
    if edition is None:
        raise ImportFileError(_("Er is nog geen editie open om activiteiten aan te melden."))
    rows = read_rows(data, filename)
    result = check_rows(rows, edition=edition, lead_organisation=lead_organisation)
    if dry_run or not result.is_valid:
        return result
    with transaction.atomic():
        activities = create_activities(activities=result.activities, by=by, source=filename)
        log_action(
            actor=by,
            action="organisation.activities_imported",
            target=lead_organisation,
            message=filename,
            count=len(activities),
            edition=edition.year,
        )
    return result


def keep_checked_file(*, data: bytes, filename: str, lead_organisation, by) -> ImportBatch:
    """Keep a file that passed its dry run on the server, for the one-click import; files
    checked longer ago than CHECKED_FILE_LIFETIME and never imported are forgotten."""
    ImportBatch.objects.filter(
        imported_at__isnull=True, created_at__lt=timezone.now() - CHECKED_FILE_LIFETIME
    ).delete()
    return ImportBatch.objects.create(
        created_by=by, lead_organisation=lead_organisation, filename=filename, data=data
    )


def import_file(
    *, data: bytes, filename: str, edition, lead_organisation, by, batch: ImportBatch | None = None
) -> tuple[ImportBatch | None, ImportResult]:
    """import_activities, remembering the drafts it made in a batch (to submit them together)."""
    with transaction.atomic():
        result = import_activities(
            data=data,
            filename=filename,
            edition=edition,
            lead_organisation=lead_organisation,
            by=by,
            dry_run=False,
        )
        if not result.is_valid:
            return None, result
        if batch is None:
            batch = ImportBatch(created_by=by, lead_organisation=lead_organisation)
        batch.filename, batch.data, batch.imported_at = filename, b"", timezone.now()
        batch.save()
        batch.activities.set([activity for activity, _relations in result.activities])
    return batch, result


def import_checked_file(*, token: str, edition, by) -> tuple[ImportBatch | None, ImportResult]:
    """Import the file the user checked before, as it was checked (it is read again: the
    edition's weeks may have changed since). Each checked file imports once."""
    gone = ImportFileError(
        _("Deze controle is verlopen of het bestand is al geïmporteerd. Kies het bestand opnieuw.")
    )
    try:
        token = uuid.UUID(str(token))
    except ValueError as error:
        raise gone from error
    fresh = ImportBatch.objects.filter(
        token=token,
        created_by=by,
        imported_at__isnull=True,
        created_at__gte=timezone.now() - CHECKED_FILE_LIFETIME,
    )
    with transaction.atomic():
        # Claimed by one request: a double click or a second tab imports nothing twice.
        batch = fresh.select_for_update().select_related("lead_organisation").first()
        if batch is None or not fresh.filter(pk=batch.pk).update(imported_at=timezone.now()):
            raise gone
        if not organisations_of(by).filter(pk=batch.lead_organisation_id).exists():
            raise ImportFileError(_("U bent geen lid meer van deze organisatie."))
        imported, result = import_file(
            data=bytes(batch.data),
            filename=batch.filename,
            edition=edition,
            lead_organisation=batch.lead_organisation,
            by=by,
            batch=batch,
        )
        if imported is None:
            transaction.set_rollback(True)  # the checked file stays for another look
    return imported, result
