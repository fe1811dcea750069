from django.urls import include, path

from estafette.posters import views

app_name = "posters"
urlpatterns = [
    path(
        "activiteit/<int:pk>/",
        include(
            [
                path("poster.pdf", views.poster, name="poster"),
                path("kaart.png", views.card, name="card"),
                path("kaart-vierkant.png", views.square_card, name="square-card"),
            ]
        ),
    ),
    path("mijn/activiteit/<int:pk>/afbeelding/", views.own_image, name="own-image"),
]
