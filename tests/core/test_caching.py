"""Anonymous public pages come from the cache until public data changes."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from estafette.core.caching import bump_public_version, cache_public_page

pytestmark = pytest.mark.django_db(transaction=True)

calls = []


@cache_public_page
def counting_view(request):
    calls.append(1)
    return HttpResponse(f"render {len(calls)}")


def _get(path="/agenda/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return counting_view(request)


def test_second_anonymous_request_is_a_cache_hit_until_the_version_is_bumped():
    calls.clear()
    first, second = _get(), _get()
    assert first.content == second.content == b"render 1"
    assert second["X-Cache"] == "hit"
    with transaction.atomic():
        bump_public_version()
    third = _get()
    assert third.content == b"render 2"


def test_a_bump_in_a_rolled_back_transaction_changes_nothing():
    calls.clear()
    _get("/x/")
    with pytest.raises(RuntimeError), transaction.atomic():
        bump_public_version()
        raise RuntimeError("rollback")
    assert _get("/x/")["X-Cache"] == "hit"
