"""The public agenda (list, calendar and map of one filter) and the activity page."""

from csp.decorators import csp_replace
from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from estafette.activities.models import (
    AccessibilityFacility,
    Activity,
    ActivityType,
    Audience,
    Theme,
)
from estafette.activities.queries import load_vocabularies
from estafette.agenda import calendar, search, tallies
from estafette.agenda.filters import AgendaFilterForm
from estafette.agenda.mapview import map_context, venue_map
from estafette.agenda.queries import (
    PageOutOfRange,
    facet_counts,
    filtered_activities,
    paginate,
    with_distances,
)
from estafette.agenda.sharing import calendar_links, share_links
from estafette.agenda.structured import event_jsonld
from estafette.agenda.window import with_default_window
from estafette.core.caching import cache_public_page, page_shows_edition, page_shows_places
from estafette.core.http import conditional_public, places_of, webcal_address, with_query
from estafette.organisations.models import Organisation
from estafette.posters.files import own_image
from estafette.relay.models import Edition, Province, Region, Stage
from estafette.relay.queries import relay_status

VIEW_CHOICES = [
    ("list", gettext_lazy("Lijst")),
    ("calendar", gettext_lazy("Kalender")),
    ("map", gettext_lazy("Kaart")),
]
VIEWS = [key for key, _label in VIEW_CHOICES]
WIDGET_PAGE_SIZE = 10
PAGE_VOCABULARIES = ("types", "themes", "audiences", "interactive_elements", "accessibility")


