"""Open data: published activities with the agenda's filters, as JSON and CSV."""

import csv

from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.decorators import decorate_view

from estafette.activities.models import Activity
from estafette.agenda.filters import AgendaFilterForm
from estafette.agenda.queries import counted_page, filtered_activities, with_distances
from estafette.api.parameters import (
    PLACE_PATTERN,
    STRIPPED_SLUG_PATTERN,
    csv_answer,
    form_parameters,
)
from estafette.api.problems import Problem, form_problem, problem
from estafette.api.serializers import (
    CSV_COLUMNS,
    ActivityDetail,
    ActivitySummary,
    activity_detail,
    activity_summary,
    csv_row,
    open_data_rows,
    with_open_data_relations,
)
from estafette.core.caching import cache_public_page, page_shows_places
from estafette.core.http import conditional_public, places_of

router = Router(tags=["activities"])
PAGE_SIZE = 50
CSV_LIMIT = 100_000
CSV_CHUNK = 1000  # rows read, and their vocabularies loaded, at a time


# The agenda's filters, as the filter form checks them: the same names work on /agenda/,
# /agenda.ics, the feeds and the widget.
FILTERS = form_parameters(
    AgendaFilterForm,
    {
        "edition": {"description": "Year of the edition", "example": 2023},
        "region": {
            "description": "Region slug (oost, west, noord, zuid); an unknown region gets 400",
            "example": "oost",
        },
        "province": {
            "description": "Province: ISO 3166-2 code (NL-GE) or slug (gelderland), any case; "
            "an unknown province gets 400",
            "schema": {"pattern": STRIPPED_SLUG_PATTERN},
            "example": "NL-OV",
        },
        "week": {
            "description": "Week of the relay (1 for the first region on turn, 2 for the next "
            "...): the region's week in each edition",
            "example": 2,
        },
        "from": {"description": "First day (ISO date, 1900-2999)", "example": "2023-02-01"},
        "to": {"description": "Last day (ISO date, 1900-2999), not before `from`"},
        "theme": {
            "description": "Theme slug; repeat for several (any of them); an unknown slug gets 400",
            "example": ["zorg-op-afstand"],
        },
        "type": {"description": "Activity type slug; repeat for several (any of them)"},
        "audience": {"description": "Audience slug; repeat for several (any of them)"},
        "accessibility": {
            "description": "Accessibility facility slug (rolstoel, ringleiding ...); repeat for "
            "several (all of them)",
            "example": ["rolstoel"],
        },
        "format": {"description": "On location, online, or both"},
        "interactive": {
            "description": "true: only activities with an interactive element; false: none"
        },
        "signup": {
            "description": "platform: sign-up on this site; external: elsewhere; none: not needed"
        },
        "has_places": {"description": "true: only activities on this platform with places left"},
        "organisation": {
            "description": "Organisation slug: activities it leads or takes part in as a "
            "partner; an unknown organisation gets 400"
        },
        "kind": {
            "description": "Kind of organisation (library, care_provider, municipality ...) of "
            "the lead organisation or of a partner that accepted; repeat for several (any of "
            "them)",
            "example": ["library"],
        },
        "q": {
            "description": "Free text (Dutch stemming; a word also finds its plural and the "
            "compound words it is part of)",
            "example": "beeldbellen",
        },
        "near": {
            "description": "Dutch postcode (1012 AB, or the four digits) or town (Sneek): "
            "activities nearby, each with its `distance_km`; an unknown town gets 400",
            "schema": {"pattern": PLACE_PATTERN},
            "example": "Sneek",
        },
        "radius_km": {"description": "Radius around `near` in km (default 25)"},
        "sort": {"description": "relevance (the default with `q`) or date"},
        "page": {"description": f"Page number, from 1 ({PAGE_SIZE} activities a page)"},
    },
)


class ActivityPage(Schema):
    count: int = Field(description="Matching activities in all")
    next: str | None = Field(description="Address of the next page; null on the last")
    previous: str | None = Field(description="Address of the previous page; null on the first")
    results: list[ActivitySummary]


