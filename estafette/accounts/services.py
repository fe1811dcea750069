"""Changes to accounts: deleting one's own account."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from estafette.organisations.models import Membership


def organisations_blocking_deletion(user) -> list:
    """Organisations where the user is the last admin while others are still members."""
    blocking = []
    mine = Membership.objects.admins().filter(user=user).select_related("organisation")
    for membership in mine:
        others = membership.organisation.memberships.active().exclude(user=user)
        if others.exists() and not others.filter(role=Membership.Role.ADMIN).exists():
            blocking.append(membership.organisation)
    return blocking


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete the user; their activities stay with the organisation, memberships go.

    The last admin of an organisation with other members hands over the admin role first.
    """
    blocking = organisations_blocking_deletion(user)
    if blocking:
        raise ValidationError(
            _(
                "U bent de laatste beheerder van %(names)s. Maak eerst een ander lid beheerder; "
                "daarna kunt u uw account verwijderen."
            )
            % {"names": ", ".join(str(organisation) for organisation in blocking)}
        )
    user.memberships.all().delete()
    try:
        with transaction.atomic():
            user.delete()
    except ProtectedError:
        # Something (e.g. an audit trail entry) must keep pointing at this user: erase the
        # personal data and close the account instead of deleting the row.

        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.email = f"verwijderd-{user.pk}@invalid.example"
        user.full_name = _("Verwijderde gebruiker")
        user.first_name = user.last_name = ""
        user.is_active = False
        user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.coordinated_regions.clear()
