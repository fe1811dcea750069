"""The API's documentation page runs under our own CSP: Swagger UI from our static files, no
CDN, no inline script."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "cdn" not in page.lower()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts
    for attributes, body in scripts:
        # Only external files from our origin run; JSON data blocks do not execute.
        assert 'src="/static/' in attributes or 'type="application/json"' in attributes
        if "src=" in attributes:
            assert body.strip() == ""
            src = re.search(r'src="([^"]+)"', attributes).group(1)
            assert client.get(src).status_code == 200, src
    css = re.search(r'href="(/static/ninja/swagger-ui[^"]*\.css)"', page).group(1)
    assert client.get(css).status_code == 200
    assert client.get("/api/v1/openapi.json").json()["info"]["title"]


def test_the_docs_page_has_a_language_and_our_contrast_fixes(client):
    page = client.get("/api/v1/docs").content.decode()
    assert '<html lang="en">' in page
    css = re.search(r'href="(/static/css/api-docs[^"]*\.css)"', page).group(1)
    assert ".opblock-summary-method" in b"".join(client.get(css)).decode()
