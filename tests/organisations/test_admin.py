"""Staff's edits of organisations and their members in the Django admin are in the audit trail;
requests and roles stay the organisation's admins' to decide."""

import pytest

from estafette.core.models import AuditEntry
from estafette.organisations.models import Membership
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return f"/beheer/organisations/organisation/{organisation.pk}/change/"


def test_renaming_an_organisation_is_audited_with_the_changed_field(
    site_admin_client, site_admin, organisation
):
    data = change_form_data(site_admin_client.get(url(organisation)))
    data["name"] = "Zorggroep Twente en Achterhoek"
    response = site_admin_client.post(url(organisation), data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Zorggroep Twente en Achterhoek"
    entry = AuditEntry.objects.get(action="organisation.changed_by_staff")
    assert (entry.actor, entry.target_id, entry.data) == (
        site_admin,
        organisation.pk,
        {"fields": ["name"]},
    )


def test_saving_without_a_change_writes_no_entry(site_admin_client, organisation):
    data = change_form_data(site_admin_client.get(url(organisation)))
    assert site_admin_client.post(url(organisation), data).status_code == 302
    assert not AuditEntry.objects.exists()


def test_a_members_role_and_status_are_shown_not_edited(site_admin_client, organisation, organiser):
    page = site_admin_client.get(url(organisation))
    (inline,) = page.context["inline_admin_formsets"]
    fields = inline.formset.forms[0].fields
    assert "role" not in fields and "status" not in fields
    assert "Beheerder" in page.content.decode() or "Lid" in page.content.decode()


def test_removing_a_member_in_the_admin_is_audited(
    site_admin_client, site_admin, organisation, organiser
):
    membership = Membership.objects.get(user=organiser)
    data = change_form_data(site_admin_client.get(url(organisation)))
    prefix = next(name for name in data if name.endswith("-0-id")).removesuffix("-id")
    data[f"{prefix}-DELETE"] = "on"
    assert site_admin_client.post(url(organisation), data).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="membership.deleted_by_staff")
    assert (entry.actor, entry.target_id) == (site_admin, membership.pk)
