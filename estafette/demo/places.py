"""Where the demo happens: real towns, each in the province its postcode says."""

from django.core.management.base import CommandError

from estafette.demo import data
from estafette.relay.models import Province
from estafette.relay.postcodes import parse_postcode, province_code_for


class Town:
    __slots__ = ("name", "postcode", "province", "latitude", "longitude", "weight")

    def __init__(self, name, postcode, province, latitude, longitude, weight):
        self.name, self.postcode, self.province = name, postcode, province
        self.latitude, self.longitude, self.weight = latitude, longitude, weight


def load_towns() -> list[Town]:
    """The reference towns, each in the province its postcode says (the postcode table decides)."""
    provinces = {province.code: province for province in Province.objects.select_related("region")}
    towns = []
    for name, code, postcode, latitude, longitude, weight in data.TOWNS:
        province_code = province_code_for(parse_postcode(postcode).digits)
        if province_code != code:
            raise CommandError(
                f"{name}: postcode {postcode} ligt in {province_code}, niet in {code}."
            )
        towns.append(Town(name, postcode, provinces[code], latitude, longitude, weight))
    return towns
