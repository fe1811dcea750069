"""The figures kept up to date as activities change, so a page reads a few hundred numbers instead
of counting 100,000 activities (see estafette.figures.summary).

- FigureCount: one number of an edition, per group ("all", "region:<id>", "day:<date>",
  "week:<n>", "kind:<kind>", "region-kind:<id>:<kind>") and measure ("activities",
  "format:online", "theme:<id>", "pair:<kind>+<kind>", "organisations", ...);
- FigurePresence: an organisation taking part in a group, with how many counted activities put
  it there, so the organisations of a group are counted once each;
- ActivityFigures: what one activity adds to the numbers now (to take it back when it changes);
- FigureChange: activities changed since they were last counted, a queue written in the same
  transaction as the change;
- FigureEdition: an edition whose numbers are kept; one without a row is counted from scratch.
"""

from django.db import models

from estafette.relay.models import Edition


class FigureEdition(models.Model):
    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    counted_at = models.DateTimeField()
    # The dates it was counted with: the relay weeks follow from them.
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        verbose_name = "edition counted for the figures"

    def __str__(self):
        return f"{self.edition_id} counted at {self.counted_at:%Y-%m-%d %H:%M}"


class GroupRow(models.Model):
    """A kept row of an edition's figures for one group (a region, a kind of organisation),
    unique per edition, group and the field named in `unique_per_group`."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=80)

    class Meta:
        abstract = True


def unique_per_group(field: str, name: str) -> list[models.UniqueConstraint]:
    return [models.UniqueConstraint(fields=["edition", "group", field], name=name)]


class FigureCount(GroupRow):
    measure = models.CharField(max_length=80)
    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "figure"
        constraints = unique_per_group("measure", "figure_count_unique")

    def __str__(self):
        return f"{self.edition_id} {self.group} {self.measure} = {self.n}"


class FigurePresence(GroupRow):
    # Not a foreign key: the row must outlive a deleted organisation until it is counted out.
    organisation_id = models.BigIntegerField()
    activities = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "organisation in a figures group"
        constraints = unique_per_group("organisation_id", "figure_presence_unique")

    def __str__(self):
        return f"{self.edition_id} {self.group} organisation {self.organisation_id}"


class ActivityFigures(models.Model):
    # Not foreign keys: what a deleted activity added must still be known to take it back.
    activity_id = models.BigIntegerField(primary_key=True)
    edition_id = models.BigIntegerField(db_index=True)
    data = models.JSONField()

    class Meta:
        verbose_name = "activity's share of the figures"

    def __str__(self):
        return f"activity {self.activity_id}"


class FigureChange(models.Model):
    activity_id = models.BigIntegerField()

    class Meta:
        verbose_name = "activity to count again"

    def __str__(self):
        return f"activity {self.activity_id}"
