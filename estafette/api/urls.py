"""The open-data API: one NinjaAPI object; each domain adds its own router here."""

from ninja import NinjaAPI

from estafette.api.activities import router as activities_router
from estafette.api.figures import router as figures_router
from estafette.api.problems import install_error_handlers
from estafette.api.relay import router as relay_router

api = NinjaAPI(
    title="Slimme Zorg Estafette open data",
    version="1",
    description="Read-only open data of the Slimme Zorg Estafette: the relay, regions and activities.",
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", relay_router)
api.add_router("/", activities_router)
api.add_router("/", figures_router)
