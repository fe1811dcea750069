"""The client's address for every rate limit: X-Forwarded-For only behind our proxy, one hop."""

from django.test import RequestFactory

from estafette.core.clients import client_ip


def request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    forged = request(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(forged) == "198.51.100.7"


def test_behind_the_proxy_only_the_hop_it_added_counts(settings):
    settings.BEHIND_PROXY = True
    # The client sent "1.2.3.4" itself; nginx appended the address it saw.
    forwarded = request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_ip(forwarded) == "203.0.113.9"


def test_behind_the_proxy_without_the_header_the_peer_counts(settings):
    settings.BEHIND_PROXY = True
    assert client_ip(request(REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
