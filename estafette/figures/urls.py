from django.urls import path

from estafette.figures import views

app_name = "figures"
urlpatterns = [
    path("cijfers/", views.figures_page, name="page"),
    path("cijfers/<int:year>/", views.figures_page, name="edition"),
]
