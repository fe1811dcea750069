"""Receivers for allauth's signals: what our accounts do when allauth finishes a step."""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver

from estafette.accounts.permissions import TOTP_ACTIVATED_SESSION_KEY


@receiver(authenticator_added)
def remember_totp_proved_at_activation(sender, request, user, authenticator, **kwargs):
    # Activating TOTP means typing a valid code: the second factor was used in this session.
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        request.session[TOTP_ACTIVATED_SESSION_KEY] = str(user.pk)
