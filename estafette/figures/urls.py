from django.urls import path, register_converter

from estafette.figures import staff_views, views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "export_format")

app_name = "figures"
urlpatterns = [
    path("cijfers/", views.figures_page, name="page"),
    path("cijfers/<int:year>/", views.figures_page, name="edition"),
    path("cijfers/regio/", staff_views.my_regions, name="my_regions"),
    path("cijfers/regio/<slug:slug>/", staff_views.region_dashboard, name="region"),
    path(
        "cijfers/regio/<slug:slug>/<int:year>/activiteiten.<export_format:file_format>",
        staff_views.region_export,
        name="region_export",
    ),
    path("cijfers/landelijk/", staff_views.national_dashboard, name="national"),
    path(
        "cijfers/landelijk/<int:year>/evaluatie.xlsx",
        staff_views.evaluation_export,
        name="evaluation_export",
    ),
]
