"""Open data about the relay: who is on turn, and postcode → region."""

import datetime as dt

from django.http import HttpRequest
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from estafette.core.bounds import OUT_OF_RANGE, is_supported_day
from estafette.core.dates import AMSTERDAM
from estafette.relay.postcodes import InvalidPostcode, UnknownPostcode, lookup_postcode
from estafette.relay.queries import relay_status

router = Router(tags=["relay"])


class RelayOut(Schema):
    at: dt.datetime
    edition: int | None
    on_turn: str | None
    next: str | None
    handover_at: dt.datetime | None
    seconds_to_handover: int | None


class Problem(Schema):
    detail: str


class RegionLookupOut(Schema):
    postcode: str
    province: str
    province_name: str
    region: str


@router.get("relay", response={200: RelayOut, 400: Problem}, summary="Who is on turn at a moment")
def relay(request: HttpRequest, at: str | None = None):
    """`at` is an ISO 8601 moment (default: now); without an offset it is read as Europe/Amsterdam."""
    moment = None
    if at:
        try:
            moment = parse_datetime(at.replace(" ", "+"))
            if moment is None:
                day = dt.date.fromisoformat(at)
                moment = dt.datetime.combine(day, dt.time(12), tzinfo=AMSTERDAM)
        except ValueError:
            moment = None
        if moment is not None and not is_supported_day(moment.date()):
            # 0001-01-01 or 9999-12-31T23:59:59-12:00 cannot be moved to UTC and back.
            return Status(400, {"detail": str(OUT_OF_RANGE)})
        if moment is None:
            return Status(
                400,
                {
                    "detail": _(
                        "‘at’ is geen geldig moment. Gebruik ISO 8601, bijvoorbeeld 2023-02-06T10:00:00+01:00."
                    )
                },
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
)
def region_lookup(request: HttpRequest, postcode: str = ""):
    try:
        parsed, province = lookup_postcode(postcode)
    except InvalidPostcode as error:
        return Status(400, {"detail": str(error)})
    except UnknownPostcode as error:
        return Status(404, {"detail": str(error)})
    return Status(
        200,
        {
            "postcode": str(parsed),
            "province": province.code,
            "province_name": province.name,
            "region": province.region.slug,
        },
    )
