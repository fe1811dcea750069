"""Demo accounts: national staff, a coordinator per region, organiser admins."""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from estafette.accounts.models import User
from estafette.organisations.models import Membership, Organisation

DEMO_PASSWORD = "estafette-demo"
STAFF_EMAIL = "beheer@example.nl"
ORGANISER_ACCOUNTS = 5


def wanted_accounts(regions, organisations: list[Organisation]) -> list[tuple]:
    """(e-mail, role, coordinated region, administered organisation) per demo account."""
    wanted = [(STAFF_EMAIL, "landelijk team (superuser)", None, None)]
    wanted += [
        (f"coordinator-{region.slug}@example.nl", f"coördinator regio {region.name}", region, None)
        for region in regions
    ]
    wanted += [
        (
            f"organisator{number}@example.nl",
            f"beheerder van {organisation.name}",
            None,
            organisation,
        )
        for number, organisation in enumerate(organisations[:ORGANISER_ACCOUNTS], start=1)
    ]
    return wanted


def create_accounts(regions, organisations: list[Organisation]):
    """The accounts that do not exist yet; returns [(e-mail, role)] and {organisation id: user}."""
    password = make_password(DEMO_PASSWORD)  # hashed once: slow on purpose, shared by all
    wanted = wanted_accounts(regions, organisations)
    existing = set(
        User.objects.filter(email__in=[email for email, *_ in wanted]).values_list(
            "email", flat=True
        )
    )
    accounts, owners = [], {}
    for email, role, region, organisation in wanted:
        if email in existing:
            continue
        user = create_account(email, role, password)
        if region is not None:
            user.coordinated_regions.add(region)
        if organisation is not None:
            Membership.objects.create(
                user=user,
                organisation=organisation,
                role=Membership.Role.ADMIN,
                status=Membership.Status.ACTIVE,
                created_at=organisation.created_at,
            )
            owners[organisation.id] = user
        accounts.append((email, role))
    return accounts, owners


def create_account(email: str, role: str, password: str) -> User:
    staff = email == STAFF_EMAIL
    user = User.objects.create(
        email=email,
        password=password,
        full_name=role[0].upper() + role[1:] + " (demo)",
        is_staff=staff,
        is_superuser=staff,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user
