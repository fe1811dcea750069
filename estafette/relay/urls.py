from django.urls import path

from estafette.relay import views

app_name = "relay"
urlpatterns = [
    path("", views.home, name="home"),
    path("regio/<slug:slug>/", views.region_detail, name="region"),
    path("regio/<slug:slug>/<int:year>/", views.region_detail, name="region-edition"),
    path("editie/<int:year>/", views.edition_detail, name="edition"),
    path("edities/", views.edition_list, name="editions"),
]
