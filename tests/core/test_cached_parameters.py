"""The front cache's parameter list comes from the apps: the agenda's from its filter form, the
same fields the API documents, so a new filter is cached without a second list to update."""

from django.http import QueryDict

from estafette.agenda.filters import AgendaFilterForm
from estafette.core.caching import CACHED_PARAMETERS, cache_address


def test_every_agenda_filter_is_a_cached_parameter():
    assert set(AgendaFilterForm().fields) <= CACHED_PARAMETERS
    assert {"view", "day", "grid", "kaart", "at", "postcode"} <= CACHED_PARAMETERS


def test_an_address_with_every_filter_is_stored_and_an_unknown_parameter_is_not():
    query = QueryDict(mutable=True)
    for name in AgendaFilterForm().fields:
        query[name] = "x"
    assert cache_address("https", "example.nl", "/agenda/", query) is not None
    query["utm_source"] = "x"
    assert cache_address("https", "example.nl", "/agenda/", query) is None
