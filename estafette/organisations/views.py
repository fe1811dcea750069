"""Pages for organisations: list, public page, create, join, members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from estafette.core.caching import cache_public_page
from estafette.core.forms import flash_service_errors
from estafette.core.http import query_value
from estafette.organisations import queries, services
from estafette.organisations.forms import DecisionForm, OrganisationForm, RoleForm, SearchForm
from estafette.organisations.models import Membership, Organisation
from estafette.organisations.permissions import is_admin_of


@cache_public_page
def organisation_list(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(queries.search_organisations(query), 50).get_page(
        query_value(request.GET, "page", old="pagina")
    )
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
            organisation = services.create_organisation(
                profile=services.OrganisationProfile(**form.cleaned_data), by=request.user
            )
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
                organisation=organisation,
                profile=services.OrganisationProfile(**form.cleaned_data),
                by=request.user,
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
            flash_service_errors(request, error)
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
        flash_service_errors(request, error)
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
