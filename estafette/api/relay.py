"""Open data about the relay: who is on turn, and postcode → region."""

import datetime as dt
import re

from django.http import HttpRequest
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from estafette.api.parameters import POSTCODE_PATTERN
from estafette.api.problems import Problem, parameter_problem
from estafette.core.bounds import OUT_OF_RANGE, is_supported_day
from estafette.core.dates import AMSTERDAM
from estafette.relay.postcodes import InvalidPostcode, UnknownPostcode, lookup_postcode
from estafette.relay.queries import relay_status

router = Router(tags=["relay"])

# An ISO 8601 day, or a moment with an optional offset. In an address a '+' reads as a space
# unless written %2B, so a space before the offset counts as a '+'.
MOMENT_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,6})?)?(Z|[+ -][0-9]{2}(:?[0-9]{2})?)?)?$"
)
AT = {
    "in": "query",
    "name": "at",
    "required": False,
    "allowEmptyValue": True,
    "description": "A day or an ISO 8601 moment (default: now); without an offset it is read "
    "as Europe/Amsterdam time. Days 1900-2999.",
    "schema": {"type": "string", "pattern": MOMENT_PATTERN},
    "example": "2023-02-07T10:00:00+01:00",
}
POSTCODE = {
    "in": "query",
    "name": "postcode",
    "required": True,
    "description": "A Dutch postcode, with or without its letters",
    "schema": {"type": "string", "pattern": POSTCODE_PATTERN},
    "example": "1012 AB",
}


class RelayOut(Schema):
    at: dt.datetime
    edition: int | None
    on_turn: str | None
    next: str | None
    handover_at: dt.datetime | None
    seconds_to_handover: int | None


class RegionLookupOut(Schema):
    postcode: str
    province: str
    province_name: str
    region: str


@router.get(
    "relay",
    response={200: RelayOut, 400: Problem},
    summary="Who is on turn at a moment",
    openapi_extra={"parameters": [AT]},
)
def relay(request: HttpRequest):
    """A day is read as noon of that day."""
    at = request.GET.get("at", "")
    moment = None
    if at:
        try:
            if match := re.fullmatch(MOMENT_PATTERN, at):
                offset = match.start(4)  # the offset's sign: a space stands for '+'
                if offset > 0 and at[offset] == " ":
                    at = f"{at[:offset]}+{at[offset + 1 :]}"
                moment = parse_datetime(at)
                if moment is None:
                    day = dt.date.fromisoformat(at)
                    moment = dt.datetime.combine(day, dt.time(12), tzinfo=AMSTERDAM)
        except ValueError:
            moment = None
        if moment is not None and not is_supported_day(moment.date()):
            # 0001-01-01 or 9999-12-31T23:59:59-12:00 cannot be moved to UTC and back.
            return Status(400, parameter_problem("at", OUT_OF_RANGE))
        if moment is None:
            return Status(
                400,
                parameter_problem(
                    "at",
                    _(
                        "‘at’ is geen geldig moment. Gebruik ISO 8601, bijvoorbeeld 2023-02-06T10:00:00+01:00."
                    ),
                ),
            )
    status = relay_status(moment)
    wait = status.time_to_handover
    return Status(
        200,
        {
            "at": status.at,
            "edition": status.edition.year if status.edition else None,
            "on_turn": status.on_turn.region.slug if status.on_turn else None,
            "next": status.next.region.slug if status.next else None,
            "handover_at": status.handover_at,
            "seconds_to_handover": int(wait.total_seconds()) if wait is not None else None,
        },
    )


@router.get(
    "regions/lookup",
    response={200: RegionLookupOut, 400: Problem, 404: Problem},
    summary="Province and region of a Dutch postcode",
    openapi_extra={"parameters": [POSTCODE]},
)
def region_lookup(request: HttpRequest):
    """An invalid postcode gets 400; a valid one no province knows gets 404."""
    try:
        parsed, province = lookup_postcode(request.GET.get("postcode", ""))
    except InvalidPostcode as error:
        return Status(400, parameter_problem("postcode", error))
    except UnknownPostcode as error:
        return Status(404, parameter_problem("postcode", error))
    return Status(
        200,
        {
            "postcode": str(parsed),
            "province": province.code,
            "province_name": province.name,
            "region": province.region.slug,
        },
    )
