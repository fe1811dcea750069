"""The stylised map of the Netherlands (relay.map) coloured by one figure per region."""

from dataclasses import dataclass

from django.utils.formats import number_format

from estafette.figures.queries import Group, Metric
from estafette.relay.map import REGION_LABELS, VIEWBOX, project, province_paths

# Four classes from light to dark; the darkest holds white text's contrast, but the numbers sit
# on white badges anyway, and the table beside the map says the same.
CLASS_COLOURS = ["#e3eef9", "#9ecae1", "#4a90c2", "#155a8a"]


@dataclass(frozen=True)
class MapArea:
    slug: str
    name: str
    url: str
    provinces: list[dict]
    label_x: float
    label_y: float
    value_text: str
    fill: str


@dataclass(frozen=True)
class LegendClass:
    fill: str
    low: str
    high: str


def format_value(value, metric: Metric) -> str:
    if value is None:
        return "–"
    text = number_format(value, decimal_pos=1 if metric.is_share else 0, use_l10n=True)
    return f"{text}%" if metric.is_share else text


def _bounds(top: float) -> list[float]:
    return [top * step / len(CLASS_COLOURS) for step in range(len(CLASS_COLOURS) + 1)]


def class_of(value, top: float) -> int:
    """0 for the lowest quarter of the scale (0 to the highest region's value), 3 for the top."""
    if not value or top <= 0:
        return 0
    return min(int(len(CLASS_COLOURS) * value / top), len(CLASS_COLOURS) - 1)


def choropleth(groups: list[Group], metric: Metric) -> tuple[list[MapArea], list[LegendClass]]:
    """Map areas of the four regions (national activities have no place on the map) and the
    legend of the colour classes."""
    regional = [group for group in groups if group.region is not None]
    values = {group.key: metric.of(group.tally) for group in regional}
    top = max([value for value in values.values() if value is not None] + [0])
    paths = province_paths()
    areas = []
    for group in regional:
        x, y = project(*REGION_LABELS[group.key])
        areas.append(
            MapArea(
                slug=group.key,
                name=group.label,
                url=group.region.get_absolute_url(),
                provinces=[
                    {"code": p.code, "name": p.name, "path": paths[p.code]}
                    for p in group.region.provinces.all()
                ],
                label_x=x,
                label_y=y,
                value_text=format_value(values[group.key], metric),
                fill=CLASS_COLOURS[class_of(values[group.key], top)],
            )
        )
    bounds = _bounds(top)
    legend = [
        LegendClass(
            fill=colour,
            low=format_value(bounds[index], metric),
            high=format_value(bounds[index + 1], metric),
        )
        for index, colour in enumerate(CLASS_COLOURS)
    ]
    return areas, legend


MAP_VIEWBOX = VIEWBOX
