"""Log a test client in through allauth's real pages (password, then TOTP when set up)."""

from tests.factories import totp_code

PASSWORD = "Geheim-wachtwoord-123"


def log_in(client, user, *, password=PASSWORD, totp_secret=None):
    from allauth.account.models import EmailAddress

    # Users from the plain UserFactory have not verified their address yet; log-in needs it.
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    response = client.post("/account/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not response["Location"].startswith("/account/confirm-email/")
    if totp_secret:
        assert response["Location"].startswith("/account/2fa/authenticate/")
        response = client.post("/account/2fa/authenticate/", {"code": totp_code(totp_secret)})
        assert response.status_code == 302, response.content.decode()[:2000]
    return response
