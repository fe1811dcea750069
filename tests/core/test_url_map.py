"""The address map: every named address of our own apps, with its route, in the order Django
tries them. `url_map.txt` beside this file is the map as it stands; a change to an address or a
name (or to the order, which decides what matches first) must show up there on purpose."""

from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

SNAPSHOT = Path(__file__).with_name("url_map.txt")

# Left out, by their place on the site: the admin's and the knowledge editor's (Wagtail) pages,
# which are not ours, and the API's, which its routers declare (tests/api/test_openapi.py).
LEFT_OUT = ("beheer/", "redactie/", "api/")


def named_routes(patterns, prefix="", namespace=""):
    """(namespace:name, route) of every named address, nested lists included, skipping the URL
    modules of other packages (allauth, Wagtail, Django's i18n)."""
    for entry in patterns:
        route = prefix + getattr(entry.pattern, "_route", "")
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_module, "__name__", "estafette.")
            if not module.startswith("estafette.") or route.startswith(LEFT_OUT):
                continue
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from named_routes(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield ":".join(filter(None, [namespace, entry.name])), route


def current_map() -> list[str]:
    return [f"{name} /{route}" for name, route in named_routes(get_resolver().url_patterns)]


def test_every_name_keeps_its_address():
    expected = SNAPSHOT.read_text().splitlines()
    assert current_map() == expected


def test_the_map_covers_every_app():
    namespaces = {line.split(":")[0] for line in current_map() if ":" in line.split()[0]}
    assert {
        "accounts",
        "activities",
        "agenda",
        "board",
        "figures",
        "organisations",
        "pages",
        "partners",
        "posters",
        "relay",
        "results",
        "signups",
    } <= namespaces
