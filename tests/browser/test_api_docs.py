"""The API's documentation page in real Chromium: Swagger UI runs under our CSP and shows every
operation of the OpenAPI document, with the filters' names and types."""

import pytest

from tests.browser.conftest import axe_violations

# What axe-core still finds in Swagger UI's own markup (rendered by its bundled script, which we
# do not change): selects and inputs of "Try it out" without labels, the operation summary
# holding a button inside a button, a scrollable example not reachable by keyboard. Reported;
# anything else fails the test.
SWAGGER_UI_OWN = {"label", "select-name", "nested-interactive", "scrollable-region-focusable"}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_every_operation_without_csp_violations(page):
    problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(message.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    # Chromium reports a blocked script or style as a securitypolicyviolation event.
    page.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = page.goto("/api/v1/docs")
    assert (
        response.status == 200
        and "script-src 'self'" in response.headers["content-security-policy"]
    )
    page.wait_for_selector(".opblock", timeout=20000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    spec = page.request.get("/api/v1/openapi.json").json()
    assert sorted(path.replace("\u200b", "") for path in paths) == sorted(spec["paths"])
    assert page.locator(".info .title").inner_text().startswith(spec["info"]["title"])

    # Open the list of activities: the filters show with their types.
    page.locator(".opblock-summary-path", has_text="/api/v1/activities").first.click()
    parameters = page.locator(".parameters .parameter__name")
    parameters.first.wait_for()
    names = {text.split()[0].rstrip("*") for text in parameters.all_inner_texts()}
    assert {"edition", "region", "theme", "from", "page"} <= names
    assert "array<string>" in page.locator(".parameters").inner_text()

    assert page.evaluate("window.__csp") == []
    assert problems == []


def test_the_docs_page_has_a_language_and_enough_contrast(page):
    page.goto("/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=20000)
    page.locator(".opblock-summary-path", has_text="/api/v1/activities").first.click()
    page.locator(".parameters .parameter__name").first.wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    found = {violation["id"]: violation for violation in axe_violations(page)}
    summary = [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for name, v in found.items()
        if name not in SWAGGER_UI_OWN
    ]
    assert not summary, "\n".join(summary)
