from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from estafette.core.caching import cache_parameters, public_changed


class AgendaConfig(AppConfig):
    name = "estafette.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from estafette.agenda.filters import AgendaFilterForm  # its models load only now

        # The filters (also the API's and the feeds'), then the calendar's and map's own.
        cache_parameters(*AgendaFilterForm().fields, "view", "day", "grid")
        from estafette.agenda.tallies import count_again_after_change

        public_changed.connect(count_again_after_change, dispatch_uid="agenda-kept-counts")
