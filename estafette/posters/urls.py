from django.urls import path

from estafette.posters import views

app_name = "posters"
urlpatterns = [
    path("activiteit/<int:pk>/poster.pdf", views.poster, name="poster"),
    path("activiteit/<int:pk>/kaart.png", views.card, name="card"),
    path("activiteit/<int:pk>/kaart-vierkant.png", views.square_card, name="square-card"),
    path("mijn/activiteit/<int:pk>/afbeelding/", views.own_image, name="own-image"),
]
