"""allauth's own forms where their words differ from ours (ACCOUNT_FORMS, MFA_FORMS in settings).

Apart from forms.py: allauth's forms module imports forms.SignupForm as its base class."""

from allauth.account import forms as account_forms
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from django.utils.translation import gettext_lazy as _

from estafette.accounts.forms import OurWordsMixin


class ChangePasswordForm(OurWordsMixin, account_forms.ChangePasswordForm):
    pass


class SetPasswordForm(OurWordsMixin, account_forms.SetPasswordForm):
    pass


class ResetPasswordKeyForm(OurWordsMixin, account_forms.ResetPasswordKeyForm):
    pass


class ActivateTOTPForm(AllauthActivateTOTPForm):
    """The code from the app, labelled in our words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code uit uw app")
        self.fields["code"].widget.attrs.pop("placeholder", None)
