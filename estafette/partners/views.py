"""Pages for partners: an activity's partners and invitations, the invitations waiting for me."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from estafette.activities.permissions import Action, get_activity_for
from estafette.core.forms import flash_service_errors
from estafette.organisations.forms import SearchForm
from estafette.organisations.queries import search_organisations
from estafette.partners import queries, services
from estafette.partners.forms import AnswerForm, InviteByEmailForm, InviteOrganisationForm
from estafette.partners.models import Partner


@login_required
def invitation_list(request):
    return render(request, "partners/invitations.html", queries.invitations_context(request.user))


@login_required
@require_POST
def invitation_answer(request, pk):
    invitation = get_object_or_404(
        Partner.objects.select_related("activity", "organisation"), pk=pk
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies accepteren of afslaan."))
    else:
        try:
            services.answer_invitation(
                invitation=invitation,
                accept=form.accepted,
                by=request.user,
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            flash_service_errors(request, error)
        else:
            done = (
                _("U organiseert nu mee aan ‘%(title)s’.")
                if form.accepted
                else _("U heeft de uitnodiging voor ‘%(title)s’ afgeslagen.")
            )
            messages.success(request, done % {"title": invitation.activity.title})
    return redirect(_safe_next(request) or "partners:invitations")


def _safe_next(request) -> str:
    """The page to return to (e.g. the organiser's dashboard that includes the invitations)."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


STEP = "partners"  # ?stap=partners: the step that follows submitting an activity


def _is_step(request) -> bool:
    return request.GET.get("stap", request.POST.get("stap")) == STEP


def _partners_page(activity, *, step: bool):
    url = reverse("partners:partners", args=[activity.pk])
    return redirect(f"{url}?stap={STEP}" if step else url)


def _render_partners(request, activity, *, search, email_form, query="", results=(), status=200):
    return render(
        request,
        "partners/partners.html",
        {
            "activity": activity,
            "is_step": _is_step(request),
            "step": STEP,
            "may_send": activity.status in services.INVITING_STATUSES,
            "partners": queries.partners_of(activity),
            "search": search,
            "query": query,
            "results": results,
            "email_form": email_form,
        },
        status=status,
    )


@login_required
def activity_partners(request, pk):
    activity = get_activity_for(request.user, pk, Action.PARTNERS)
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    invited = set(activity.partners.values_list("organisation_id", flat=True))
    results = []
    if query:
        results = [
            organisation
            for organisation in search_organisations(query)[:20]
            if organisation.pk not in invited and organisation.pk != activity.lead_organisation_id
        ]
    return _render_partners(
        request,
        activity,
        search=search,
        email_form=InviteByEmailForm(),
        query=query,
        results=results,
    )


@login_required
@require_POST
def activity_invite(request, pk):
    activity = get_activity_for(request.user, pk, Action.PARTNERS)
    by_email = "email" in request.POST
    form = (InviteByEmailForm if by_email else InviteOrganisationForm)(request.POST)
    if not form.is_valid():
        if by_email:  # show the form again with its errors and what was typed
            return _render_partners(
                request, activity, search=SearchForm(), email_form=form, status=400
            )
        messages.error(request, _("Kies een organisatie uit de zoekresultaten."))
        return _partners_page(activity, step=_is_step(request))
    try:
        invitation = services.invite_partner(
            activity=activity, by=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        flash_service_errors(request, error)
    else:
        messages.success(
            request,
            _("%(partner)s is uitgenodigd. Hier ziet u of de uitnodiging is geaccepteerd.")
            % {"partner": invitation.label},
        )
    return _partners_page(activity, step=_is_step(request))
