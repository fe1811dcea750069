"""Dutch postcode → province → region.

The range table is authored from public facts about the Dutch four-digit postcode areas
(PC4). It is generalised: a few border villages whose PC4 area lies in another province than
its neighbours are not all listed. Ranges are inclusive and do not overlap.
"""

import bisect
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from estafette.relay.models import Province

# (first PC4, last PC4, ISO 3166-2 code of the province)
RANGES: list[tuple[int, int, str]] = [
    (1000, 1299, "NL-NH"),  # Amsterdam, Amstelveen, Het Gooi
    (1300, 1379, "NL-FL"),  # Almere
    (1380, 1389, "NL-NH"),  # Weesp
    (1390, 1393, "NL-UT"),  # Abcoude
    (1394, 1395, "NL-NH"),  # Nederhorst den Berg
    (1396, 1397, "NL-UT"),  # Baambrugge
    (
        1398,
        2159,
        "NL-NH",
    ),  # Muiden, Bussum, Purmerend, Zaanstad, Hoorn, Alkmaar, Haarlem, Haarlemmermeer
    (2160, 3399, "NL-ZH"),  # Bollenstreek, Leiden, Den Haag, Delft, Gouda, Rotterdam, Dordrecht
    (3400, 3769, "NL-UT"),  # IJsselstein, Nieuwegein, Woerden, Utrecht, Zeist, Soest
    (3770, 3799, "NL-GE"),  # Barneveld, Voorthuizen
    (3800, 3839, "NL-UT"),  # Amersfoort, Leusden
    (3840, 3889, "NL-GE"),  # Harderwijk, Ermelo, Nijkerk, Putten
    (3890, 3899, "NL-FL"),  # Zeewolde
    (3900, 3999, "NL-UT"),  # Veenendaal, Rhenen, Wijk bij Duurstede, Houten
    (4000, 4119, "NL-GE"),  # Tiel, Culemborg
    (4120, 4149, "NL-UT"),  # Vianen, Leerdam (Vijfheerenlanden)
    (4150, 4199, "NL-GE"),  # West Betuwe, Geldermalsen
    (4200, 4249, "NL-ZH"),  # Gorinchem
    (4250, 4299, "NL-NB"),  # Altena
    (4300, 4599, "NL-ZE"),  # Schouwen-Duiveland, Walcheren, Goes, Zeeuws-Vlaanderen
    (4600, 4689, "NL-NB"),  # Bergen op Zoom, Steenbergen
    (4690, 4699, "NL-ZE"),  # Tholen
    (4700, 5299, "NL-NB"),  # Roosendaal, Breda, Tilburg, 's-Hertogenbosch
    (5300, 5335, "NL-GE"),  # Zaltbommel, Maasdriel
    (5336, 5799, "NL-NB"),  # Oss, Uden, Eindhoven, Helmond
    (5800, 5819, "NL-LI"),  # Venray
    (5820, 5849, "NL-NB"),  # Boxmeer, Sint Anthonis
    (5850, 6019, "NL-LI"),  # Bergen (L), Venlo, Weert
    (6020, 6029, "NL-NB"),  # Budel
    (6030, 6499, "NL-LI"),  # Roermond, Sittard, Maastricht, Heerlen, Kerkrade
    (6500, 6583, "NL-GE"),  # Nijmegen, Heumen
    (6584, 6599, "NL-LI"),  # Mook en Middelaar, Gennep
    (6600, 7399, "NL-GE"),  # Wijchen, Ede, Arnhem, Doetinchem, Winterswijk, Zutphen, Apeldoorn
    (7400, 7739, "NL-OV"),  # Deventer, Hengelo, Enschede, Almelo, Ommen
    (7740, 7769, "NL-DR"),  # Coevorden, Dalen, Schoonebeek
    (7770, 7799, "NL-OV"),  # Hardenberg, Gramsbergen
    (7800, 7949, "NL-DR"),  # Emmen, Hoogeveen, Meppel
    (7950, 7955, "NL-OV"),  # Staphorst, Rouveen
    (7956, 7999, "NL-DR"),  # Ruinerwold, Havelte
    (8000, 8049, "NL-OV"),  # Zwolle
    (8050, 8059, "NL-GE"),  # Hattem
    (8060, 8069, "NL-OV"),  # Hasselt, Zwartsluis
    (8070, 8099, "NL-GE"),  # Nunspeet, Elburg, Oldebroek
    (8100, 8159, "NL-OV"),  # Raalte, Heino
    (8160, 8199, "NL-GE"),  # Epe, Vaassen, Heerde
    (8200, 8259, "NL-FL"),  # Lelystad, Dronten
    (8260, 8299, "NL-OV"),  # Kampen, IJsselmuiden, Genemuiden
    (8300, 8322, "NL-FL"),  # Emmeloord, Urk
    (8323, 8379, "NL-OV"),  # Vollenhove, Steenwijk, Giethoorn
    (8380, 8389, "NL-DR"),  # Vledder, Frederiksoord
    (8390, 9299, "NL-FR"),  # Fryslân: Heerenveen, Sneek, Leeuwarden, Dokkum, Drachten
    (9300, 9349, "NL-DR"),  # Roden, Norg
    (9350, 9369, "NL-GR"),  # Leek, Marum
    (9370, 9499, "NL-DR"),  # Assen, Zuidlaren
    (9500, 9529, "NL-GR"),  # Stadskanaal
    (9530, 9559, "NL-DR"),  # Borger
    (9560, 9569, "NL-GR"),  # Ter Apel
    (9570, 9579, "NL-DR"),  # Exloo
    (9580, 9999, "NL-GR"),  # Musselkanaal, Hoogezand, Veendam, Groningen, Delfzijl
]
_STARTS = [start for start, _end, _code in RANGES]

POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})([A-Z]{2})?$")
UNUSED_LETTERS = {"SA", "SD", "SS"}


class InvalidPostcode(ValueError):
    pass


class UnknownPostcode(LookupError):
    pass


@dataclass(frozen=True)
class Postcode:
    digits: int
    letters: str

    def __str__(self):
        return f"{self.digits} {self.letters}".strip()


def parse_postcode(raw: str) -> Postcode:
    """'1234 ab', '1234AB', ' 1234 ' → Postcode; anything else raises InvalidPostcode."""
    cleaned = re.sub(r"\s+", "", (raw or "")).upper()
    match = POSTCODE_RE.match(cleaned)
    if not match or (match.group(2) or "") in UNUSED_LETTERS:
        raise InvalidPostcode(
            _(
                "‘%(postcode)s’ is geen geldige postcode. Een postcode heeft vier cijfers en twee letters, bijvoorbeeld 1012 AB."
            )
            % {"postcode": (raw or "").strip()}
        )
    return Postcode(int(match.group(1)), match.group(2) or "")


def province_code_for(digits: int) -> str:
    index = bisect.bisect_right(_STARTS, digits) - 1
    if index >= 0:
        start, end, code = RANGES[index]
        if start <= digits <= end:
            return code
    raise UnknownPostcode(_("Postcode %(postcode)s kennen we niet.") % {"postcode": digits})


def lookup_postcode(raw: str):
    """Return (Postcode, Province) for a Dutch postcode; raise InvalidPostcode or UnknownPostcode."""

    postcode = parse_postcode(raw)
    code = province_code_for(postcode.digits)
    try:
        province = Province.objects.select_related("region").get(code=code)
    except Province.DoesNotExist as exc:
        raise UnknownPostcode(
            _("Postcode %(postcode)s kennen we niet.") % {"postcode": postcode}
        ) from exc
    return postcode, province
