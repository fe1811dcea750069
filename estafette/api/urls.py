"""The open-data API: one NinjaAPI object; each domain adds its own router here."""

from ninja import NinjaAPI, Swagger

from estafette.api.activities import router as activities_router
from estafette.api.figures import router as figures_router
from estafette.api.problems import install_error_handlers
from estafette.api.relay import router as relay_router


class Docs(Swagger):
    """ninja's Swagger UI from our static files, in a page with a language and our contrast fixes."""

    template = "api/docs.html"


api = NinjaAPI(
    title="Slimme Zorg Estafette open data",
    version="1",
    description="Read-only open data of the Slimme Zorg Estafette: the relay, regions and activities.",
    urls_namespace="api",
    docs=Docs(),
)
install_error_handlers(api)
api.add_router("/", relay_router)
api.add_router("/", activities_router)
api.add_router("/", figures_router)
