"""The activity: what an organiser registers and a visitor finds and attends."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from estafette.activities.fields import part_of_activity
from estafette.activities.rules import activity_errors
from estafette.core.models import done_by
from estafette.partners.models import Partner
from estafette.relay.models import Edition


class Vocabulary(models.Model):
    """A managed list of labels (themes, types, audiences ...) that the national team keeps."""

    slug = models.SlugField(_("code"), unique=True, max_length=60)
    name = models.CharField(_("naam"), max_length=100)
    name_en = models.CharField(_("naam (Engels)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the page's language."""
        return self.name_en if self.name_en and get_language() == "en" else self.name


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class ActivityType(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("soort activiteit")
        verbose_name_plural = _("soorten activiteit")


class Audience(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class InteractiveElement(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("interactief element")
        verbose_name_plural = _("interactieve elementen")


class AccessibilityFacility(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("toegankelijkheidsvoorziening")
        verbose_name_plural = _("toegankelijkheidsvoorzieningen")


# The managed vocabularies an activity is labelled with.
VOCABULARIES = (Theme, ActivityType, Audience, InteractiveElement, AccessibilityFacility)


class ActivityQuerySet(models.QuerySet):
    def published(self):
        """What the public sees, on every page, feed, API answer, figure and sitemap: published
        activities and cancelled ones that were published, of the editions shown to the public."""
        return self.filter(
            status__in=Activity.PUBLIC_STATUSES, edition__in=Edition.objects.visible().values("pk")
        )

    def organised_by(self, organisations):
        """Activities these organisations lead, or organise along as a partner that accepted.

        As the ids of both kinds (one UNION, read through their indexes): "leads OR EXISTS(a
        partner)" made PostgreSQL test every activity of every edition (an organisation's
        page: 509 ms at 100,000)."""
        leads = Activity.objects.filter(lead_organisation__in=organisations).order_by().values("pk")
        partnered = Partner.objects.accepted().filter(organisation__in=organisations).order_by()
        return self.filter(pk__in=leads.union(partnered.values("activity_id")))

    def with_accepted_partners(self):
        """The partners that accepted, as `accepted_partners` (one query for a whole page)."""
        if any(
            getattr(lookup, "to_attr", None) == "accepted_partners"
            for lookup in self._prefetch_related_lookups
        ):
            return self
        return self.prefetch_related(
            models.Prefetch(
                "partners",
                queryset=Partner.objects.accepted().select_related("organisation"),
                to_attr="accepted_partners",
            )
        )

    def with_public_relations(self):
        return self.select_related(
            "edition", "stage__region", "province__region", "lead_organisation", "national_moment"
        )


class Activity(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("Op locatie")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybride (op locatie én online)")

    class SignupMode(models.TextChoices):
        PLATFORM = "platform", _("Aanmelden via dit platform")
        EXTERNAL = "external", _("Aanmelden via een andere website")
        NONE = "none", _("Aanmelden is niet nodig")

    class Confirmation(models.TextChoices):
        EMAIL = "email", _("Deelnemer bevestigt eerst het e-mailadres")
        INSTANT = "instant", _("Direct bevestigd")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        SUBMITTED = "submitted", _("Ingediend")
        CHANGES_REQUESTED = "changes_requested", _("Aanpassing gevraagd")
        PUBLISHED = "published", _("Gepubliceerd")
        REJECTED = "rejected", _("Afgewezen")
        CANCELLED = "cancelled", _("Geannuleerd")

    # Once public, an activity stays public: cancelled ones show as cancelled.
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.CANCELLED)

    class Language(models.TextChoices):
        DUTCH = "nl", _("Nederlands")
        ENGLISH = "en", _("Engels")
        BOTH = "nl-en", _("Nederlands en Engels")
        FRISIAN = "fy", _("Fries")

    # Where it belongs in the relay.
    edition = models.ForeignKey(
        "relay.Edition",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("editie"),
    )
    stage = models.ForeignKey(
        "relay.Stage",
        on_delete=models.PROTECT,
        related_name="activities",
        null=True,
        blank=True,
        verbose_name=_("regioweek"),
        help_text=_("Leeg voor een landelijke activiteit."),
    )
    national_moment = models.ForeignKey(
        "relay.NationalMoment",
        on_delete=models.PROTECT,
        related_name="activities",
        null=True,
        blank=True,
        verbose_name=_("landelijk moment"),
        help_text=_("Alleen voor landelijke activiteiten."),
    )

    # Who organises it.
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("organisator"),
    )
    created_by = done_by(_("aangemaakt door"), related_name="created_activities")

    # What it is.
    title = models.CharField(_("titel"), max_length=150)
    slug = models.SlugField(_("korte naam"), max_length=170)
    summary = models.CharField(
        _("samenvatting"), max_length=300, help_text=_("Eén of twee zinnen: wat gaat er gebeuren?")
    )
    description = models.TextField(_("beschrijving"))
    types = models.ManyToManyField(
        ActivityType, related_name="activities", verbose_name=_("soort activiteit")
    )
    themes = models.ManyToManyField(Theme, related_name="activities", verbose_name=_("thema's"))
    audiences = models.ManyToManyField(
        Audience, related_name="activities", verbose_name=_("doelgroepen")
    )
    interactive_elements = models.ManyToManyField(
        InteractiveElement,
        related_name="activities",
        blank=True,
        verbose_name=_("interactieve elementen"),
    )
    language = models.CharField(
        _("taal"), max_length=5, choices=Language.choices, default=Language.DUTCH
    )

    # Where and when.
    format = models.CharField(
        _("vorm"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    venue_name = models.CharField(_("naam van de locatie"), max_length=150, blank=True)
    street_address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    town = models.CharField(_("plaats"), max_length=100, blank=True)
    province = models.ForeignKey(
        "relay.Province",
        on_delete=models.PROTECT,
        related_name="activities",
        null=True,
        blank=True,
        verbose_name=_("provincie"),
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    online_url = models.URLField(_("link naar de online bijeenkomst"), blank=True)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))

    # For whom, at what cost, how to take part.
    accessibility = models.ManyToManyField(
        AccessibilityFacility,
        related_name="activities",
        blank=True,
        verbose_name=_("toegankelijkheid"),
    )
    accessibility_notes = models.TextField(_("toelichting toegankelijkheid"), blank=True)
    is_free = models.BooleanField(_("gratis"), default=True)
    cost_description = models.CharField(_("kosten"), max_length=200, blank=True)
    signup_mode = models.CharField(
        _("aanmelden"), max_length=10, choices=SignupMode.choices, default=SignupMode.PLATFORM
    )
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), null=True, blank=True)
    max_places_per_signup = models.PositiveSmallIntegerField(
        _("plaatsen per aanmelding"),
        default=1,
        help_text=_("Meer dan 1 als deelnemers iemand mogen meenemen."),
    )
    signup_confirmation = models.CharField(
        _("bevestiging van aanmeldingen"),
        max_length=10,
        choices=Confirmation.choices,
        default=Confirmation.EMAIL,
    )
    signup_url = models.URLField(_("link om aan te melden"), blank=True)
    signup_closed = models.BooleanField(_("aanmelding gesloten"), default=False)
    places_taken = models.PositiveIntegerField(
        _("bezette plaatsen"),
        default=0,
        editable=False,
        help_text=_(
            "Bevestigde plaatsen en plaatsen die op bevestiging wachten; alleen de aanmeldservice wijzigt dit."
        ),
    )

    # Life cycle.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    cancellation_reason = models.TextField(_("reden van annulering"), blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("gekopieerd van"),
    )
    results = models.TextField(_("resultaten en lessen"), blank=True)
    sequence = models.PositiveIntegerField(
        _("versie voor agenda's"),
        default=0,
        help_text=_("Gaat omhoog als tijd, plaats of status wijzigt (iCalendar SEQUENCE)."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    reviewed_snapshot = models.JSONField(
        _("stand bij de laatste beoordeling"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "De velden zoals de coördinator ze goedkeurde; hieruit volgt wat er daarna veranderde."
        ),
    )

    # The vocabularies once more, as bits (the item with id n is bit n - 1), written with the
    # links by `activities.vocabulary_bits`: the agenda counts its facets from them in one pass
    # over the matching rows instead of joining the link tables of every edition.
    theme_bits = models.BigIntegerField(default=0, editable=False)
    type_bits = models.BigIntegerField(default=0, editable=False)
    audience_bits = models.BigIntegerField(default=0, editable=False)
    accessibility_bits = models.BigIntegerField(default=0, editable=False)
    # Likewise whether it has an interactive element, and the kinds of its organisers (the lead
    # organisation and the partners that accepted, `vocabulary_bits.KINDS` order).
    is_interactive = models.BooleanField(default=False, editable=False)
    organiser_kind_bits = models.IntegerField(default=0, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        indexes = [
            models.Index(fields=["status", "starts_at"], name="activity_status_start_idx"),
            models.Index(fields=["edition", "status", "starts_at"], name="activity_edition_idx"),
            # On PostgreSQL it also includes what the facets, the map and the page's order
            # read (migration 0018): a region over every edition reads its stages' rows alone.
            models.Index(fields=["stage", "status", "starts_at"], name="activity_stage_idx"),
            models.Index(fields=["province", "status"], name="activity_province_idx"),
            models.Index(fields=["format", "status"], name="activity_format_idx"),
            models.Index(fields=["signup_mode", "status"], name="activity_signup_idx"),
            models.Index(fields=["lead_organisation", "status"], name="activity_lead_idx"),
            models.Index(fields=["updated_at"], name="activity_updated_idx"),
            # The agenda's "from" over every edition (the home page's "near me this week"):
            # the rows that end after it, not every older edition's rows that start before.
            models.Index(fields=["status", "ends_at"], name="activity_status_end_idx"),
            # A postcode's area for "near" (agenda.places.approximate_point). The postcode
            # alone: with the coordinates after it, SQLite skip-scanned it for every "near"
            # box (Utrecht and 100 km: 74 → 291 ms at 100,000).
            models.Index(fields=["postcode"], name="activity_postcode_idx"),
            # Places left (has_places_left): the rows that take sign-ups here and are open, by
            # their end, so that counting those that have not ended reads only them (every
            # edition at 100,000: 20 → 3 ms), with what the rest of the condition reads.
            models.Index(
                fields=["ends_at", "edition", "starts_at", "capacity", "places_taken"],
                condition=Q(status="published", signup_mode="platform", signup_closed=False),
                name="activity_open_places_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="activity_ends_after_start",
                violation_error_message=_("Het einde ligt vóór het begin."),
            ),
            models.CheckConstraint(
                condition=Q(stage__isnull=False) | Q(national_moment__isnull=False),
                name="activity_in_stage_or_national",
                violation_error_message=_(
                    "Een activiteit hoort bij een regioweek of bij een landelijk moment."
                ),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(places_taken__lte=F("capacity")),
                name="activity_never_overbooked",
                violation_error_message=_("Er zijn niet meer plaatsen vrij."),
            ),
            models.CheckConstraint(
                condition=~Q(signup_mode="platform") | Q(capacity__isnull=False),
                name="activity_platform_signup_has_capacity",
                violation_error_message=_(
                    "Geef het aantal plaatsen op als deelnemers zich via dit platform aanmelden."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agenda:activity", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def region(self):
        return self.stage.region if self.stage_id else None

    @property
    def is_national(self) -> bool:
        return self.stage_id is None

    @property
    def is_online(self) -> bool:
        return self.format in {self.Format.ONLINE, self.Format.HYBRID}

    @property
    def has_venue(self) -> bool:
        return self.format in {self.Format.IN_PERSON, self.Format.HYBRID}

    @property
    def public_join_url(self) -> str:
        """The online join link as the public may see it: never when sign-up runs on this
        platform (confirmed participants get it in their e-mail and on their own page)."""
        if self.signup_mode == self.SignupMode.PLATFORM or not self.is_online:
            return ""
        return self.online_url

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken, 0)

    @property
    def is_over(self) -> bool:
        """It has ended: nobody can sign up any more, whatever places are left."""
        return self.ends_at <= timezone.now()

    @property
    def takes_signups(self) -> bool:
        """Published, not over and sign-up not closed: its pages may invite people in."""
        return self.status == self.Status.PUBLISHED and not self.signup_closed and not self.is_over

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    def public_organisers(self) -> list:
        """The lead organisation first, then the partners that accepted, by name."""
        partners = getattr(self, "accepted_partners", None)
        if partners is None:
            partners = self.partners.accepted().select_related("organisation")
        return [self.lead_organisation] + sorted(
            (p.organisation for p in partners), key=lambda organisation: organisation.name.lower()
        )

    def clean(self):
        errors = activity_errors(self)
        if errors:
            raise ValidationError(errors)


def may_have_places(now=None) -> Q:
    """Published, signing up on this platform and open, not over: the rows of the index of
    open places (activity_open_places_idx), whether a place is free or not."""
    return Q(
        signup_mode=Activity.SignupMode.PLATFORM,
        signup_closed=False,
        status=Activity.Status.PUBLISHED,
        ends_at__gt=now or timezone.now(),  # an ended activity has no places left to take
    )


def has_places_left(now=None) -> Q:
    """Places left to take here: published, signing up on this platform and open, not over,
    and a place free (or no limit). What the agenda's `has_places` filter and count mean."""
    return may_have_places(now) & (Q(capacity__isnull=True) | Q(capacity__gt=F("places_taken")))


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Revision.Status.PENDING)


class Revision(models.Model):
    """Changes an organiser proposes to the public text, time or place of a published activity.

    The published version stays online until the coordinator of its region approves the
    revision (`activities.revisions`); a new edit replaces the pending one. `changes` holds the
    proposed values of the changed fields only, as stored: primary keys for a relation, a list
    of them for a vocabulary, ISO 8601 for a moment."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op de coördinator")
        APPROVED = "approved", _("Goedgekeurd")
        REJECTED = "rejected", _("Afgewezen")
        REPLACED = "replaced", _("Vervangen door een nieuwere wijziging")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    activity = part_of_activity("revisions")
    proposed_by = done_by(_("voorgesteld door"))
    changes = models.JSONField(_("voorgestelde waarden"), encoder=DjangoJSONEncoder)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    decided_by = done_by(_("beoordeeld door"))
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    note = models.TextField(_("toelichting van de coördinator"), blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("wijzigingsvoorstel")
        verbose_name_plural = _("wijzigingsvoorstellen")
        constraints = [
            models.UniqueConstraint(
                fields=["activity"],
                condition=Q(status="pending"),
                name="revision_one_pending_per_activity",
            )
        ]

    def __str__(self):
        return f"{self.activity} ({self.get_status_display()})"


class ImportBatch(models.Model):
    """One file an organiser imports: kept on the server between a clean dry run and the import
    (so the browser never sends back a copy we would have to trust), then the drafts it made
    (so they can be submitted together)."""

    token = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("geïmporteerd door"),
    )
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisator"),
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    # The checked file until it is imported; emptied then.
    data = models.BinaryField(_("bestand"), blank=True, default=b"")
    created_at = models.DateTimeField(_("gecontroleerd op"), auto_now_add=True)
    imported_at = models.DateTimeField(_("geïmporteerd op"), null=True, blank=True)
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="+", verbose_name=_("activiteiten")
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


class CoordinatorNote(models.Model):
    """The coordinators' own note on an activity, for each other: read and written only by the
    coordinators of its region and national staff (`activities.permissions.can_moderate`).
    Organisers never see it, nor does any public page, feed, API answer or export. Kept beside
    the activity rather than in it, so that nothing that reads, serialises or copies an
    activity carries the note along."""

    activity = part_of_activity("coordinator_note", one=True)
    text = models.TextField(_("notitie voor coördinatoren"), blank=True)
    updated_by = done_by(_("laatst gewijzigd door"))
    updated_at = models.DateTimeField(_("laatst gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("notitie voor coördinatoren")
        verbose_name_plural = _("notities voor coördinatoren")

    def __str__(self):
        return str(self.activity)
