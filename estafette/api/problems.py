"""One error shape for the whole API, in Dutch: `{"detail": ..., "errors": [...]}`.

Every 4xx answer of /api/v1/ has this shape, whether our own code refuses a value (the agenda's
filter form, a postcode, an edition) or ninja does before the view runs (a path part that is not
a number, an unknown page). `errors` names the parameters at fault, one entry each; it is empty
when no single parameter is to blame (an unknown id, a page past the end).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import ConfigDict


class ClosedSchema(Schema):
    """An answer with no field beyond those described (`additionalProperties: false`): a key
    the code adds without describing it fails the answer, and so the tests, instead of slipping
    out undocumented."""

    model_config = ConfigDict(extra="forbid")


class ParameterProblem(ClosedSchema):
    parameter: str = Field(description="Name of the query or path parameter at fault")
    message: str = Field(description="What is wrong with its value, in Dutch")


class Problem(ClosedSchema):
    """The answer to a request the API cannot serve: bad input (400) or nothing there (404)."""

    detail: str = Field(description="What went wrong, in Dutch (the first problem when several)")
    errors: list[ParameterProblem] = Field(
        description="One entry per bad parameter; empty when no parameter is to blame"
    )


def problem(detail, errors: list[tuple[str, str]] = ()) -> dict:
    return {
        "detail": str(detail),
        "errors": [{"parameter": name, "message": str(message)} for name, message in errors],
    }


def parameter_problem(parameter: str, message) -> dict:
    """A 400 about one parameter: its message is also the detail."""
    return problem(message, [(parameter, message)])


def form_problem(form) -> dict:
    """A bound, invalid Django form as a problem: one entry per message, first one as detail."""
    errors = [
        (name, message) for name, messages in form.errors.items() for message in messages
    ] or [("", _("Ongeldige parameters."))]
    return problem(errors[0][1], errors)


# What pydantic (through ninja) refuses before a view runs, said in Dutch. Ninja's own answer
# would be an English 422 with pydantic's internals.
VALIDATION_MESSAGES = {
    "int_parsing": gettext_lazy("‘%(value)s’ is geen geheel getal."),
    "int_from_float": gettext_lazy("‘%(value)s’ is geen geheel getal."),
    "int_type": gettext_lazy("‘%(value)s’ is geen geheel getal."),
    "greater_than_equal": gettext_lazy("‘%(value)s’ is te klein."),
    "greater_than": gettext_lazy("‘%(value)s’ is te klein."),
    "less_than_equal": gettext_lazy("‘%(value)s’ is te groot."),
    "less_than": gettext_lazy("‘%(value)s’ is te groot."),
    "missing": gettext_lazy("Deze parameter ontbreekt."),
}
HTTP_MESSAGES = {
    400: gettext_lazy("Dit verzoek kunnen we niet lezen."),
    401: gettext_lazy("Log eerst in."),
    403: gettext_lazy("Dit mag je niet opvragen."),
    404: gettext_lazy("Dit bestaat niet (meer), of het is niet openbaar."),
    429: gettext_lazy("Te veel verzoeken; probeer het over een minuut opnieuw."),
}


def _validation_entry(error: dict) -> tuple[str, str]:
    location = [str(part) for part in error.get("loc", ())]
    # ("path", "activity_id") or ("query", "filters", "edition"): the name is the last part.
    name = location[-1] if location else ""
    value = error.get("input", "")
    template = VALIDATION_MESSAGES.get(
        error.get("type"), gettext_lazy("‘%(value)s’ is geen geldige waarde.")
    )
    return name, template % {"value": value if isinstance(value, str | int) else ""}


def install_error_handlers(api: NinjaAPI) -> None:
    """Ninja's own refusals (422, 404, HTTP errors) in the API's one Dutch shape."""

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [_validation_entry(error) for error in exc.errors]
        detail = errors[0][1] if errors else _("Ongeldige parameters.")
        return api.create_response(request, problem(detail, errors), status=400)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, problem(HTTP_MESSAGES[404]), status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        detail = HTTP_MESSAGES.get(exc.status_code, _("Dit verzoek kunnen we niet verwerken."))
        return api.create_response(request, problem(detail), status=exc.status_code)
