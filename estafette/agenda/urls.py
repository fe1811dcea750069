from django.urls import path

from estafette.agenda import views

app_name = "agenda"
urlpatterns = [
    path("agenda/", views.agenda, name="list"),
    path("agenda/widget/", views.widget, name="widget"),
    path("agenda/widget/maken/", views.widget_maker, name="widget-maker"),
    path("activiteit/<int:pk>/<slug:slug>/", views.activity_detail, name="activity"),
]
