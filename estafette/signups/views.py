"""Sign-up pages for the public (no account) and the participant list for organisers."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from estafette.activities.models import Activity
from estafette.activities.permissions import Action, get_activity_for
from estafette.agenda.ical import activity_ics
from estafette.core.clients import client_ip
from estafette.core.forms import flash_service_errors
from estafette.core.headers import private_page
from estafette.core.http import parse_bool
from estafette.core.spreadsheet import safe_cell
from estafette.signups import limits, queries, services
from estafette.signups.forms import CapacityForm, MessageForm, OverviewRequestForm, SignupForm
from estafette.signups.models import Signup, normalise_email


def _public_activity(pk):
    activity = get_object_or_404(Activity.objects.published().with_public_relations(), pk=pk)
    if activity.signup_mode != Activity.SignupMode.PLATFORM:
        raise Http404
    return activity


def sign_up(request, pk):
    activity = _public_activity(pk)
    form = SignupForm(request.POST or None, activity=activity)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not limits.allow_sign_up(ip=client_ip(request), email=normalise_email(data["email"])):
            form.add_error(
                None, _("U heeft het te vaak geprobeerd. Probeer het over een uur opnieuw.")
            )
            status = 429
        else:
            try:
                services.sign_up(
                    activity=activity,
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    role=data["role"],
                    places=data["places"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # The same answer for a new and a known address: the page must not tell a
                # stranger who signed up for a care activity. The e-mail says the rest.
                return redirect("signups:check_email", pk=activity.pk)
    elif request.method == "POST":
        status = 400
    closed_reason = services.signup_closed_reason(activity)
    context = {
        "activity": activity,
        "form": form,
        "is_open": closed_reason is None,
        "closed_reason": closed_reason,
    }
    return render(request, "signups/sign_up.html", context, status=status)


def overview_request(request):
    """A visitor asks for a mail listing all their sign-ups. The answer is the same whether or not
    the address signed up for anything: the page tells a stranger nothing."""
    form = OverviewRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = normalise_email(form.cleaned_data["email"])
        if not limits.allow_sign_up(ip=client_ip(request), email=email):
            form.add_error(
                None, _("U heeft het te vaak geprobeerd. Probeer het over een uur opnieuw.")
            )
            status = 429
        else:
            services.mail_overview(email=email)
            return render(request, "signups/overview_sent.html")
    elif request.method == "POST":
        status = 400
    return render(request, "signups/overview_request.html", {"form": form}, status=status)


def check_email(request, pk):
    return render(request, "signups/check_email.html", {"activity": _public_activity(pk)})


def _signup_or_404(token):
    signup = queries.signup_by_token(token)
    if signup is None:
        raise Http404
    return signup


def _render_personal(request, template, signup, token, **extra):
    """A page of the personal link: the sign-up, its activity and the token to act with."""
    context = {"signup": signup, "activity": signup.activity, "token": token, **extra}
    return render(request, template, context)


@private_page
def personal(request, token):
    signup = _signup_or_404(token)
    position = services.waiting_position(signup)
    return _render_personal(request, "signups/personal.html", signup, token, position=position)


@require_POST
@private_page
def confirm(request, token):
    signup = services.confirm_signup(signup=_signup_or_404(token))
    if signup.status == Signup.Status.CONFIRMED:
        messages.success(
            request, _("Uw aanmelding is bevestigd. U krijgt een e-mail met de agenda-uitnodiging.")
        )
    elif signup.status == Signup.Status.WAITING:
        messages.success(request, _("Uw e-mailadres is bevestigd. U blijft op de wachtlijst."))
    return redirect("signups:personal", token=token)


@private_page
def cancel(request, token):
    signup = _signup_or_404(token)
    if request.method == "POST":
        services.cancel_signup(signup=signup)
        messages.success(request, _("U bent afgemeld. Jammer dat u niet komt!"))
        return redirect("signups:personal", token=token)
    return _render_personal(request, "signups/cancel.html", signup, token)


@private_page
def erase(request, token):
    signup = _signup_or_404(token)
    if request.method == "POST":
        services.erase_signup(signup=signup)
        return render(request, "signups/erased.html", {"activity": signup.activity})
    return _render_personal(request, "signups/erase.html", signup, token)


@private_page
def calendar_file(request, token):
    signup = _signup_or_404(token)
    if not signup.is_holding_places:
        raise Http404
    confirmed = signup.status == Signup.Status.CONFIRMED
    content = activity_ics(signup.activity, join_link=confirmed and signup.activity.is_online)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="activiteit.ics"'
    return response


# The organiser's side.


def _managed_activity(request, pk, action: Action = Action.PARTICIPANTS):
    return get_activity_for(
        request.user, pk, action, Activity.objects.select_related("lead_organisation")
    )


@login_required
def participants(request, pk):
    activity = _managed_activity(request, pk)
    context = {
        "activity": activity,
        "lists": queries.participants(activity),
        "capacity_form": CapacityForm(initial={"capacity": activity.capacity}),
        "waiting_count": queries.waiting_list_length(activity),
    }
    return render(request, "signups/participants.html", context)


EXPORT_FIELDS = [
    (gettext_lazy("Naam"), "name"),
    (gettext_lazy("E-mailadres"), "email"),
    (gettext_lazy("Organisatie"), "organisation"),
    (gettext_lazy("Rol"), "get_role_display"),
    (gettext_lazy("Plaatsen"), "places"),
    (gettext_lazy("Status"), "get_status_display"),
    (gettext_lazy("Aangemeld op"), "created_at"),
    (gettext_lazy("Aanwezig"), "attended"),
]


def _export_rows(activity):
    yield [str(label) for label, _field in EXPORT_FIELDS]
    for signup in Signup.objects.filter(activity=activity).order_by("created_at", "id"):
        row = []
        for _label, field in EXPORT_FIELDS:
            value = getattr(signup, field)
            value = value() if callable(value) else value
            if hasattr(value, "astimezone"):
                value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            elif value is None:
                value = ""
            elif isinstance(value, bool):
                value = _("ja") if value else _("nee")
            row.append(value)
        yield row


@login_required
def export_csv(request, pk):
    activity = _managed_activity(request, pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in _export_rows(activity):
        writer.writerow([safe_cell(value) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deelnemers-{activity.pk}.csv"'
    return response


@login_required
def export_xlsx(request, pk):
    activity = _managed_activity(request, pk)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Deelnemers")
    for row in _export_rows(activity):
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="deelnemers-{activity.pk}.xlsx"'
    return response


@login_required
@require_POST
def attendance(request, pk, signup_pk):
    activity = _managed_activity(request, pk)
    signup = get_object_or_404(Signup, pk=signup_pk, activity=activity)
    value = parse_bool(request.POST.get("attended"))
    services.mark_attendance(signup=signup, attended=value, by=request.user)
    return redirect(
        reverse("signups:participants", kwargs={"pk": activity.pk}) + f"#deelnemer-{signup.pk}"
    )


@login_required
def message(request, pk):
    activity = _managed_activity(request, pk, Action.MESSAGES)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.message_participants(
            activity=activity,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            reply_to=request.user.email,
            by=request.user,
        )
        messages.success(
            request, _("Uw bericht gaat naar %(count)s deelnemers.") % {"count": count}
        )
        return redirect("signups:participants", pk=activity.pk)
    return render(request, "signups/message.html", {"activity": activity, "form": form})


@login_required
@require_POST
def close(request, pk):
    activity = _managed_activity(request, pk, Action.CAPACITY)
    closed = parse_bool(request.POST.get("closed")) is not False
    services.set_signup_closed(activity=activity, closed=closed, by=request.user)
    messages.success(
        request, _("Aanmelden is gesloten.") if closed else _("Aanmelden is weer open.")
    )
    return redirect("signups:participants", pk=activity.pk)


@login_required
@require_POST
def capacity(request, pk):
    activity = _managed_activity(request, pk, Action.CAPACITY)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.set_capacity(
                activity=activity, capacity=form.cleaned_data["capacity"], by=request.user
            )
        except ValidationError as error:
            flash_service_errors(request, error)
        else:
            messages.success(request, _("Het aantal plaatsen is aangepast."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("signups:participants", pk=activity.pk)
