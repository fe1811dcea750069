"""Organiser pages (dashboard, activity form, cancel, duplicate) and the review pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from estafette.accounts.permissions import two_factor_required
from estafette.activities import importer, services
from estafette.activities.forms import (
    ActivityForm,
    CancelForm,
    CoordinatorNoteForm,
    ImportForm,
    RejectForm,
    RejectRevisionForm,
    RequestChangesForm,
)
from estafette.activities.models import Activity, ImportBatch, Revision
from estafette.activities.permissions import (
    Action,
    can,
    get_activity_for,
    inviting_organisation_ids,
    may_see_for_moderation,
    moderation_regions,
)
from estafette.activities.queries import (
    activities_of,
    coordinator_note_text,
    moderation_age,
    moderation_queue,
    waiting_since,
)
from estafette.activities.revisions import diff, form_initial, pending_revision
from estafette.core.audit import action_label, audit_trail
from estafette.core.dates import local_today
from estafette.core.forms import flash_service_errors
from estafette.core.http import query_value
from estafette.organisations.permissions import organisations_of
from estafette.partners.queries import invitations_context, partners_of

RELATED = ("edition", "stage__region", "lead_organisation", "province", "created_by")


def _organised(request, pk, action: Action) -> Activity:
    return get_activity_for(request.user, pk, action, Activity.objects.select_related(*RELATED))


def _signups_url(activity):
    try:
        return reverse("signups:participants", kwargs={"pk": activity.pk})
    except NoReverseMatch:
        return ""


@login_required
def dashboard(request):
    activities = list(activities_of(request.user))
    inviting = inviting_organisation_ids(request.user)
    for activity in activities:
        activity.may_invite = activity.lead_organisation_id in inviting
        activity.signups_url = _signups_url(activity) if activity.signup_mode == "platform" else ""
        if activity.status == Activity.Status.CHANGES_REQUESTED:
            activity.request = services.latest_request(activity)
    return render(
        request,
        "activities/dashboard.html",
        {
            "activities": activities,
            **invitations_context(request.user),
            "open_edition": services.open_edition(),
            "may_moderate": moderation_regions(request.user).exists(),
        },
    )


def _save(request, form, activity_exists: bool):
    relations = {
        name: form.cleaned_data[name]
        for name in services.REVIEWED_RELATIONS
        if name in form.cleaned_data
    }
    activity = form.instance
    if activity_exists:
        return services.update_activity(activity=activity, by=request.user, relations=relations)
    return services.create_activity(activity=activity, by=request.user, relations=relations)


def _after_save(request, saved, *, submit: bool):
    if submit:
        try:
            services.submit_activity(activity=saved, by=request.user)
        except ValidationError as error:
            flash_service_errors(request, error)
            return redirect("activities:edit", pk=saved.pk)
        messages.success(
            request, _("Ingediend. De coördinator van uw regio bekijkt de activiteit.")
        )
        if can(request.user, saved, Action.PARTNERS):  # the next step: organise it together
            return redirect(reverse("partners:partners", args=[saved.pk]) + "?stap=partners")
        return redirect("activities:dashboard")
    if saved.status == Activity.Status.PUBLISHED and pending_revision(saved):
        messages.success(
            request,
            _(
                "Uw wijzigingen wachten op de coördinator. Tot die ze goedkeurt, "
                "staat de huidige versie online."
            ),
        )
    else:
        messages.success(request, _("Opgeslagen."))
    return redirect("activities:edit", pk=saved.pk)


def _activity_form(request, activity=None):
    edition = activity.edition if activity else services.open_edition()
    if edition is None:
        messages.error(request, _("Er is nog geen editie open om activiteiten aan te melden."))
        return redirect("activities:dashboard")
    wants_submit = "submit" in request.POST
    is_draft = activity is None or activity.status in {
        Activity.Status.DRAFT,
        Activity.Status.CHANGES_REQUESTED,
    }
    draft_save = request.method == "POST" and is_draft and not wants_submit
    revision = (
        pending_revision(activity)
        if activity is not None and activity.status == Activity.Status.PUBLISHED
        else None
    )
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        user=request.user,
        edition=edition,
        draft=draft_save,
        initial=form_initial(revision.changes) if revision else None,
    )
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(request, form, activity is not None)
        except ValidationError as error:  # a right the form could not check (the services do)
            form.add_error(None, error)
    if saved is not None:
        return _after_save(request, saved, submit=wants_submit and is_draft)
    if request.method == "POST":
        messages.error(request, _("Nog niet opgeslagen: verbeter de fouten hieronder."))
    if activity is not None and activity.status == Activity.Status.PUBLISHED:
        # The form holds the organiser's proposal: the diff and the errors compare with what is
        # online, so read that afresh.
        activity = Activity.objects.select_related(*RELATED).get(pk=activity.pk)
    return render(
        request,
        "activities/form.html",
        {
            "form": form,
            "activity": activity,
            "edition": edition,
            "is_draft": is_draft,
            "revision": revision,
            "revision_diff": diff(activity, revision.changes) if revision else [],
            "rejected_revision": _last_rejected(activity) if activity and not revision else None,
            "may_invite": activity is not None and can(request.user, activity, Action.PARTNERS),
        },
    )


def _last_rejected(activity):
    """The organisers' latest revision, when the coordinator turned it down (to show why)."""
    latest = activity.revisions.filter(
        status__in=[Revision.Status.APPROVED, Revision.Status.REJECTED]
    ).first()
    return latest if latest is not None and latest.status == Revision.Status.REJECTED else None


