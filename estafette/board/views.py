"""The partners wanted board: public list and call pages, posting, answering, deciding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from estafette.accounts.permissions import two_factor_required
from estafette.board import queries, services
from estafette.board.forms import AcceptForm, AnswerForm, BoardFilterForm, CallForm, HideCallForm
from estafette.board.models import Answer, Call, DigestSubscription
from estafette.board.permissions import answering_organisations, can_decide, can_hide
from estafette.core.caching import cache_public_page, page_shows_edition
from estafette.core.dates import local_today
from estafette.core.forms import add_service_errors, flash_service_errors
from estafette.organisations.permissions import admin_organisations, organisations_of


@require_GET
@cache_public_page
def board(request):
    form = BoardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    calls = queries.open_calls(
        local_today(), region=filters.get("region"), kind=filters.get("kind")
    )
    return render(
        request,
        "board/list.html",
        {"form": form, "calls": calls[:100]},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _call_for(request, pk, may) -> Call:
    """The call if `may(user, call)` allows; a 404 otherwise, so no one learns it exists."""
    call = get_object_or_404(
        Call.objects.select_related("organisation", "stage__region", "stage__edition", "activity"),
        pk=pk,
    )
    if not may(request.user, call):
        raise Http404
    return call


def _may_see(user, call) -> bool:
    return not call.is_hidden or can_decide(user, call) or can_hide(user, call)


@require_GET
@cache_public_page
def call_detail(request, pk):
    call = _call_for(request, pk, _may_see)
    page_shows_edition(call.stage.edition_id)  # only its edition's changes make it old
    return _render_call(request, call)


def _render_call(request, call, *, answer_form=None, status=200):
    user = request.user
    is_open = Call.objects.open_on(local_today()).filter(pk=call.pk).exists()
    context = {"call": call, "is_open": is_open}
    if user.is_authenticated:
        deciding = can_decide(user, call)
        context.update(
            may_decide=deciding,
            may_hide=can_hide(user, call),
            answers=call.answers.select_related("organisation") if deciding else [],
            accept_form=AcceptForm(call=call) if deciding else None,
            hide_form=HideCallForm(),
        )
        answering = answering_organisations(user, call)
        if is_open and answering.exists():
            context["answer_form"] = answer_form or AnswerForm(organisations=answering)
        context["my_answers"] = call.answers.filter(
            organisation__in=organisations_of(user)
        ).select_related("organisation")
    return render(request, "board/call.html", context, status=status)


@login_required
def call_create(request):
    stages = queries.stages_open_for_calls(local_today())
    form = CallForm(request.POST or None, user=request.user, stages=stages)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.post_call(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uw oproep staat op het prikbord."))
            return redirect(call)
    return render(
        request,
        "board/call_form.html",
        {"form": form, "has_organisation": form.fields["organisation"].queryset.exists()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def call_answer(request, pk):
    call = _call_for(request, pk, _may_see)
    form = AnswerForm(request.POST, organisations=answering_organisations(request.user, call))
    if form.is_valid():
        try:
            services.answer_call(
                call=call,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uw reactie is verstuurd naar de organisator."))
            return redirect(call)
    return _render_call(request, call, answer_form=form, status=400)


def _decidable_answer(request, pk, answer_pk) -> Answer:
    answer = get_object_or_404(
        Answer.objects.select_related("call__organisation", "organisation"),
        pk=answer_pk,
        call_id=pk,
    )
    if not can_decide(request.user, answer.call):
        raise Http404
    return answer


@login_required
@require_POST
def answer_accept(request, pk, answer_pk):
    answer = _decidable_answer(request, pk, answer_pk)
    form = AcceptForm(request.POST, call=answer.call)
    activity = form.cleaned_data["activity"] if form.is_valid() else None
    try:
        services.accept_answer(answer=answer, by=request.user, activity=activity)
    except ValidationError as error:
        flash_service_errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is uitgenodigd als partner.") % {"name": answer.organisation.name},
        )
    return redirect(answer.call)


@login_required
@require_POST
def answer_decline(request, pk, answer_pk):
    answer = _decidable_answer(request, pk, answer_pk)
    try:
        services.decline_answer(answer=answer, by=request.user)
    except ValidationError as error:
        flash_service_errors(request, error)
    return redirect(answer.call)


@login_required
@require_POST
def call_close(request, pk):
    call = _call_for(request, pk, can_decide)
    services.close_call(call=call, by=request.user)
    messages.success(request, _("De oproep is gesloten."))
    return redirect(call)


@require_POST
@two_factor_required
def call_hide(request, pk):
    call = _call_for(request, pk, can_hide)
    form = HideCallForm(request.POST)
    if form.is_valid():
        services.hide_call(call=call, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("De oproep is verborgen."))
    else:
        messages.error(request, _("Schrijf op waarom u de oproep verbergt."))
    return redirect(call)


@login_required
def subscriptions(request):
    organisations = admin_organisations(request.user).select_related("province__region")
    if request.method == "POST":
        organisation = get_object_or_404(organisations, pk=request.POST.get("organisation"))
        services.set_subscription(
            organisation=organisation, by=request.user, wanted=request.POST.get("wanted") == "1"
        )
        messages.success(request, _("Opgeslagen."))
        return redirect("board:subscriptions")
    subscribed = set(
        DigestSubscription.objects.filter(organisation__in=organisations).values_list(
            "organisation_id", flat=True
        )
    )
    return render(
        request,
        "board/subscriptions.html",
        {"organisations": organisations, "subscribed": subscribed},
    )
