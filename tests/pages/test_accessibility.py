"""The accessibility statement is an information page like the others (pages app)."""

import pytest
from django.urls import resolve, reverse

from estafette.pages import views

pytestmark = pytest.mark.django_db


def test_the_statement_is_served_by_the_pages_app(client):
    assert reverse("pages:accessibility") == "/toegankelijkheid/"
    assert resolve("/toegankelijkheid/").func is views.accessibility_statement
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    assert "pages/accessibility.html" in [template.name for template in response.templates]
    assert 'href="/toegankelijkheid/"' in client.get("/privacy/").content.decode()  # footer
