"""Every change that can move a figure queues the activities it touches (summary.queue), in the
transaction of the change. Changes made with QuerySet.update() send no signal: code that changes
counted fields that way queues the activities itself."""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from estafette.activities.models import Activity
from estafette.figures import summary
from estafette.organisations.models import Organisation
from estafette.partners.models import Partner
from estafette.relay.models import Stage
from estafette.results.models import Result
from estafette.signups.models import Signup


@receiver(post_save, sender=Activity)
@receiver(post_delete, sender=Activity)
def activity_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        summary.queue([instance.pk])


@receiver(post_save, sender=Partner)
@receiver(post_delete, sender=Partner)
@receiver(post_save, sender=Signup)
@receiver(post_delete, sender=Signup)
@receiver(post_save, sender=Result)
@receiver(post_delete, sender=Result)
def part_of_an_activity_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        summary.queue([instance.activity_id])


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Themes, types and interactive elements added to or taken from activities (either side)."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            summary.queue([instance.pk])
    elif action in ("post_add", "post_remove"):
        summary.queue(pk_set or [])
    elif action == "pre_clear":
        links = sender.objects.filter(**{instance._meta.model_name: instance.pk})
        summary.queue(links.values_list("activity_id", flat=True))


for _through in (
    Activity.themes.through,
    Activity.types.through,
    Activity.interactive_elements.through,
):
    m2m_changed.connect(links_changed, sender=_through, dispatch_uid=f"figures-{_through.__name__}")


@receiver(pre_save, sender=Organisation)
def organisation_kind_changed(sender, instance, raw=False, **kwargs):
    """A new kind moves the organisation's activities between kinds and pairs of kinds."""
    if raw or instance.pk is None:
        return
    before = Organisation.objects.filter(pk=instance.pk).values_list("kind", flat=True).first()
    if before is not None and before != instance.kind:
        summary.queue_where(
            Q(lead_organisation=instance.pk) | Q(partners__organisation=instance.pk)
        )


@receiver(post_save, sender=Stage)
@receiver(pre_delete, sender=Stage)
def stage_changed(sender, instance, raw=False, **kwargs):
    """A stage's region is its activities' region."""
    if not raw and instance.pk is not None:
        summary.queue_where(Q(stage=instance.pk))
