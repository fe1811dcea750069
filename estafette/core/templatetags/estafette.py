"""Template helpers shared by every app."""

import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from estafette.core.dates import activity_when

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str) -> str:
    """The current page's address in another language (Dutch at /, English at /en/)."""
    request = context.get("request")
    if request is None:
        return "/"
    url = translate_url(request.get_full_path(), language)
    return url


@register.simple_tag
def site_url() -> str:
    return settings.SITE_URL


@register.simple_tag(takes_context=True)
def absolute_url(context, language: str | None = None) -> str:
    """This page's full address (in another language when given): canonical, hreflang, og:url."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    if language:
        path = translate_url(path, language)
    return f"{settings.SITE_URL}{path}"


@register.filter
def duration_words(delta) -> str:
    """A timedelta as '3 dagen en 4 uur', '2 uur en 5 minuten' or '45 minuten'."""
    if delta is None:
        return ""
    seconds = max(int(delta.total_seconds()), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    day_words = ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days}
    hour_words = ngettext("%(n)d uur", "%(n)d uur", hours) % {"n": hours}
    minute_words = ngettext("%(n)d minuut", "%(n)d minuten", minutes) % {"n": minutes}
    if days:
        return _("%(a)s en %(b)s") % {"a": day_words, "b": hour_words}
    if hours:
        return _("%(a)s en %(b)s") % {"a": hour_words, "b": minute_words}
    return minute_words


@register.filter
def when(activity) -> str:
    """`{{ activity|when }}`: 'maandag 1 t/m vrijdag 5 februari 2027, 09:00–17:00'."""
    return activity_when(activity) if activity else ""


@register.filter
def when_short(activity) -> str:
    """`{{ activity|when_short }}`: 'ma 1 t/m vr 5 februari 2027, 09:00–17:00' (widget, tight spaces)."""
    return activity_when(activity, short=True) if activity else ""


@register.filter(is_safe=True)
def link_own_addresses(text) -> str:
    """Escape the text and make links only of our own addresses (SITE_URL): a name someone
    typed, like "Klik http://evil.example", stays plain text in an HTML e-mail."""
    escaped = escape(str(text))
    site = re.escape(escape(settings.SITE_URL.rstrip("/")))
    return mark_safe(
        re.sub(site + r"(?:/[^\s<]*)?", lambda m: f'<a href="{m[0]}">{m[0]}</a>', escaped)
    )


def _text(value) -> str:
    """A value as `{{ value }}` writes it: localised, then escaped unless already safe."""
    return conditional_escape(localize(value))


@register.filter
def facet_options(group) -> str:
    """The options of one agenda facet (`facet_groups` in estafette.agenda.views): an input with
    its label and the number of results each. Written here rather than in a template loop: the
    panel has about ninety options and rendering them tag by tag cost about 5 ms a page."""
    kind = "checkbox" if group["multiple"] else "radio"
    name = _text(group["name"])
    results = _text(_("resultaten"))
    parts = []
    for option in group["options"]:
        value = option["value"]
        key = f"f-{name}-{_text(value or 'all')}"
        checked = " checked" if option["checked"] else ""
        count = ""
        if option["count"] is not None:
            count = (
                f' <span class="facet-count">({_text(option["count"])}'
                f'<span class="visually-hidden"> {results}</span>)</span>'
            )
        parts.append(
            f'<div class="facet-option"><input type="{kind}" name="{name}" value="{_text(value)}"'
            f' id="{key}"{checked}><label for="{key}">{_text(option["label"])}{count}</label></div>'
        )
    return mark_safe("".join(parts))
