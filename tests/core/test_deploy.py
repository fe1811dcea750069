"""Production settings pass Django's deployment checks and send strict security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "TESTING", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        SECRET_KEY="a-long-production-secret-key-for-the-check-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="slimmezorgestafette.nl",
        HTTPS="true",
        DATABASE_URL="sqlite:////tmp/estafette-deploy-check.sqlite3",
        **extra,
    )
    return env


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = _production_env(REQUIRE_SECRET_KEY="true")
    env.pop("SECRET_KEY")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_development_key_is_flagged_by_the_deploy_check():
    env = _production_env()
    env.pop("SECRET_KEY")
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_a_plain_runserver_setup_serves_pages_over_http_without_debug(tmp_path):
    """Outside tools run migrate + runserver with only environment variables: no HTTPS redirect."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "TESTING", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'plain.sqlite3'}"
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'estafette.settings'); django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from django.test import Client; r = Client(HTTP_HOST='127.0.0.1').get('/');"
        "print(r.status_code); print(Client(HTTP_HOST='127.0.0.1').get('/static/css/site.css').status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.stdout.split() == ["200", "200"], result.stdout + result.stderr


@pytest.mark.django_db
def test_pages_carry_strict_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "frame-ancestors 'none'" in csp
        and "object-src 'none'" in csp
    )


def test_security_txt_is_published(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith("Contact: mailto:") and "Expires: " in body


def test_the_checks_of_the_database_are_clean_on_sqlite():
    """`migrate` runs them (every `make run` does): a model the embedded database cannot hold
    as written, such as an index with included columns, would greet each start with a
    warning."""
    result = _manage(
        "check", "--database", "default", "--fail-level", "WARNING", env=_production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
