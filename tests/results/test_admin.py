"""Results in the Django admin: hiding goes through the service (an action with a reason), so
who may and why are kept; other edits by staff are in the audit trail."""

import pytest

from estafette.core.models import AuditEntry
from estafette.results.models import Result
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/beheer/results/result/"


def hide(client, result, reason=""):
    return client.post(
        CHANGELIST,
        {"action": "hide", "_selected_action": [result.pk], "reason": reason},
        follow=True,
    )


def test_hidden_is_shown_but_not_editable(site_admin_client, reported):
    page = site_admin_client.get(f"{CHANGELIST}{reported.pk}/change/")
    assert "is_hidden" not in page.context["adminform"].form.fields
    assert "hidden_reason" not in page.context["adminform"].form.fields


def test_hiding_needs_a_reason_and_is_audited(site_admin_client, site_admin, reported):
    response = hide(site_admin_client, reported)
    assert "Schrijf op waarom" in response.content.decode()
    assert not Result.objects.get(pk=reported.pk).is_hidden
    response = hide(site_admin_client, reported, reason="Bevat een telefoonnummer.")
    assert "1 terugblikken verborgen." in response.content.decode()
    reported.refresh_from_db()
    assert reported.is_hidden and reported.hidden_reason == "Bevat een telefoonnummer."
    entry = AuditEntry.objects.get(action="result.hidden")
    assert (entry.actor, entry.message) == (site_admin, "Bevat een telefoonnummer.")


def test_a_staff_edit_of_the_figures_is_audited(site_admin_client, site_admin, reported):
    url = f"{CHANGELIST}{reported.pk}/change/"
    data = change_form_data(site_admin_client.get(url))
    data["participants"] = "30"
    assert site_admin_client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="result.changed_by_staff")
    assert (entry.actor, entry.data) == (site_admin, {"fields": ["participants"]})
