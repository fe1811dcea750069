"""Open data: an edition's figures (the numbers of /cijfers/), as JSON and CSV."""

import csv
import datetime as dt
import io
import re

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view

from estafette.api.parameters import csv_answer
from estafette.api.problems import Problem, parameter_problem, problem
from estafette.core.bounds import LAST_YEAR
from estafette.core.caching import cache_public_page, page_shows_signup_totals
from estafette.core.http import conditional_public, signup_totals
from estafette.figures import queries
from estafette.figures.data import figures_data, figures_rows
from estafette.relay.models import Edition

router = Router(tags=["figures"])


class Metrics(Schema):
    activities: int = Field(
        description="Published activities that go ahead (cancelled not included)"
    )
    cancelled: int = Field(description="Cancelled activities (they were published)")
    organisations: int = Field(description="Organisations taking part: leads and accepted partners")
    with_partners: int = Field(description="Activities with at least one accepted partner")
    share_with_partners: float | None = Field(description="Percentage with partners")
    cross_sector: int = Field(description="Activities with a partner of another kind than the lead")
    share_cross_sector: float | None = Field(description="Percentage cross-sector")
    interactive: int = Field(description="Activities with at least one interactive element")
    share_interactive: float | None = Field(description="Percentage interactive")
    signups: int = Field(description="Sign-ups holding places (confirmed or being confirmed)")
    waiting_list: int = Field(description="Sign-ups on a waiting list")
    places_taken: int = Field(description="Places taken")
    reported: int = Field(description="Activities whose organisers reported results")
    participants: int = Field(description="Participants the organisers reported")
    professionals: int = Field(description="Of whom care professionals (reported)")
    citizens: int = Field(description="Of whom citizens (reported)")


class GroupFigures(Metrics):
    key: str = Field(description="Region slug ('landelijk': national), week number or ISO date")
    label: str
    first_day: dt.date | None
    last_day: dt.date | None


class ShareFigures(Schema):
    key: str
    label: str
    count: int = Field(description="Activities (themes, types, formats) or organisations (kinds)")


class EditionMetrics(Metrics):
    edition: int


class FiguresOut(Schema):
    edition: int
    first_day: dt.date
    last_day: dt.date
    total: Metrics
    regions: list[GroupFigures]
    weeks: list[GroupFigures]
    days: list[GroupFigures]
    themes: list[ShareFigures]
    types: list[ShareFigures]
    organisation_kinds: list[ShareFigures]
    formats: list[ShareFigures]
    partnerships: list[ShareFigures] = Field(
        description=(
            "Cross-sector partnerships per pair of organisation kinds (key 'library+care_provider'"
            ", either way round): activities whose lead is of one kind with an accepted partner of"
            " the other, once per activity and pair; pairs without any left out, most first"
        )
    )
    editions: list[EditionMetrics] = Field(description="Each visible edition up to this one")


EDITION = {
    "in": "query",
    "name": "edition",
    "required": False,
    "allowEmptyValue": True,
    "description": "Year of the edition (default: the running one, else the latest begun); "
    "a year without a visible edition gets 404",
    "schema": {"type": "integer", "minimum": 2000, "maximum": LAST_YEAR},
    "example": 2023,
}


def _edition(year: str):
    """(edition, None) or (None, (status, problem))."""
    if not year:
        edition = queries.current_edition()
        return (edition, None) if edition else (None, (404, problem(_("Er is geen editie."))))
    if not re.fullmatch(r"[0-9]{1,4}", year):
        return None, (
            400,
            parameter_problem("edition", _("‘edition’ is een jaartal, bijvoorbeeld 2023.")),
        )
    edition = Edition.objects.visible().filter(year=int(year)).first()
    if edition is None:
        message = _("Editie %(year)s bestaat niet.") % {"year": year}
        return None, (404, parameter_problem("edition", message))
    return edition, None


def _data(edition) -> dict:
    page_shows_signup_totals()  # places taken and sign-ups: every sign-up moves them
    return figures_data(*queries.with_comparison(edition))


@router.get(
    "figures",
    response={200: FiguresOut, 304: None, 400: Problem, 404: Problem},
    summary="An edition's figures: per region, relay week and day, and editions compared",
    openapi_extra={"parameters": [EDITION]},
)
@decorate_view(cache_public_page, conditional_public(depends=signup_totals))
def figures(request: HttpRequest):
    """The same numbers as the page /cijfers/{year}/. Without `edition`: the running
    edition, else the latest that has begun. No personal data."""
    found, refused = _edition(request.GET.get("edition", ""))
    if refused:
        return Status(*refused)
    return Status(200, _data(found))


@router.get(
    "figures.csv",
    response={304: None, 400: Problem, 404: Problem},
    summary="An edition's figures as CSV",
    openapi_extra={
        "parameters": [EDITION],
        "responses": csv_answer(
            "Comma-separated, UTF-8 with a byte order mark; one row per group or category, "
            "`section` says which table"
        ),
    },
)
@decorate_view(cache_public_page, conditional_public(depends=signup_totals))
def figures_csv(request: HttpRequest):
    """One row per group or category (`section` says which table); UTF-8 with a byte order mark."""
    found, refused = _edition(request.GET.get("edition", ""))
    if refused:
        return Status(*refused)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(figures_rows(_data(found)))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cijfers-{found.year}.csv"'
    return response
