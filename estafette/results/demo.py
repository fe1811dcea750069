"""Demo content for results and the partners wanted board: a few results ("terugblik") in the
weeks that are over, and calls for partners in the coming edition. Deterministic."""

import datetime as dt

from estafette.activities.models import Activity
from estafette.board.demo import seed_calls
from estafette.core.dates import local_today
from estafette.relay.models import Stage
from estafette.results.models import Result

RESULTS_PER_STAGE = 4

SUMMARIES = [
    "Zorgprofessionals en inwoners probeerden samen beeldbellen. Twee huisartsenpraktijken "
    "willen het nu in hun wijk aanbieden.",
    "De bibliotheek en de wijkverpleging spraken af om elke maand een digicafé te houden.",
    "Veel vragen over zorg-apps. De gemeente maakt een lijst van betrouwbare apps voor inwoners.",
    "Studenten zorg en techniek werkten een middag samen met cliënten. Er kwamen vijf ideeën uit "
    "die de zorgorganisatie verder uitwerkt.",
    "Mantelzorgers deelden hun ervaringen met een medicijndispenser. De leverancier past de "
    "uitleg aan.",
]
LESSONS = [
    "Begin met een korte demonstratie en laat mensen daarna zelf oefenen.",
    "Nodig de bibliotheek uit: zij bereiken inwoners die de zorg niet altijd bereikt.",
    "Plan de activiteit aan het eind van de middag; dan kunnen zorgprofessionals ook komen.",
    "Zorg voor genoeg tablets en een paar vrijwilligers die helpen.",
    "",
]


def seed_results(today: dt.date) -> int:
    """Results for a few published activities of every week that is over; left alone when
    results exist already."""
    if Result.objects.exists():
        return 0
    rows = []
    stages = Stage.objects.filter(ends_on__lt=today).order_by("edition__year", "order")
    for stage_number, stage in enumerate(stages):
        activities = (
            Activity.objects.filter(stage=stage, status=Activity.Status.PUBLISHED)
            .order_by("id")
            .values_list("id", "capacity")[:RESULTS_PER_STAGE]
        )
        for number, (pk, capacity) in enumerate(activities):
            index = stage_number + number
            participants = max(8, min(capacity or 40, 60) - (pk % 7))
            professionals = participants * (index % 3 + 1) // 5
            rows.append(
                Result(
                    activity_id=pk,
                    participants=participants,
                    professionals=professionals,
                    citizens=(participants - professionals) * 3 // 4,
                    summary=SUMMARIES[index % len(SUMMARIES)],
                    lessons=LESSONS[index % len(LESSONS)],
                )
            )
    Result.objects.bulk_create(rows)
    return len(rows)


def seed_results_and_calls(*, today: dt.date | None = None) -> dict:
    """The seeder's one call: results of past weeks, calls for the coming ones."""
    today = today or local_today()
    return {"results": seed_results(today), "partner_calls": seed_calls(today)}
