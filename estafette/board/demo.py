"""Demo calls on the partners wanted board, for the weeks still to come. Deterministic."""

import datetime as dt

from estafette.board.models import Call, WantedKind
from estafette.organisations.models import Membership, Organisation
from estafette.relay.models import Stage

CALLS = [
    (
        "Bibliotheek gezocht voor een digicafé over zorg-apps",
        "We willen inwoners laten oefenen met apps voor de huisarts en de apotheek. We zoeken "
        "een bibliotheek met een ruimte en digicoaches.",
        [Organisation.Kind.LIBRARY],
    ),
    (
        "Zorgaanbieder gezocht voor een middag over slimme hulpmiddelen thuis",
        "Een informatiemiddag voor mantelzorgers in het wijkcentrum. Wie laat zien hoe een "
        "medicijndispenser of sensor werkt?",
        [Organisation.Kind.CARE_PROVIDER],
    ),
    (
        "Gemeente en school gezocht voor een pitch van studenten",
        "Studenten zorg en techniek pitchen ideeën voor langer thuis wonen. We zoeken een "
        "gemeente voor de jury en een school die meedoet.",
        [Organisation.Kind.MUNICIPALITY, Organisation.Kind.EDUCATION],
    ),
]


def seed_calls(today: dt.date) -> int:
    """A few calls per region for its week in the coming edition; left alone when calls exist."""
    if Call.objects.exists():
        return 0
    stages = (
        Stage.objects.filter(starts_on__gt=today).select_related("region").order_by("starts_on")[:4]
    )
    created = 0
    for stage_number, stage in enumerate(stages):
        organisations = list(
            Organisation.objects.filter(province__region=stage.region).order_by("id")[:3]
        )
        for number, organisation in enumerate(organisations):
            title, plan, kinds = CALLS[(stage_number + number) % len(CALLS)]
            admin = (
                Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)
                .select_related("user")
                .first()
            )
            call = Call.objects.create(
                organisation=organisation,
                created_by=admin.user if admin else None,
                stage=stage,
                title=title,
                plan=plan,
            )
            WantedKind.objects.bulk_create([WantedKind(call=call, kind=kind) for kind in kinds])
            created += 1
    return created
