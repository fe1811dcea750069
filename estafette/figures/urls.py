from django.urls import include, path, register_converter

from estafette.figures import staff_views, views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "export_format")

app_name = "figures"

# /cijfers/regio/: a coordinator's regions.
region_patterns = [
    path("", staff_views.my_regions, name="my_regions"),
    path("<slug:slug>/", staff_views.region_dashboard, name="region"),
    path(
        "<slug:slug>/<int:year>/activiteiten.<export_format:file_format>",
        staff_views.region_export,
        name="region_export",
    ),
]

# /cijfers/landelijk/: the national team's.
national_patterns = [
    path("", staff_views.national_dashboard, name="national"),
    path("<int:year>/evaluatie.xlsx", staff_views.evaluation_export, name="evaluation_export"),
]

urlpatterns = [
    path(
        "cijfers/",
        include(
            [
                path("", views.figures_page, name="page"),
                path("<int:year>/", views.figures_page, name="edition"),
                path("regio/", include(region_patterns)),
                path("landelijk/", include(national_patterns)),
            ]
        ),
    ),
]
