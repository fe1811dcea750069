"""Coordinators hide a result (audit-logged); the API detail carries `results`, documented."""

import pytest

from estafette.core.models import AuditEntry
from estafette.results import services
from tests.factories import ActivityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_api_detail_lists_results_with_participants_and_materials(client, reported):
    data = client.get(f"/api/v1/activities/{reported.activity_id}").json()
    assert data["results"] == {
        "participants": 25,
        "professionals": 15,
        "citizens": 8,
        "summary": "Nieuwe afspraken met de gemeente.",
        "lessons": "Nodig ook de bibliotheek uit.",
        "materials": [
            {
                "kind": "link",
                "title": "Opname",
                "url": "https://video.example/1",
                "type": None,
                "size": None,
                "alt": None,
            }
        ],
    }
    assert data["title"] == reported.activity.title  # the other fields are still there


def test_the_api_detail_has_null_results_until_reported(client):
    activity = ActivityFactory()
    assert client.get(f"/api/v1/activities/{activity.pk}").json()["results"] is None


def test_the_openapi_document_describes_the_results(client):
    schema = client.get("/api/v1/openapi.json").json()
    results = schema["components"]["schemas"]["ActivityResults"]
    assert set(results["properties"]) >= {
        "participants",
        "professionals",
        "citizens",
        "summary",
        "materials",
    }
    detail = schema["paths"]["/api/v1/activities/{activity_id}"]["get"]["responses"]["200"]
    assert "ActivityDetail" in str(detail)


def test_the_coordinator_hides_a_result_and_it_leaves_page_and_api(
    coordinator_client, coordinator_oost, reported, client
):
    url = reported.activity.get_absolute_url()
    assert "Nieuwe afspraken" in client.get(url).content.decode()

    response = coordinator_client.post(
        f"/beoordelen/terugblik/{reported.activity_id}/verbergen/",
        {"reason": "Bevat namen van deelnemers."},
    )

    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.is_hidden
    entry = AuditEntry.objects.get(action="result.hidden", target_id=reported.pk)
    assert (entry.actor, entry.message) == (coordinator_oost, "Bevat namen van deelnemers.")
    coordinator_client.logout()
    assert "Nieuwe afspraken" not in client.get(url).content.decode()
    api = client.get(f"/api/v1/activities/{reported.activity_id}").json()
    assert api["results"] is None


def test_hiding_needs_a_reason(coordinator_client, reported):
    coordinator_client.post(f"/beoordelen/terugblik/{reported.activity_id}/verbergen/", {})
    reported.refresh_from_db()
    assert not reported.is_hidden


def test_hiding_keeps_the_trimmed_reason_and_marks_the_result_changed(
    coordinator_client, coordinator_oost, reported
):
    before = reported.updated_at
    services.hide_result(result=reported, by=coordinator_oost, reason="  Bevat namen.  ")
    reported.refresh_from_db()
    assert (reported.is_hidden, reported.hidden_reason) == (True, "Bevat namen.")
    assert reported.updated_at > before
    services.show_result(result=reported, by=coordinator_oost)
    reported.refresh_from_db()
    assert (reported.is_hidden, reported.hidden_reason) == (False, "")


def test_the_coordinator_sees_the_regions_results_and_can_show_a_hidden_one_again(
    coordinator_client, coordinator_oost, reported
):
    services.hide_result(result=reported, by=coordinator_oost, reason="Even niet")
    page = coordinator_client.get("/beoordelen/terugblikken/").content.decode()
    assert reported.activity.title in page
    coordinator_client.post(f"/beoordelen/terugblik/{reported.activity_id}/tonen/")
    reported.refresh_from_db()
    assert not reported.is_hidden
    assert AuditEntry.objects.filter(action="result.shown").exists()


def test_only_the_regions_coordinator_may_hide(client, reported):
    from estafette.relay.models import Region
    from tests.factories import force_login_with_two_factor

    other = UserFactory()
    other.coordinated_regions.add(Region.objects.get(slug="west"))
    force_login_with_two_factor(client, other)
    response = client.post(
        f"/beoordelen/terugblik/{reported.activity_id}/verbergen/", {"reason": "x"}
    )
    assert response.status_code == 404
    reported.refresh_from_db()
    assert not reported.is_hidden
