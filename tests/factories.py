"""Factories for tests: realistic defaults, reference data (regions, editions) from migrations."""

import datetime as dt

import factory
from django.utils.text import slugify

from estafette.accounts.models import User
from estafette.activities.models import Activity, ActivityType, Audience, Theme
from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.core.dates import AMSTERDAM
from estafette.organisations.models import Membership, Organisation
from estafette.relay.models import Edition, Province, Stage


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)


def stage_of(year: int, region: str) -> Stage:
    return Stage.objects.select_related("edition", "region").get(
        edition__year=year, region__slug=region
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password("Geheim-wachtwoord-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Zorggroep Voorbeeld {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisation.Kind.CARE_PROVIDER
    province = factory.LazyFunction(lambda: Province.objects.get(code="NL-OV"))
    town = "Enschede"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.ADMIN


class ActivityFactory(factory.django.DjangoModelFactory):
    """A published in-person workshop in Enschede during oost's week of 2023."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    class Params:
        year = 2023
        region = "oost"

    stage = factory.LazyAttribute(lambda o: stage_of(o.year, o.region))
    edition = factory.LazyAttribute(lambda o: o.stage.edition)
    lead_organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Workshop zorg op afstand {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Ontdek hoe beeldbellen de zorg thuis makkelijker maakt."
    description = "We laten zien hoe zorg op afstand werkt en u probeert het zelf uit."
    format = Activity.Format.IN_PERSON
    venue_name = "Wijkcentrum De Bron"
    street_address = "Hengelosestraat 1"
    postcode = "7511 AA"
    town = "Enschede"
    province = factory.LazyFunction(lambda: Province.objects.get(code="NL-OV"))
    starts_at = factory.LazyAttribute(lambda o: at(o.stage.starts_on + dt.timedelta(days=1), 14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    signup_mode = Activity.SignupMode.PLATFORM
    capacity = 30
    status = Activity.Status.PUBLISHED

    @factory.post_generation
    def vocabularies(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.themes.add(Theme.objects.get(slug="zorg-op-afstand"))
        obj.types.add(ActivityType.objects.get(slug="workshop"))
        obj.audiences.add(Audience.objects.get(slug="burgers"))
        refresh_vocabulary_bits([obj.pk])

    @factory.post_generation
    def search_entry(obj, create, extracted, **kwargs):
        # Made outside the services, like the seeder's rows: indexed here, as the seeder does.
        if create and obj.is_public:
            from estafette.agenda.search import index_activities

            index_activities([obj.pk])


def edition(year: int) -> Edition:
    return Edition.objects.get(year=year)


class VerifiedUserFactory(UserFactory):
    """A user whose e-mail address allauth knows as verified, so they can log in."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


def add_totp(user) -> str:
    """Give the user an authenticator app; return its secret (to compute codes in tests)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, offset: int = 0) -> str:
    """The code an authenticator app shows now (offset in 30-second steps)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def force_login_with_two_factor(client, user) -> None:
    """Log the test client in as if the user passed allauth's TOTP step (staff, coordinators)."""
    import time

    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        add_totp(user)
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "mfa", "at": time.time(), "type": "totp"}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def edit_published(activity, *, by=None, relations=None, approver=None):
    """An organiser's edit of a published activity and the coordinator's approval of it: the
    two steps after which the edit is online (see activities.services.propose_revision)."""
    from estafette.activities import services

    services.update_activity(activity=activity, by=by, relations=relations)
    revision = activity.revisions.pending().first()
    if revision is not None:
        services.approve_revision(revision=revision, by=approver)
    return activity