def _query_without(request, *names) -> str:
    """The current query string minus some parameters, for links that change only those."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _option(value, label, count, selected):
    return {"value": value, "label": label, "count": count, "checked": value in selected}


# The vocabularies with a facet: (filter parameter, legend, model). Read once per page, for
# the counts (ids to slugs) and for the options.
VOCABULARY_FACETS = [
    ("theme", gettext_lazy("Thema"), Theme),
    ("type", gettext_lazy("Soort activiteit"), ActivityType),
    ("audience", gettext_lazy("Doelgroep"), Audience),
    ("accessibility", gettext_lazy("Toegankelijkheid"), AccessibilityFacility),
]


def facet_vocabularies() -> dict[str, list]:
    return {name: list(model.objects.all()) for name, _legend, model in VOCABULARY_FACETS}


def relay_week_labels(cleaned) -> dict[str, str]:
    """{week number: label} of the relay's weeks: with an edition, which region is on turn and
    when ('Week 2: Oost, 13 t/m 17 februari 2023'); across editions only the number."""
    if cleaned.get("edition"):
        stages = Stage.objects.filter(edition__year=cleaned["edition"]).select_related("region")
        return {
            str(stage.order): _("Week %(number)s: %(region)s, %(period)s")
            % {"number": stage.order, "region": stage.region.name, "period": stage.period_label}
            for stage in stages.order_by("order")
        }
    orders = Stage.objects.order_by("order").values_list("order", flat=True).distinct()
    return {str(order): _("Week %(number)s") % {"number": order} for order in orders}


def facet_groups(form, counts, vocabularies, weeks, provinces) -> list[dict]:
    """The filter form's choice groups with the number of results next to each value.

    Every option stays, also with 0: the counts are of the results as filtered now, and a
    region, week or theme without any of them still gives results when chosen instead (one
    value of a group, or any of several themes), so hiding it would hide a way out."""
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}

    def selected(name):
        value = data.get(name)
        if value in (None, ""):
            return set()
        return {str(v) for v in value} if isinstance(value, list) else {str(value)}

    def one_of(name, legend, everything, options, help_text=""):
        """As any_of, but one value at a time, after an option for `everything` (no value)."""
        group = any_of(name, legend, options, help_text)
        no_value = _option("", everything, None, selected(name) or {""})
        return {**group, "multiple": False, "options": [no_value, *group["options"]]}

    def any_of(name, legend, options, help_text=""):
        chosen = selected(name)
        return {
            "name": name,
            "legend": legend,
            "help": help_text,
            "multiple": True,
            "options": [
                _option(value, label, counts.get(name, {}).get(value, 0), chosen)
                for value, label in options
            ],
        }

    def vocabulary(name, legend, help_text=""):
        items = [(item.slug, item.label) for item in vocabularies[name]]
        return any_of(name, legend, items, help_text)

    legends = {name: legend for name, legend, _model in VOCABULARY_FACETS}
    yes_no = [("true", _("Ja")), ("false", _("Nee"))]
    return [
        one_of(
            "region",
            _("Regio"),
            _("Alle regio's"),
            [(r.slug, r.name) for r in Region.objects.all()],
        ),
        one_of("week", _("Week van de estafette"), _("Alle weken"), list(weeks.items())),
        one_of(
            "province", _("Provincie"), _("Alle provincies"), [(p.code, p.name) for p in provinces]
        ),
        one_of("format", _("Vorm"), _("Alle vormen"), Activity.Format.choices),
        vocabulary("theme", legends["theme"]),
        vocabulary("type", legends["type"]),
        vocabulary(
            "audience",
            legends["audience"],
            _(
                "Voor wie de activiteit bedoeld of interessant is, bijvoorbeeld burgers én zorgprofessionals."
            ),
        ),
        any_of(
            "kind",
            _("Soort organisator"),
            Organisation.Kind.choices,
            _("De organisator of een partner die meedoet."),
        ),
        vocabulary(
            "accessibility",
            legends["accessibility"],
            _("Alleen activiteiten met alles wat u aanvinkt."),
        ),
        one_of("interactive", _("Interactief"), _("Alle activiteiten"), yes_no),
        one_of("signup", _("Aanmelden"), _("Alle manieren"), Activity.SignupMode.choices),
        any_of("has_places", _("Plaatsen"), [("true", _("Nog plaatsen vrij"))]),
    ]


def _agenda_context(request, form) -> tuple[dict, int]:
    view = request.GET.get("view") or "list"
    context = {
        "form": form,
        "view": view if view in VIEWS else "list",
        "view_choices": VIEW_CHOICES,
        "editions": list(Edition.objects.visible().order_by("-year")),
        "provinces": list(Province.objects.order_by("name")),
        "query_without_view": _query_without(request, "view", "page", "day"),
        "query_without_page": _query_without(request, "page"),
        "webcal_url": webcal_address(
            with_query("/agenda.ics", _query_without(request, "view", "page", "day"))
        ),
        "activities": [],
    }
    vocabularies = facet_vocabularies()
    provinces = context["provinces"]
    if not form.is_valid():
        context["facets"] = facet_groups(form, {}, vocabularies, relay_week_labels({}), provinces)
        return context, 400
    cleaned = form.cleaned_data
    # A search term ranks by relevance unless the visitor asks for dates (see apply_search).
    context["sort"] = "relevance" if cleaned.get("q") and cleaned.get("sort") != "date" else "date"
    activities = filtered_activities(cleaned)
    items = {name: {item.pk: item.slug for item in found} for name, found in vocabularies.items()}
    counts = kept = wide = None
    if tallies.applies(cleaned):  # a whole edition, or every edition: the kept counts
        kept = tallies.KeptCounts(tallies.edition_ids(cleaned, context["editions"]))
        counts = kept.facet_counts(items, provinces)
    else:  # a search that finds most of its editions: all less what it leaves out
        wide = tallies.WideSearch(cleaned, context["editions"])
        counts = wide.facet_counts(items, provinces)
    if counts is None:
        counts = facet_counts(activities, items=items)
    total = sum(counts["format"].values())  # every activity has exactly one format
    weeks = relay_week_labels(cleaned)
    context["facets"] = facet_groups(form, counts, vocabularies, weeks, provinces)
    if context["view"] == "calendar":
        try:
            day = calendar.parse_day(request.GET.get("day")) or calendar.default_day(cleaned)
        except calendar.InvalidDay as error:
            form.add_error(None, str(error))
            return context, 400
        grid = request.GET.get("grid") == "day"
        # A wide search's matches, as the editions less what it leaves out (tallies.WideSearch).
        found = wide.found() if wide else None
        if found is not None:
            activities = found
        context.update(
            grid="day" if grid else "week",
            week=None if grid else calendar.week_grid(activities, day),
            daygrid=calendar.day_grid(activities, day) if grid else None,
            relay_weeks=calendar.relay_weeks(cleaned),
            query_without_day=_query_without(request, "day", "grid", "page"),
            count=total,
        )
    elif context["view"] == "map":
        context.update(
            map_context(
                activities,
                counts["region"],
                cleaned.get("region") or None,
                _query_without(request, "view", "page", "day", "q"),
                found=kept.regions_and_towns() if kept else wide and wide.regions_and_towns(),
            )
        )
        context["count"] = total
    else:
        try:
            # The cards show each activity's places: the page depends on theirs.
            # Every edition in date order: their runs merged (see page_ids). Not for a search,
            # which reads its matches once, nor for dates, which the index of ends finds
            # across the editions (each run read its whole edition instead: "near me this week"
            # 14 → 16 ms).
            merged = not any(cleaned.get(name) for name in ("edition", "q", "from", "to"))
            ids = tallies.edition_ids(cleaned, context["editions"])
            # A search with no other filter ranks its entries alone (PostgreSQL).
            ranked = None
            if context["sort"] == "relevance" and tallies.applies_to_search(cleaned):
                ranked = search.ranked_entries(cleaned["q"], ids)
            page = paginate(
                activities,
                cleaned["page"],
                total=total,
                shows_places=True,
                editions=ids if merged else None,
                ranked=ranked,
            )
        except PageOutOfRange as error:
            form.add_error("page", str(error))
            return context, 400
        activities = with_distances(page.object_list, cleaned.get("near"))
        context.update(activities=activities, page_obj=page, count=page.paginator.count)
    return context, 200


@require_GET
def agenda(request):
    if not request.GET:
        # The bare agenda opens on the edition that runs or comes next (archives stay one click
        # away); the filter is explicit in the address, so the page stays shareable and the
        # feeds and API with the same parameters give the same list.
        status = relay_status()
        if status.edition is not None:
            return redirect(f"{request.path}?edition={status.edition.year}")
    return agenda_page(request)


@cache_public_page
def agenda_page(request):
    with search.words_looked_up_once():
        context, status = _agenda_context(request, AgendaFilterForm(request.GET))
    return render(request, "agenda/agenda.html", context, status=status)


@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@cache_public_page
def widget(request):
    """A compact agenda for an iframe on an organisation's or region's own website: the
    filtered list in date order, 10 at a time, what is coming unless dates are given."""
    form = AgendaFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "agenda/widget.html", {"form": form}, status=400)
    # Without an edition or dates: what is coming, as the feeds show it.
    activities = filtered_activities({**with_default_window(form.cleaned_data), "sort": "date"})
    try:
        page = paginate(activities, form.cleaned_data["page"], per_page=WIDGET_PAGE_SIZE)
    except PageOutOfRange as error:
        form.add_error("page", str(error))
        return render(request, "agenda/widget.html", {"form": form}, status=400)
    agenda_query = _query_without(request, "page", "view")
    return render(
        request,
        "agenda/widget.html",
        {
            "form": form,
            "page_obj": page,
            "activities": with_distances(page.object_list, form.cleaned_data["near"]),
            "agenda_url": with_query(f"{settings.SITE_URL}/agenda/", agenda_query),
            "query_without_page": _query_without(request, "page"),
        },
    )


@require_GET
def widget_maker(request):
    """Where an organiser picks the widget's filters and copies the snippet."""
    form = AgendaFilterForm(request.GET or None)
    query = ""
    if form.is_bound and form.is_valid():
        query = _query_without(request, "page", "view")
    src = with_query(f"{settings.SITE_URL}/agenda/widget/", query)
    return render(
        request,
        "agenda/widget_maker.html",
        {
            "form": form,
            "regions": Region.objects.all(),
            "editions": Edition.objects.visible().order_by("-year"),
            "widget_src": src,
            "widget_path": with_query(reverse("agenda:widget"), query),
            "snippet": (
                f'<iframe src="{src}" title="{_("Agenda van de Slimme Zorg Estafette")}" '
                'width="100%" height="600" style="border:0" loading="lazy"></iframe>'
            ),
        },
    )


