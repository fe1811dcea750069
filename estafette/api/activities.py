"""Open data: published activities with the agenda's filters, as JSON and CSV."""

import csv

from django.http import HttpRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import BaseModel, ConfigDict

from estafette.activities.models import Activity
from estafette.agenda.filters import AgendaFilterForm
from estafette.agenda.queries import counted_page, filtered_activities
from estafette.api.serializers import (
    CSV_COLUMNS,
    activity_detail,
    activity_summary,
    csv_row,
    with_open_data_relations,
)
from estafette.core.caching import cache_public_page
from estafette.core.http import conditional_public
from estafette.results.api import ActivityResults

router = Router(tags=["activities"])
PAGE_SIZE = 50
CSV_LIMIT = 100_000


class ActivityFilters(Schema):
    """The agenda's filters; the same names work on /agenda/, /agenda.ics and the feeds."""

    edition: str | None = Field(None, description="Year of the edition, e.g. 2023")
    region: str | None = Field(None, description="oost, west, noord or zuid")
    province: str | None = Field(None, description="ISO 3166-2 code, e.g. NL-GE")
    from_: str | None = Field(None, alias="from", description="First day (ISO date)")
    to: str | None = Field(None, description="Last day (ISO date)")
    theme: list[str] | None = Field(None, description="Theme slug; repeat for several")
    type: list[str] | None = Field(None, description="Activity type slug; repeat for several")
    audience: list[str] | None = Field(None, description="Audience slug; repeat for several")
    format: str | None = Field(None, description="in_person, online or hybrid")
    interactive: str | None = Field(None, description="true or false")
    signup: str | None = Field(None, description="platform, external or none")
    has_places: str | None = Field(None, description="true: only activities with places left")
    organisation: str | None = Field(None, description="Organisation slug (lead or partner)")
    q: str | None = Field(None, description="Free text (Dutch stemming)")
    near: str | None = Field(None, description="Dutch postcode")
    radius_km: str | None = Field(None, description="Radius around `near` in km (default 25)")
    page: str | None = Field(None, description="Page number, from 1")


class ActivityDetail(BaseModel):
    """One activity: the fields of the list and more; `results` once the organisers reported.
    (A plain pydantic model: ninja's Schema drops the fields it does not list.)"""

    model_config = ConfigDict(extra="allow")
    results: ActivityResults | None = Field(
        None, description="Reported participants, outcome and materials; null until reported"
    )


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


class ActivityPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[dict]


def parse_filters(request: HttpRequest):
    """(cleaned filters, None) or (None, problem) — the one filter layer, as the HTML agenda uses it."""
    form = AgendaFilterForm(request.GET)
    if form.is_valid():
        return form.cleaned_data, None
    errors = {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }
    first = next(iter(errors.values()))[0] if errors else _("Ongeldige parameters.")
    return None, {"detail": first, "errors": errors}


def _page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@router.get(
    "activities",
    response={200: ActivityPage, 400: Problem, 404: Problem},
    summary="Published activities, filtered",
)
@decorate_view(cache_public_page, conditional_public)
def list_activities(request: HttpRequest, filters: Query[ActivityFilters]):
    cleaned, problem = parse_filters(request)
    if problem:
        return Status(400, problem)
    page = cleaned.get("page") or 1
    activities = with_open_data_relations(filtered_activities(cleaned))
    rows, count = counted_page(
        activities, (page - 1) * PAGE_SIZE, page * PAGE_SIZE, one_scan=bool(cleaned.get("q"))
    )
    if count is None:
        if page > 1:
            return Status(404, {"detail": _("Pagina %(page)s bestaat niet.") % {"page": page}})
        count = 0
    return Status(
        200,
        {
            "count": count,
            "next": _page_url(request, page + 1) if page * PAGE_SIZE < count else None,
            "previous": _page_url(request, page - 1) if page > 1 else None,
            "results": [activity_summary(activity) for activity in rows],
        },
    )


class _Echo:
    def write(self, value):
        return value


@router.get(
    "activities.csv", response={400: Problem}, summary="Published activities, filtered, as CSV"
)
@decorate_view(conditional_public)
def activities_csv(request: HttpRequest, filters: Query[ActivityFilters]):
    """One row per activity, the JSON's fields. UTF-8 with a byte order mark and semicolons:
    Excel with Dutch settings (list separator ';') opens it in columns with the accents right,
    as it does the participant exports; `pandas.read_csv(url, sep=";")` reads it too."""
    cleaned, problem = parse_filters(request)
    if problem:
        return Status(400, problem)
    activities = with_open_data_relations(filtered_activities(cleaned))[:CSV_LIMIT]
    writer = csv.writer(_Echo(), delimiter=";")

    def rows():
        yield "\ufeff" + writer.writerow(CSV_COLUMNS)
        for activity in activities.iterator(chunk_size=2000):
            yield writer.writerow(csv_row(activity))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="activiteiten.csv"'
    return response


@router.get(
    "activities/{activity_id}",
    response={200: ActivityDetail, 404: Problem},
    summary="One published activity",
)
@decorate_view(cache_public_page, conditional_public)
def get_activity(request: HttpRequest, activity_id: int):
    activity = get_object_or_404(
        with_open_data_relations(Activity.objects.published()), pk=activity_id
    )
    return Status(200, activity_detail(activity))
