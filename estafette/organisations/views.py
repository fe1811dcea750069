"""Pages for organisations: list, public page, create, join, members, co-organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from estafette.activities.models import Activity, CoOrganisation
from estafette.core.caching import cache_public_page
from estafette.organisations import queries, services
from estafette.organisations.forms import (
    AnswerForm,
    DecisionForm,
    InviteByEmailForm,
    InviteOrganisationForm,
    OrganisationForm,
    RoleForm,
    SearchForm,
)
from estafette.organisations.models import Membership, Organisation
from estafette.organisations.permissions import can_act_for_activity, is_admin_of


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@cache_public_page
def organisation_list(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(queries.search_organisations(query), 50).get_page(request.GET.get("pagina"))
    return render(request, "organisations/list.html", {"form": form, "query": query, "page": page})


@cache_public_page
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("province"), slug=slug)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "editions": queries.activities_by_edition(organisation),
        },
    )


@login_required
def organisation_create(request):
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s staat op het platform. U bent beheerder.") % {"name": organisation},
            )
            return redirect("organisations:members", slug=organisation.slug)
    return render(request, "organisations/create.html", {"form": form})


@login_required
def organisation_edit(request, slug):
    organisation = _admin_organisation(request, slug)
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        initial={
            field: getattr(organisation, field)
            for field in ["name", "kind", "province", "town", "website", "description"]
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De gegevens van de organisatie zijn opgeslagen."))
            return redirect(organisation)
    return render(request, "organisations/edit.html", {"form": form, "organisation": organisation})


@login_required
def organisation_join(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if request.method == "POST":
        try:
            services.request_membership(organisation=organisation, by=request.user)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(
                request,
                _("Uw verzoek is verstuurd. De beheerders van %(name)s beslissen erover.")
                % {"name": organisation},
            )
        return redirect("accounts:overview")
    return render(request, "organisations/join.html", {"organisation": organisation})


def _admin_organisation(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not is_admin_of(request.user, organisation):
        raise PermissionDenied(_("Alleen beheerders van de organisatie kunnen dit doen."))
    return organisation


@login_required
def organisation_members(request, slug):
    organisation = _admin_organisation(request, slug)
    members = list(queries.members_of(organisation))
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "requests": [m for m in members if m.status == Membership.Status.REQUESTED],
            "members": [m for m in members if m.status == Membership.Status.ACTIVE],
            "roles": Membership.Role.choices,
        },
    )


def _membership_action(request, slug, pk, action):
    organisation = _admin_organisation(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    try:
        action(membership)
    except ValidationError as error:
        _error_messages(request, error)
    return redirect("organisations:members", slug=organisation.slug)


@login_required
@require_POST
def membership_decide(request, slug, pk):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies goedkeuren of afwijzen."))
        return redirect("organisations:members", slug=slug)

    def decide(membership):
        services.decide_membership(membership=membership, approve=form.approved, by=request.user)
        messages.success(request, _("Uw besluit is opgeslagen en per e-mail gemeld."))

    return _membership_action(request, slug, pk, decide)


@login_required
@require_POST
def membership_role(request, slug, pk):
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een bestaande rol."))
        return redirect("organisations:members", slug=slug)

    def change(membership):
        services.change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
        messages.success(request, _("De rol is gewijzigd."))

    return _membership_action(request, slug, pk, change)


@login_required
@require_POST
def membership_remove(request, slug, pk):
    def remove(membership):
        services.remove_member(membership=membership, by=request.user)
        messages.success(request, _("Het lid is verwijderd."))

    return _membership_action(request, slug, pk, remove)


@login_required
def invitation_list(request):
    return render(
        request,
        "organisations/invitations.html",
        {"invitations": queries.pending_invitations_for(request.user)},
    )


@login_required
@require_POST
def invitation_answer(request, pk):
    invitation = get_object_or_404(
        CoOrganisation.objects.select_related("activity", "organisation"), pk=pk
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies accepteren of afslaan."))
    else:
        try:
            services.answer_invitation(invitation=invitation, accept=form.accepted, by=request.user)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            done = (
                _("U organiseert nu mee aan ‘%(title)s’.")
                if form.accepted
                else _("U heeft de uitnodiging voor ‘%(title)s’ afgeslagen.")
            )
            messages.success(request, done % {"title": invitation.activity.title})
    return redirect(_safe_next(request) or "organisations:invitations")


def _safe_next(request) -> str:
    """The page to return to (e.g. the organiser's dashboard that includes the invitations)."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def _activity_for_organiser(request, pk):
    activity = get_object_or_404(Activity.objects.select_related("lead_organisation"), pk=pk)
    if not can_act_for_activity(request.user, activity):
        raise PermissionDenied(_("U organiseert deze activiteit niet."))
    return activity


@login_required
def activity_partners(request, pk):
    activity = _activity_for_organiser(request, pk)
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    invited = set(activity.partnerships.values_list("organisation_id", flat=True))
    results = []
    if query:
        results = [
            organisation
            for organisation in queries.search_organisations(query)[:20]
            if organisation.pk not in invited and organisation.pk != activity.lead_organisation_id
        ]
    return render(
        request,
        "organisations/partners.html",
        {
            "activity": activity,
            "partners": queries.partners_of(activity),
            "search": search,
            "query": query,
            "results": results,
            "email_form": InviteByEmailForm(),
        },
    )


@login_required
@require_POST
def activity_invite(request, pk):
    activity = _activity_for_organiser(request, pk)
    by_email = "email" in request.POST
    form = (InviteByEmailForm if by_email else InviteOrganisationForm)(request.POST)
    if not form.is_valid():
        if by_email:  # show the form again with its errors and what was typed
            return render(
                request,
                "organisations/partners.html",
                {
                    "activity": activity,
                    "partners": queries.partners_of(activity),
                    "search": SearchForm(),
                    "email_form": form,
                },
                status=400,
            )
        messages.error(request, _("Kies een organisatie uit de zoekresultaten."))
        return redirect("organisations:partners", pk=activity.pk)
    try:
        invitation = services.invite_partner(
            activity=activity, by=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            _("%(partner)s is uitgenodigd. Hier ziet u of de uitnodiging is geaccepteerd.")
            % {"partner": services.partner_label(invitation)},
        )
    return redirect("organisations:partners", pk=activity.pk)