@require_GET
@cache_public_page
@conditional_public(depends=places_of("pk"))
def activity_detail(request, pk, slug):
    # The page shows one edition's activity: only that edition's changes make it old, and
    # a sign-up only when it changes this activity's places.
    page_shows_edition(Activity.objects.filter(pk=pk).values_list("edition_id", flat=True).first())
    page_shows_places([pk])
    activity = get_object_or_404(
        Activity.objects.published().with_public_relations().select_related("own_image"), pk=pk
    )
    if activity.slug != slug:
        return redirect(activity, permanent=True)
    load_vocabularies([activity], PAGE_VOCABULARIES)  # one query, not one per vocabulary
    url = settings.SITE_URL + activity.get_absolute_url()  # as in the feeds and the API
    organisers = activity.public_organisers()
    card_url = settings.SITE_URL + reverse("posters:card", kwargs={"pk": activity.pk})
    return render(
        request,
        "agenda/activity.html",
        {
            "activity": activity,
            "organisers": organisers,
            "jsonld": event_jsonld(activity, url, organisers, image=card_url),
            "absolute_url": url,
            "calendar_links": calendar_links(activity, url),
            "share_links": share_links(activity, url),
            "og_image": card_url,
            "own_image": own_image(activity),
            **venue_map(activity),
        },
    )
