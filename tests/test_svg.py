"""timeline --format svg|html: parsed back with ElementTree and compared with list --format json."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from fixtures_exports import AS_OF, DATED, REGISTER

from kvtrack.core.query import State
from kvtrack.render.svg_timeline import STATE_COLOUR, Axis, clean, shorten

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture
def reg(write_yaml):
    return write_yaml(REGISTER)


@pytest.fixture
def picture(run, reg):
    def go(fmt: str = "svg", *args: str) -> str:
        result = run("timeline", "--file", str(reg), "--as-of", AS_OF, "--format", fmt, *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return go


@pytest.fixture
def records(run, reg):
    result = run("list", "--file", str(reg), "--as-of", AS_OF, "--format", "json")
    return {r["id"]: r for r in json.loads(result.stdout)}


def rows(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(".//svg:g[@class='row']", NS)


def year_lines(svg: ET.Element) -> list[float]:
    return [
        float(line.get("x1", "nan")) for line in svg.findall("svg:g[@class='axis']/svg:line", NS)
    ][:-1]


# --- the module's small parts -----------------------------------------------------------------


def test_shorten_cuts_at_a_word_and_marks_the_cut():
    assert shorten("kort") == "kort"
    long = "Rijksontmoetingsplein bij uitbreiding rijkskantoor Kempkensberg in Groningen"
    short = shorten(long, 56)
    assert len(short) <= 56 and short.endswith("…")
    assert long.startswith(short[:-1])
    assert short[-2] != " "
    assert shorten("x" * 80, 20) == "x" * 19 + "…"  # no word boundary: a hard cut
    assert shorten("een  twee\ndrie") == "een twee drie"


def test_clean_drops_characters_xml_cannot_hold():
    assert clean("a\x00b\x0bc\td\ne «é»") == "abc\td\ne «é»"


def test_axis_maps_whole_years_and_clamps():
    axis = Axis.around(date(2024, 3, 1), date(2026, 5, 1), left=100.0)
    assert (axis.first, axis.last) == (date(2024, 1, 1), date(2027, 1, 1))
    assert axis.x(date(2024, 1, 1)) == 100.0
    assert axis.x(date(2027, 1, 1)) == axis.right
    assert axis.x(date(1990, 1, 1)) == 100.0 and axis.x(date(2090, 1, 1)) == axis.right
    assert axis.x(date(2025, 1, 1)) < axis.x(date(2025, 7, 1)) < axis.x(date(2026, 1, 1))
    assert axis.label_step() == 1
    assert Axis.around(date(2000, 1, 1), date(2060, 1, 1), 0).label_step() == 5


# --- the picture -------------------------------------------------------------------------------


def test_svg_is_well_formed_with_one_row_per_dated_commitment(picture, records):
    svg = ET.fromstring(picture().encode())
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    # no fixed size: the viewBox lets it scale to the page (never cut off on a phone)
    assert svg.get("width") is None and svg.get("height") is None
    x, y, width, height = (float(v) for v in svg.get("viewBox", "").split())
    assert (x, y) == (0, 0) and width > 400 and height > 100
    assert [g.get("data-id") for g in rows(svg)] == DATED
    for g in rows(svg):
        rec = records[g.get("data-id")]
        assert g.get("data-state") == rec["state"]
        bar = g.find("svg:rect[@class='due']", NS)
        assert bar is not None and bar.get("fill") == STATE_COLOUR[State(rec["state"])]


def test_svg_tooltips_and_labels_keep_dutch_text(picture, records):
    svg = ET.fromstring(picture().encode())
    by_id = {g.get("data-id"): g for g in rows(svg)}
    tip = by_id["quarter-upcoming"].findtext("svg:title", namespaces=NS)
    assert tip.startswith("quarter-upcoming: Kwartaal «Q1» | pipe & <tag>")
    label = by_id["year-open"].findtext("svg:text", namespaces=NS)
    assert label.endswith("…") and records["year-open"]["title"].startswith(label[:-1])
    assert "&amp;" in picture() and "&lt;tag&gt;" in picture()


def test_svg_marks_the_original_due_of_a_rescheduled_commitment_only(picture, records):
    svg = ET.fromstring(picture().encode())
    for g in rows(svg):
        rec = records[g.get("data-id")]
        moved = rec["rescheduled"] and rec["slip_days"] != 0
        assert (g.find("svg:polygon[@class='original']", NS) is not None) == moved, rec["id"]
        assert g.find("svg:polygon[@class='end']", NS) is not None


def test_svg_bars_line_up_with_the_year_grid(picture):
    svg = ET.fromstring(picture().encode())
    grid = year_lines(svg)  # one per 1 January, from the first year
    labels = [t.text for t in svg.findall("svg:g[@class='axis']/svg:text", NS)]
    assert labels == ["2024", "2025", "2026", "2027"]
    x_of = dict(zip(range(2024, 2028 + 1), grid, strict=True))
    year = next(g for g in rows(svg) if g.get("data-id") == "year-open")
    bar = year.find("svg:rect[@class='due']", NS)
    left, width = float(bar.get("x")), float(bar.get("width"))
    assert left == pytest.approx(x_of[2025], abs=0.1)
    assert left + width == pytest.approx(x_of[2026], abs=0.2)  # the whole of 2025
    answered = year.find("svg:line[@class='answered']", NS)
    assert x_of[2024] < float(answered.get("x1")) < x_of[2025]  # answered 2024-02-01


def test_svg_has_a_today_marker_a_legend_and_names_the_undated(picture):
    svg = ET.fromstring(picture().encode())
    today = svg.find("svg:g[@class='today']", NS)
    assert today is not None
    assert today.findtext("svg:text", namespaces=NS) == "vandaag 27 november 2026"
    grid = year_lines(svg)
    x = float(today.find("svg:line", NS).get("x1"))
    assert grid[2] < x < grid[3]  # inside 2026
    legend = " ".join(t.text for t in svg.findall("svg:g[@class='legend']/svg:text", NS))
    for word in ("te laat", "binnenkort", "gepland", "voldaan", "vervallen", "oorspronkelijke"):
        assert word in legend
    undated = svg.findall("svg:g[@class='undated']/svg:g[@class='undated-item']", NS)
    assert [g.get("data-id") for g in undated] == ["vague"]
    text = " ".join(t.text for t in undated[0].findall("svg:text", NS))
    assert text == "• Vaag (de komende jaren)"


def test_svg_speaks_english_when_asked(reg):
    from kvtrack.core.query import Window, select
    from kvtrack.core.timeline import spans
    from kvtrack.render.lang import Lang
    from kvtrack.render.svg_timeline import render
    from kvtrack.store.register import load

    register = load(reg).register
    drawn, undated = spans(
        register, select(register.commitments, date(2026, 11, 27), Window(90, "d"))
    )
    svg = ET.fromstring(render(drawn, undated, date(2026, 11, 27), lang=Lang("en")).encode())
    assert svg.find("svg:g[@class='today']/svg:text", NS).text == "today 27 November 2026"
    legend = " ".join(t.text for t in svg.findall("svg:g[@class='legend']/svg:text", NS))
    assert "overdue" in legend and "due soon" in legend


def test_svg_height_grows_with_the_rows(picture):
    all_rows = ET.fromstring(picture().encode())
    one = ET.fromstring(picture("svg", "--from", "2027", "--to", "2027").encode())
    assert [g.get("data-id") for g in rows(one)] == ["quarter-upcoming"]
    assert height(all_rows) > height(one)


def height(svg: ET.Element) -> float:
    return float(svg.get("viewBox", "0 0 0 0").split()[3])


def test_a_long_picture_repeats_the_year_labels(run, write_yaml):
    rows = "".join(
        f"  - {{id: c{i:03d}, title: Toezegging {i}, source: s, quote: q, due: {2025 + i % 4}}}\n"
        for i in range(60)
    )
    path = write_yaml(
        "version: 1\nsources:\n  - {id: s, answered: 2024-06-01}\ncommitments:\n" + rows
    )
    result = run("timeline", "--file", str(path), "--as-of", AS_OF, "--format", "svg")
    svg = ET.fromstring(result.stdout.encode())
    first = [t.text for t in svg.findall("svg:g[@class='axis']/svg:text", NS)]
    repeats = svg.findall("svg:g[@class='axis-repeat']", NS)
    assert len(repeats) == 2  # after rows 25 and 50
    for g in repeats:
        assert [t.text for t in g.findall("svg:text", NS)] == first
    # the labels sit in a band of their own, between rows, never on a bar
    ys = sorted(float(g.find("svg:text", NS).get("y")) for g in repeats)
    bars = [float(r.get("y")) for r in svg.findall(".//svg:rect[@class='due']", NS)]
    for y in ys:
        assert not any(b - 2 <= y <= b + 12 for b in bars)


def test_svg_from_and_to_set_the_axis_and_keep_the_bars_that_cross_it(picture):
    svg = ET.fromstring(picture("svg", "--from", "2026", "--to", "2026-Q3").encode())
    labels = [t.text for t in svg.findall("svg:g[@class='axis']/svg:text", NS)]
    assert labels == ["2026"]
    drawn = {g.get("data-id"): g for g in rows(svg)}
    # due in 2027 but promised in 2025: its bar crosses 2026; the ones done with by 2025 do not
    assert list(drawn) == ["dropped-moved", "moved", "partial-soon", "quarter-upcoming"]
    assert drawn["quarter-upcoming"].find("svg:polygon[@class='end']", NS) is None  # off the axis
    right = max(float(line.get("x1")) for line in svg.findall("svg:g[@class='axis']/svg:line", NS))
    for g in drawn.values():
        for rect in g.findall("svg:rect", NS):
            if rect.get("class") in ("due", "lead-in"):
                assert float(rect.get("x")) + float(rect.get("width")) <= right + 0.1


def test_svg_of_an_empty_register_still_draws_an_axis(run, write_yaml):
    path = write_yaml("version: 1\nsources: []\ncommitments: []\n", "empty.yaml")
    result = run("timeline", "--file", str(path), "--as-of", AS_OF, "--format", "svg")
    svg = ET.fromstring(result.stdout.encode())
    assert rows(svg) == []
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "Geen toezeggingen met een termijn." in texts


# --- the HTML page and --out ------------------------------------------------------------------


def test_html_is_a_self_contained_page_with_the_picture_and_a_table(picture, records):
    page = picture("html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http://" not in page.replace(NS["svg"], "")
    root = ET.fromstring(page.encode())  # well-formed: parse the whole page
    svg = root.find(".//svg:svg", NS)
    assert svg is not None and [g.get("data-id") for g in rows(svg)] == DATED
    body_rows = root.findall(".//tbody/tr")
    assert [tr.get("data-id") for tr in body_rows] == [*DATED, "vague"]
    assert root.get("lang") == "nl"
    first = {tr.get("data-id"): tr for tr in body_rows}["quarter-upcoming"]
    cells = first.findall("td")
    assert "".join(cells[0].itertext()).startswith(records["quarter-upcoming"]["title"])
    assert cells[1].text == "eerste kwartaal 2027"
    assert cells[2].text == "gepland"  # upcoming, in Dutch
    assert cells[5].text == "src-b, Antwoorden 2, 3"
    # each source cited in full once, below the table, not on every row
    assert page.count("Lid Één (Partij)") == 1
    cited = [dt.text for dt in root.findall(".//dl/dt")]
    assert sorted(cited) == ["src-a", "src-b"]
    svg_style = svg.get("style", "")
    assert svg.get("width") is None and "max-width" in svg_style


def test_out_writes_the_file_and_prints_nothing(run, reg, tmp_path):
    out = tmp_path / "timeline.svg"
    out.write_text("old")
    result = run(
        "timeline", "--file", str(reg), "--as-of", AS_OF, "--format", "svg", "--out", str(out)
    )
    assert result.exit_code == 0 and result.stdout == ""
    ET.parse(out)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".timeline")] == []


@pytest.mark.parametrize("fmt", ["table", "json", "html"])
def test_out_works_for_every_timeline_format(run, reg, tmp_path, fmt):
    out = tmp_path / f"t.{fmt}"
    result = run("timeline", "--file", str(reg), "--as-of", AS_OF, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "quarter-upcoming" in text
    if fmt == "json":
        assert json.loads(text)["undated"][0]["id"] == "vague"
    if fmt == "table":
        assert "today" in text and "\x1b[" not in text


def test_out_into_a_missing_directory_is_a_clean_error(run, reg, tmp_path):
    out = tmp_path / "no" / "such" / "t.svg"
    result = run("timeline", "--file", str(reg), "--format", "svg", "--out", str(out))
    assert result.exit_code == 2
    assert str(out) in result.stderr and "directory does not exist" in result.stderr
    assert "Traceback" not in result.stderr
