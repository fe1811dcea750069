"""Pick up co-organisation invitations when someone confirms the e-mail address they were sent to."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from estafette.organisations.services import attach_invitations_for


@receiver(email_confirmed)
def attach_invitations_on_email_confirmation(sender, request, email_address, **kwargs):
    attach_invitations_for(user=email_address.user)