def parse_filters(request: HttpRequest):
    """(cleaned filters, None) or (None, problem) — the one filter layer, as the HTML agenda uses it."""
    form = AgendaFilterForm(request.GET)
    if form.is_valid():
        return form.cleaned_data, None
    return None, form_problem(form)


def _page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@router.get(
    "activities",
    response={200: ActivityPage, 304: None, 400: Problem, 404: Problem},
    summary="Published activities, filtered",
    openapi_extra={"parameters": FILTERS},
)
@decorate_view(cache_public_page, conditional_public)
def list_activities(request: HttpRequest):
    """Bad values get 400 with a Dutch message per parameter; a page past the end gets 404."""
    cleaned, refused = parse_filters(request)
    if refused:
        return Status(400, refused)
    page = cleaned.get("page") or 1
    activities = with_open_data_relations(filtered_activities(cleaned))
    rows, count = counted_page(
        activities, (page - 1) * PAGE_SIZE, page * PAGE_SIZE, one_scan=bool(cleaned.get("q"))
    )
    if count is None:
        if page > 1:
            return Status(404, problem(_("Pagina %(page)s bestaat niet.") % {"page": page}))
        count = 0
    return Status(
        200,
        {
            "count": count,
            "next": _page_url(request, page + 1) if page * PAGE_SIZE < count else None,
            "previous": _page_url(request, page - 1) if page > 1 else None,
            "results": [
                activity_summary(activity)
                for activity in with_distances(open_data_rows(rows), cleaned["near"])
            ],
        },
    )


class _Echo:
    def write(self, value):
        return value


@router.get(
    "activities.csv",
    response={304: None, 400: Problem},
    summary="Published activities, filtered, as CSV",
    openapi_extra={
        "parameters": [p for p in FILTERS if p["name"] != "page"],
        "responses": csv_answer(
            "Semicolon-separated, UTF-8 with a byte order mark; columns: "
            + ", ".join(CSV_COLUMNS)
            + ". Lists are joined with |, booleans are true or false."
        ),
    },
)
@decorate_view(conditional_public)
def activities_csv(request: HttpRequest):
    """One row per activity, the JSON's fields. UTF-8 with a byte order mark and semicolons:
    Excel with Dutch settings (list separator ';') opens it in columns with the accents right,
    as it does the participant exports; `pandas.read_csv(url, sep=";")` reads it too."""
    cleaned, refused = parse_filters(request)
    if refused:
        return Status(400, refused)
    activities = with_open_data_relations(filtered_activities(cleaned))[:CSV_LIMIT]
    writer = csv.writer(_Echo(), delimiter=";")

    def rows():
        yield "\ufeff" + writer.writerow(CSV_COLUMNS)
        chunk = []
        for activity in activities.iterator(chunk_size=CSV_CHUNK):
            chunk.append(activity)
            if len(chunk) == CSV_CHUNK:
                yield from (writer.writerow(csv_row(row)) for row in open_data_rows(chunk))
                chunk = []
        yield from (writer.writerow(csv_row(row)) for row in open_data_rows(chunk))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="activiteiten.csv"'
    return response


@router.get(
    "activities/{activity_id}",
    response={200: ActivityDetail, 304: None, 400: Problem, 404: Problem},
    summary="One published activity",
    exclude_unset=True,  # the seat fields only where sign-up runs on this platform
)
@decorate_view(cache_public_page, conditional_public(depends=places_of("activity_id")))
def get_activity(request: HttpRequest, activity_id: int = Path(..., ge=1, le=2**63 - 1)):
    """An id that is not a number gets 400; one of no published activity gets 404."""
    page_shows_places([activity_id])  # its places and waiting list: a sign-up changes them
    activity = with_open_data_relations(Activity.objects.published()).filter(pk=activity_id).first()
    if activity is None:
        return Status(
            404,
            problem(_("Activiteit %(id)s bestaat niet of is niet openbaar.") % {"id": activity_id}),
        )
    return Status(200, activity_detail(open_data_rows([activity])[0]))
