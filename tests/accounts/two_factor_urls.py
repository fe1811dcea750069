"""The site's URLs plus one view behind `two_factor_required`, to test the guard on its own."""

from django.http import HttpResponse
from django.urls import path

from estafette.accounts.permissions import two_factor_required
from estafette.urls import urlpatterns as site_urlpatterns


@two_factor_required
def protected(request):
    return HttpResponse("beschermd")


urlpatterns = [path("test/beschermd/", protected), *site_urlpatterns]
