from django.urls import path

from estafette.pages import views

app_name = "pages"
urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("beveiliging/", views.security_policy, name="security"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
    path("voor-organisatoren/", views.for_organisers, name="for-organisers"),
]