@login_required
def create(request):
    return _activity_form(request)


@login_required
def edit(request, pk):
    activity = _organised(request, pk, Action.EDIT)
    if activity.status in {Activity.Status.CANCELLED, Activity.Status.REJECTED}:
        messages.error(request, _("Deze activiteit kunt u niet meer bewerken."))
        return redirect("activities:dashboard")
    return _activity_form(request, activity)


@login_required
def cancel(request, pk):
    activity = _organised(request, pk, Action.CANCEL)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_activity(
                activity=activity, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De activiteit is geannuleerd."))
            return redirect("activities:dashboard")
    return render(request, "activities/cancel.html", {"form": form, "activity": activity})


@login_required
@require_POST
def duplicate(request, pk):
    activity = _organised(request, pk, Action.DUPLICATE)
    try:
        copy = services.duplicate_activity(
            activity=activity, by=request.user, into_edition=services.open_edition()
        )
    except ValidationError as error:
        flash_service_errors(request, error)
        return redirect("activities:dashboard")
    messages.warning(
        request,
        _("Gekopieerd als concept. Kies nieuwe datums in de week van uw regio en dien het in."),
    )
    return redirect("activities:edit", pk=copy.pk)


# Moderation -------------------------------------------------------------------------------


def _reviewable(request, pk) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related(*RELATED).prefetch_related(*services.REVIEWED_RELATIONS),
        pk=pk,
    )
    if not may_see_for_moderation(request.user, activity):
        raise Http404
    return activity


@two_factor_required
def queue(request):
    regions = moderation_regions(request.user)
    if not regions.exists():
        raise PermissionDenied
    chosen = query_value(request.GET, "region", old="regio")
    if chosen:
        regions = regions.filter(slug=chosen)
    status = request.GET.get("status", "")
    if status not in [*Activity.Status.values, "changed"]:
        status = ""
    is_staff = request.user.is_staff or request.user.is_superuser
    items = list(
        moderation_queue(regions, status=status or None, include_national=is_staff and not chosen)
    )
    today = local_today()
    for item in items:
        item.age = moderation_age(waiting_since(item), today=today)
        item.may_approve = item.status == Activity.Status.SUBMITTED or item.has_revision
    return render(
        request,
        "activities/queue.html",
        {
            "items": items,
            "may_approve_some": any(item.may_approve for item in items),
            "regions": moderation_regions(request.user),
            "chosen": chosen,
            "status": status,
            "statuses": [
                ("changed", _("Wijziging wacht op goedkeuring")),
                *Activity.Status.choices,
            ],
        },
    )


@two_factor_required
def review(request, pk):
    activity = _reviewable(request, pk)
    return _render_review(request, activity)


def _labelled(entries):
    statuses = dict(Activity.Status.choices)
    entries = list(entries)
    for entry in entries:
        entry.action_label = action_label(entry.action)
        entry.from_label = statuses.get(entry.from_status, entry.from_status)
        entry.to_label = statuses.get(entry.to_status, entry.to_status)
        fields = entry.data.get("fields") if isinstance(entry.data, dict) else None
        entry.field_labels = ", ".join(services.field_label(name) for name in fields or [])
    return entries


def _render_review(request, activity, **forms):
    revision = pending_revision(activity)
    return render(
        request,
        "activities/review.html",
        {
            "activity": activity,
            "partners": partners_of(activity),
            "revision": revision,
            "revision_diff": diff(activity, revision.changes) if revision else [],
            "trail": _labelled(audit_trail(activity)),
            "changes_form": forms.get("changes_form") or RequestChangesForm(),
            "reject_form": forms.get("reject_form") or RejectForm(),
            "revision_form": forms.get("revision_form") or RejectRevisionForm(),
            "note_form": forms.get("note_form")
            or CoordinatorNoteForm(initial={"text": coordinator_note_text(activity)}),
        },
        status=400 if forms else 200,
    )


