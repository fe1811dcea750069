"""The SVG chart helper: bars proportional to the figures, text alternative, escaped labels."""

import re
import xml.etree.ElementTree as ET

from estafette.figures.charts import BAR_WIDTH, Series, bar_chart, column_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def test_bar_lengths_are_proportional_and_each_bar_carries_its_number():
    root = parse(
        bar_chart("c", "Per thema", ["Dementie", "Zorg op afstand"], [Series("n", [5, 10])])
    )
    bars = root.findall(f"{SVG}rect")
    assert [float(bar.get("width")) for bar in bars] == [BAR_WIDTH / 2, BAR_WIDTH]
    values = [t.text for t in root.findall(f"{SVG}text") if t.get("class") == "chart-value"]
    assert values == ["5", "10"]


def test_a_chart_has_a_name_and_a_text_alternative_with_every_figure():
    root = parse(bar_chart("c", "Per thema", ["Dementie", "Wonen"], [Series("n", [3, 0])]))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").text == "Per thema"
    assert root.find(f"{SVG}desc").text == "Dementie: 3; Wonen: 0."


def test_two_series_get_a_legend_and_name_each_value():
    root = parse(
        bar_chart(
            "e",
            "Edities",
            ["2022", "2023"],
            [Series("Activiteiten", [4, 8]), Series("Organisaties", [2, 3])],
        )
    )
    assert "2023: Activiteiten: 8, Organisaties: 3" in root.find(f"{SVG}desc").text
    labels = [t.text for t in root.findall(f"{SVG}text")]
    assert "Activiteiten" in labels and "Organisaties" in labels


def test_labels_are_escaped():
    svg = str(bar_chart("x", "<b>", ["<script>alert(1)</script>"], [Series("n", [1])]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    parse(svg)


def test_all_zero_figures_draw_empty_bars_without_dividing_by_zero():
    root = parse(bar_chart("z", "Leeg", ["a", "b"], [Series("n", [0, 0])]))
    assert {bar.get("width") for bar in root.findall(f"{SVG}rect")} == {"0.0"}


def test_columns_in_time_order_labelled_every_few_days():
    days = [f"{n} feb" for n in range(1, 11)]
    root = parse(column_chart("d", "Per dag", days, list(range(10)), every=3))
    heights = [float(r.get("height")) for r in root.findall(f"{SVG}rect")]
    assert heights == sorted(heights) and heights[-1] == 180
    labels = [t.text for t in root.findall(f"{SVG}text") if "chart-label" in t.get("class")]
    assert labels == ["1 feb", "4 feb", "7 feb", "10 feb"]
    assert re.match(r"^1 feb: 0; 2 feb: 1", root.find(f"{SVG}desc").text)
