from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "estafette.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from estafette.activities.models import Activity
        from estafette.partners.models import Partner

        from . import search  # noqa: F401  (connects the search index receivers)
        from .signals import activity_changed

        for model in (Activity, Partner):
            post_save.connect(
                activity_changed, sender=model, dispatch_uid=f"agenda-{model.__name__}"
            )
            post_delete.connect(
                activity_changed, sender=model, dispatch_uid=f"agenda-del-{model.__name__}"
            )
        m2m_changed.connect(
            activity_changed, sender=Activity.themes.through, dispatch_uid="agenda-themes"
        )