def _decide(request, pk, decide, success: str, form_class=None, form_name=""):
    activity = _reviewable(request, pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return _render_review(request, activity, **{form_name: form})
    try:
        decide(activity, form.cleaned_data if form else {})
    except ValidationError as error:
        flash_service_errors(request, error)
        return redirect("activities:review", pk=activity.pk)
    messages.success(request, success)
    return redirect("activities:queue")


@require_POST
@two_factor_required
def approve(request, pk):
    return _decide(
        request,
        pk,
        lambda activity, data: services.approve_activity(activity=activity, by=request.user),
        _("Goedgekeurd en gepubliceerd. De organisator krijgt een e-mail."),
    )


@require_POST
@two_factor_required
def approve_selected(request):
    """The queue's "Geselecteerde goedkeuren": every checked item through the approve service,
    one by one; what could not be approved is named with the reason."""
    if not moderation_regions(request.user).exists():
        raise PermissionDenied
    pks = [value for value in request.POST.getlist("activity") if value.isdigit()]
    back = reverse("activities:queue") + (f"?{request.GET.urlencode()}" if request.GET else "")
    if not pks:
        messages.error(request, _("Kies eerst een of meer activiteiten om goed te keuren."))
        return redirect(back)
    outcome = services.approve_selected(pks=[int(pk) for pk in pks], by=request.user)
    if outcome.approved:
        messages.success(
            request,
            ngettext(
                "%(count)d activiteit goedgekeurd. De organisator krijgt een e-mail.",
                "%(count)d activiteiten goedgekeurd. De organisatoren krijgen een e-mail.",
                len(outcome.approved),
            )
            % {"count": len(outcome.approved)},
        )
    for title, reason in outcome.refused:
        if title:
            messages.error(
                request,
                _("Niet goedgekeurd: %(title)s. %(reason)s") % {"title": title, "reason": reason},
            )
        else:
            messages.error(request, _("Niet goedgekeurd: %(reason)s") % {"reason": reason})
    return redirect(back)


# The review page's answers that send the activity back (services.SEND_BACK): the form, its
# name on the page, its field with the coordinator's words, and what the coordinator is told.
SEND_BACK_FORMS = {
    Activity.Status.CHANGES_REQUESTED: (
        RequestChangesForm,
        "changes_form",
        "message",
        gettext_lazy("Teruggestuurd naar de organisator met uw vraag."),
    ),
    Activity.Status.REJECTED: (
        RejectForm,
        "reject_form",
        "full_reason",
        gettext_lazy("Afgewezen. De organisator krijgt een e-mail met de reden."),
    ),
}


def _send_back(request, pk, to_status):
    form_class, form_name, words, success = SEND_BACK_FORMS[to_status]
    return _decide(
        request,
        pk,
        lambda activity, data: services.send_back(
            activity=activity, by=request.user, to_status=to_status, words=data[words]
        ),
        success,
        form_class,
        form_name,
    )


@require_POST
@two_factor_required
def ask_changes(request, pk):
    return _send_back(request, pk, Activity.Status.CHANGES_REQUESTED)


@require_POST
@two_factor_required
def reject(request, pk):
    return _send_back(request, pk, Activity.Status.REJECTED)


@require_POST
@two_factor_required
def coordinator_note(request, pk):
    activity = _reviewable(request, pk)
    form = CoordinatorNoteForm(request.POST)
    if not form.is_valid():
        return _render_review(request, activity, note_form=form)
    services.set_coordinator_note(
        activity=activity, by=request.user, text=form.cleaned_data["text"]
    )
    messages.success(request, _("De notitie is opgeslagen."))
    return redirect(reverse("activities:review", kwargs={"pk": activity.pk}) + "#note-heading")


def _revision_of(request, pk, revision_pk):
    activity = _reviewable(request, pk)
    return activity, get_object_or_404(Revision, pk=revision_pk, activity=activity)


@require_POST
@two_factor_required
def approve_revision(request, pk, revision):
    activity, revision = _revision_of(request, pk, revision)
    try:
        services.approve_revision(revision=revision, by=request.user)
    except ValidationError as error:
        flash_service_errors(request, error)
        return redirect("activities:review", pk=activity.pk)
    messages.success(request, _("De wijziging staat online. De organisator krijgt een e-mail."))
    return redirect("activities:queue")


@require_POST
@two_factor_required
def reject_revision(request, pk, revision):
    activity, revision = _revision_of(request, pk, revision)
    form = RejectRevisionForm(request.POST)
    if not form.is_valid():
        return _render_review(request, activity, revision_form=form)
    try:
        services.reject_revision(revision=revision, by=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        flash_service_errors(request, error)
        return redirect("activities:review", pk=activity.pk)
    messages.success(
        request,
        _(
            "De wijziging is afgewezen; de huidige versie blijft online. De organisator krijgt een e-mail."
        ),
    )
    return redirect("activities:queue")


# Bulk import ------------------------------------------------------------------------------


def _organisers_region(user):
    """The region of the user's organisation, to date the import's example in its week."""
    organisation = organisations_of(user).select_related("province__region").first()
    return organisation.province.region if organisation and organisation.province_id else None


def _render_import(request, *, form, edition, result=None, checked=None, file_error=""):
    return render(
        request,
        "activities/import.html",
        {
            "form": form,
            "result": result,
            "checked": checked,
            "file_error": file_error,
            "columns": importer.columns(edition, _organisers_region(request.user)),
        },
        status=400 if (file_error or form.errors or (result and not result.is_valid)) else 200,
    )


def _imported(request, batch, result):
    messages.success(
        request,
        _("%(count)d activiteiten geïmporteerd als concept.") % {"count": len(result.activities)},
    )
    return redirect("activities:import_batch", token=batch.token)


@login_required
def import_activities(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    edition = services.open_edition()
    result, checked, file_error = None, None, ""
    if request.method == "POST" and form.is_valid():
        upload, lead = form.cleaned_data["file"], form.cleaned_data["lead_organisation"]
        data = upload.read()
        common = {"data": data, "filename": upload.name, "edition": edition, "by": request.user}
        try:
            if "import" in request.POST:
                batch, result = importer.import_file(**common, lead_organisation=lead)
                if batch is not None:
                    return _imported(request, batch, result)
            else:
                result = importer.import_activities(**common, lead_organisation=lead, dry_run=True)
                if result.is_valid:
                    checked = importer.keep_checked_file(
                        data=data, filename=upload.name, lead_organisation=lead, by=request.user
                    )
        except importer.ImportFileError as error:
            file_error = str(error)
    return _render_import(
        request, form=form, edition=edition, result=result, checked=checked, file_error=file_error
    )


@login_required
@require_POST
def import_checked(request):
    """The one-click import after a clean dry run: the file kept on the server, not a copy."""
    try:
        batch, result = importer.import_checked_file(
            token=request.POST.get("checked", ""), edition=services.open_edition(), by=request.user
        )
    except importer.ImportFileError as error:
        messages.error(request, str(error))
        return redirect("activities:import")
    if batch is None:
        form = ImportForm(user=request.user)
        return _render_import(request, form=form, edition=services.open_edition(), result=result)
    return _imported(request, batch, result)


def _import_batch(request, token) -> tuple[ImportBatch, list[Activity]]:
    batch = get_object_or_404(
        ImportBatch, token=token, created_by=request.user, imported_at__isnull=False
    )
    activities = list(
        activities_of(request.user).filter(pk__in=batch.activities.values("pk")).order_by("pk")
    )
    return batch, activities


def _drafts(activities) -> list[Activity]:
    waiting = {Activity.Status.DRAFT, Activity.Status.CHANGES_REQUESTED}
    return [activity for activity in activities if activity.status in waiting]


@login_required
def import_batch(request, token):
    batch, activities = _import_batch(request, token)
    return render(
        request,
        "activities/import_batch.html",
        {"batch": batch, "activities": activities, "drafts": _drafts(activities)},
    )


@login_required
@require_POST
def submit_batch(request, token):
    batch, activities = _import_batch(request, token)
    submitted, refused = services.submit_activities(activities=_drafts(activities), by=request.user)
    return render(
        request,
        "activities/import_batch.html",
        {
            "batch": batch,
            "activities": activities,
            "drafts": _drafts(activities),
            "submitted": submitted,
            "refused": refused,
            "tried": True,
        },
    )


@login_required
def import_template(request, kind):
    example = {"edition": services.open_edition(), "region": _organisers_region(request.user)}
    if kind == "csv":
        return HttpResponse(
            importer.template_csv(**example),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="activiteiten.csv"'},
        )
    return HttpResponse(
        importer.template_xlsx(**example),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="activiteiten.xlsx"'},
    )
