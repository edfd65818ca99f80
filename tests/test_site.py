"""kvtrack site: every page valid HTML5, the feed valid Atom, data.json as list gives it,
filters narrowing what is published, hostile text escaped, re-runs writing only what changed,
and never an input overwritten."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from fixtures_exports import AS_OF, REGISTER

ATOM = "{http://www.w3.org/2005/Atom}"
HTML = "{http://www.w3.org/1999/xhtml}"

HOSTILE = """\
version: 1
sources:
  - id: src.x
    kind: kamervragen
    title: "Vragen <script>alert('bron')</script> & «co»"
    asked_by: "Lid \\"Één\\" (Partij)"
    answered_by: Minister X (BZK)
    submitted: 2024-01-10
    answered: 2024-02-01
    identifiers: {publication: ah-tk-20232024-1234, zaak: 2024Z01234, document: null}
    url: "javascript:alert('url')"
commitments:
  - id: evil
    title: "</title><script>alert(1)</script> & ]]> \\x07bel"
    source: src.x
    answer: [1, 2]
    quote: "Citaat met <b>opmaak</b> en \\"aanhalingstekens\\" en 'apostrof'."
    due: 2025
    due_text: "<i>in 2025</i>"
    owner: "B<Z>K"
    places: ["Den <Haag>"]
    history:
      - date: 2025-03-01
        due: 2026-Q2
        note: "\\"><img src=x onerror=alert(2)>"
        evidence: "javascript:alert(3)"
      - date: 2025-04-01
        status: partial
        note: gedeeltelijk
        evidence: "https://example.org/brief?a=1&b=2"
"""


@pytest.fixture
def reg(write_yaml):
    return write_yaml(REGISTER)


@pytest.fixture
def build(run, tmp_path):
    def go(path: Path, *args: str, out: Path | None = None) -> Path:
        target = out or tmp_path / "site"
        result = run("site", "--file", str(path), "--out", str(target), "--as-of", AS_OF, *args)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""  # quiet for cron
        return target

    return go


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(page: Path) -> ET.Element:
    """The page through an HTML5 parser in strict mode: any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(page.read_text("utf-8"))


def badge(row: ET.Element) -> ET.Element:
    return next(s for s in row.iter(f"{HTML}span") if "badge" in s.get("class", ""))


def text_of(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def test_site_has_every_page_and_each_is_valid_html5(build, reg, run):
    site = build(reg)
    listed = json.loads(
        run("list", "--file", str(reg), "--as-of", AS_OF, "--format", "json").stdout
    )
    names = {p.name for p in (site / "commitment").iterdir()}
    assert names == {f"{r['id']}.html" for r in listed}
    assert {p.name for p in (site / "source").iterdir()} == {"src-a.html", "src-b.html"}
    for name in ("index.html", "timeline.html", "scorecard.html", "feed.xml", "data.json"):
        assert (site / name).is_file()
    for page in pages(site):
        root = parse(page)
        assert root.get("lang") == "nl"
        levels = [
            int(h.tag[-1]) for h in root.iter() if h.tag in {f"{HTML}h{i}" for i in range(1, 7)}
        ]
        assert levels[0] == 1 and levels.count(1) == 1, page
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), page


def test_no_resource_is_loaded_from_elsewhere(build, reg):
    site = build(reg)
    for page in pages(site):
        root = parse(page)
        for el in root.iter():
            for attr in ("src", "href"):
                value = el.get(attr)
                if value is None or el.tag == f"{HTML}a":
                    continue  # links may point out; nothing may be loaded from outside
                assert "://" not in value and not value.startswith("//"), (page, value)
        assert "@import" not in page.read_text("utf-8")
    assert "url(" not in (site / "site.css").read_text("utf-8")


def test_index_is_one_table_by_urgency_with_state_as_word_and_class(build, reg, run):
    site = build(reg)
    root = parse(site / "index.html")
    table = root.find(f".//{HTML}table[@id='register']")
    heads = [text_of(th) for th in table.iter(f"{HTML}th")]
    assert heads == [
        "Titel",
        "Termijn",
        "Huidige termijn",
        "Stand",
        "Dagen",
        "Verantwoordelijk",
        "Bron",
    ]
    assert all(th.get("scope") == "col" for th in table.iter(f"{HTML}th"))
    rows = table.findall(f".//{HTML}tbody/{HTML}tr")
    states = [tr.get("data-state") for tr in rows]
    due = json.loads(
        run("due", "--file", str(reg), "--as-of", AS_OF, "--all", "--format", "json").stdout
    )
    assert states[: len(due)] == [r["state"] for r in due]  # open ones in `due --all` order
    assert states[len(due) :] == ["done", "dropped"]
    first = rows[0]
    assert badge(first).get("class") == "badge s-overdue" and text_of(badge(first)) == "te laat"
    assert "dagen te laat" in text_of(first)
    words = {text_of(badge(tr)) for tr in rows}
    assert {"te laat", "binnenkort", "gepland", "zonder datum", "voldaan", "vervallen"} <= words
    search = root.find(f".//{HTML}input[@type='search']")
    assert (
        search is not None and root.find(f".//{HTML}label[@for='{search.get('id')}']") is not None
    )
    assert root.find(f".//{HTML}form").get("hidden") is not None  # shown by the script only
    assert root.find(f".//{HTML}script") is not None


def test_dates_are_dutch_and_english_on_request(build, reg, tmp_path):
    nl = build(reg)
    page = (nl / "commitment" / "moved.html").read_text("utf-8")
    assert "1 mei 2025" in page and "tweede kwartaal 2026" in page and "181 dagen later" in page
    en = build(reg, "--lang", "en", out=tmp_path / "en")
    root = parse(en / "commitment" / "moved.html")
    assert root.get("lang") == "en"
    assert "1 May 2025" in text_of(root) and "second quarter of 2026" in text_of(root)


def test_a_commitment_page_quotes_cites_once_and_lists_its_history(build, reg):
    site = build(reg)
    root = parse(site / "commitment" / "day-done-late.html")
    quote = root.find(f".//{HTML}blockquote")
    assert "Op 30 juni 2025 is het klaar." in text_of(quote)
    body = text_of(root)
    assert body.count("Lid Één (Partij)") == 1  # the citation, once
    assert "ingezonden 10 januari 2024" in body and "beantwoord 1 februari 2024" in body
    history = root.findall(f".//{HTML}ol[@class='history']/{HTML}li")
    assert len(history) == 1
    entry = history[0]
    assert entry.find(f"{HTML}time").get("datetime") == "2025-08-10"
    assert "openstaand → voldaan" in text_of(entry) and "klaar, eindelijk" in text_of(entry)
    assert entry.find(f".//{HTML}a").get("href") == "https://example.org/brief"
    source_link = root.find(f".//{HTML}dl//{HTML}a[@href='../source/src-a.html']")
    assert source_link is not None


def test_source_page_lists_its_commitments_and_the_scorecard_is_stats_by_owner(build, reg, run):
    site = build(reg)
    root = parse(site / "source" / "src-b.html")
    linked = {a.get("href") for a in root.iter(f"{HTML}a") if "commitment/" in a.get("href", "")}
    assert linked == {
        "../commitment/quarter-upcoming.html",
        "../commitment/dropped-moved.html",
        "../commitment/partial-soon.html",
    }
    stats = json.loads(
        run(
            "stats", "--file", str(reg), "--as-of", AS_OF, "--by", "owner", "--format", "json"
        ).stdout
    )
    card = parse(site / "scorecard.html")
    rows = card.findall(f".//{HTML}tbody/{HTML}tr")
    assert [text_of(tr.find(f"{HTML}th")) for tr in rows] == [
        *(g["group"] for g in stats["groups"]),
        "totaal",
    ]
    for tr, group in zip(rows, [*stats["groups"], stats["total"]], strict=True):
        cells = [text_of(td) for td in tr.findall(f"{HTML}td")]
        assert cells[0] == str(group["total"])
        assert cells[1:5] == [
            str(group["counts"][k]) for k in ("open", "partial", "done", "dropped")
        ]


def test_data_json_is_what_list_gives(build, reg, run):
    site = build(reg, "--owner", "BZK")
    listed = run("list", "--file", str(reg), "--as-of", AS_OF, "--owner", "BZK", "--format", "json")
    assert (site / "data.json").read_text("utf-8") == listed.stdout


def test_filters_narrow_what_is_published(build, reg):
    site = build(reg, "--state", "overdue,due-soon")
    published = sorted(p.stem for p in (site / "commitment").iterdir())
    assert published == ["moved", "partial-soon", "year-open"]
    assert sorted(p.stem for p in (site / "source").iterdir()) == ["src-a", "src-b"]
    index = parse(site / "index.html")
    assert len(index.findall(f".//{HTML}tbody/{HTML}tr")) == 3
    feed = ET.parse(site / "feed.xml").getroot()
    linked = {e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")}
    assert linked <= {f"commitment/{name}.html" for name in published}
    assert json.loads((site / "data.json").read_text("utf-8"))[0]["id"] in published


def test_feed_is_atom_newest_first_with_stable_ids(build, reg, tmp_path):
    site = build(reg, "--base-url", "https://example.org/reg")
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/reg/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("urn:kvtrack:") for i in ids)
    for e in entries:
        for required in ("id", "title", "updated", "link"):
            assert e.find(f"{ATOM}{required}") is not None
        assert e.find(f"{ATOM}link").get("href").startswith("https://example.org/reg/commitment/")
    assert "urn:kvtrack:day-done-late:2025-08-10:1" in ids
    assert "urn:kvtrack:year-open:made" in ids
    # the ids do not depend on where the site is published, nor on the day it is built
    again = build(reg, "--as-of", "2027-01-01", out=tmp_path / "again")
    assert [
        e.findtext(f"{ATOM}id")
        for e in ET.parse(again / "feed.xml").getroot().findall(f"{ATOM}entry")
    ] == ids
    relative = ET.parse(again / "feed.xml").getroot().find(f"{ATOM}entry/{ATOM}link")
    assert relative.get("href").startswith("commitment/")


def test_hostile_text_is_escaped_everywhere(build, write_yaml):
    site = build(write_yaml(HOSTILE, "hostile.yaml"))
    for page in pages(site):
        text = page.read_text("utf-8")
        parse(page)
        assert "<script>alert" not in text and "<img" not in text and "<b>opmaak" not in text
        assert "javascript:" not in text.replace("&quot;", "") or 'href="javascript' not in text
        assert 'href="javascript' not in text
        assert "\x07" not in text
    root = parse(site / "commitment" / "evil.html")
    assert text_of(root.find(f".//{HTML}h1")).startswith("</title><script>alert(1)</script> & ]]>")
    history = text_of(root.find(f".//{HTML}ol"))
    assert '"><img src=x onerror=alert(2)>' in history and "javascript:alert(3)" in history
    link = [a.get("href") for a in root.iter(f"{HTML}a") if "example.org" in (a.get("href") or "")]
    assert link == ["https://example.org/brief?a=1&b=2"]
    assert (
        'href="https://example.org/brief?a=1&amp;b=2"'
        in (site / "commitment" / "evil.html").read_text()
    )
    official = [
        a.get("href") for a in root.iter(f"{HTML}a") if "officiele" in (a.get("href") or "")
    ]
    assert official == ["https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1234.html"]
    feed = ET.parse(site / "feed.xml").getroot()  # well-formed despite ]]> and control characters
    assert any("<script>" in (e.findtext(f"{ATOM}title") or "") for e in feed.iter(f"{ATOM}entry"))
    assert json.loads((site / "data.json").read_text("utf-8"))[0]["owner"] == "B<Z>K"


def test_a_rerun_rewrites_nothing_and_removes_only_its_own_stale_pages(build, reg, tmp_path):
    site = build(reg)
    stamps = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    mine = site / "notes.txt"
    mine.write_text("keep me")
    build(reg)
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    build(reg, "--owner", "IenW")
    assert sorted(p.stem for p in (site / "commitment").iterdir()) == ["dropped-moved", "moved"]
    assert mine.read_text() == "keep me"
    assert not list(site.rglob("*.kvtrack-tmp"))


def test_a_first_build_leaves_no_temporary_directory_and_an_empty_one_is_filled(
    build, reg, tmp_path
):
    site = build(reg, out=tmp_path / "new")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "c.yaml") == ["new"]
    assert (site / ".kvtrack-site").read_text().splitlines()[0] == "commitment/day-done-late.html"
    empty = tmp_path / "empty"
    empty.mkdir()
    build(reg, out=empty)
    assert sorted(p.name for p in empty.iterdir()) == sorted(p.name for p in site.iterdir())


def test_verbose_counts_what_was_written(run, reg, tmp_path):
    args = ["site", "--file", str(reg), "--out", str(tmp_path / "s"), "--as-of", AS_OF, "-v"]
    first = run(*args)
    assert "0 unchanged" in first.stdout and "(7 commitments)" in first.stdout
    assert run(*args).stdout.startswith(f"{tmp_path / 's'}: 0 written, ")


def test_the_register_is_never_overwritten(run, write_yaml, tmp_path):
    reg = write_yaml(REGISTER, "data.json")  # a register that happens to be called data.json
    before = reg.read_bytes()
    result = run("site", "--file", str(reg), "--out", str(tmp_path), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "would overwrite the input" in result.stderr and "Traceback" not in result.stderr
    assert reg.read_bytes() == before
    assert not (tmp_path / "index.html").exists()  # refused before anything was written


def test_a_directory_store_is_not_an_output(run, write_yaml, tmp_path):
    store = tmp_path / "register"
    store.mkdir()
    (store / "a.yaml").write_text(REGISTER, encoding="utf-8")
    for out in (store, store / "site"):
        result = run("site", "--file", str(store), "--out", str(out), "--as-of", AS_OF)
        assert result.exit_code == 2 and "inside the register directory" in result.stderr
    result = run("site", "--file", str(store), "--out", str(tmp_path / "pub"), "--as-of", AS_OF)
    assert result.exit_code == 0 and (tmp_path / "pub" / "index.html").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr"], "unknown language 'fr'"),
        (["--base-url", "example.org"], "--base-url: 'example.org' is not an http(s) URL"),
        (["--state", "late"], "unknown state 'late'"),
        (["--due-before", "2025-13"], "--due-before"),
    ],
)
def test_bad_options_are_refused_with_a_message(run, reg, tmp_path, args, message):
    out = tmp_path / "s"
    result = run("site", "--file", str(reg), "--out", str(out), *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not out.exists()


def test_an_output_that_is_a_file_is_refused(run, reg, tmp_path):
    out = tmp_path / "file"
    out.write_text("x")
    result = run("site", "--file", str(reg), "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 2 and "not a directory" in result.stderr
    assert out.read_text() == "x"


def test_case_insensitive_file_systems_get_distinct_page_names():
    from kvtrack.render.site.layout import file_names

    names = file_names(["Abc", "abc", "con", "a.b"])
    assert names["Abc"] == "Abc" and names["abc"].startswith("abc-") and names["a.b"] == "a.b"
    assert names["con"].startswith("con-")
    assert len({n.lower() for n in names.values()}) == 4


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_meet_wcag_aa_contrast():
    import re

    from kvtrack.render.site.layout import asset

    css = asset("site.css")
    badges = re.findall(r"\.s-([a-z-]+) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6});", css)
    assert {name for name, _, _ in badges} == {
        "overdue",
        "due-soon",
        "upcoming",
        "undated",
        "done",
        "dropped",
    }
    for name, background, colour in badges:
        assert contrast(background, colour) >= 4.5, name
    variables = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6})", css))
    for name in ("ink", "muted", "link"):
        assert contrast(variables[name], "#ffffff") >= 4.5, name
        assert contrast(variables[name], variables["head"]) >= 4.5, name
    from kvtrack.render.html_timeline import TEXT_COLOUR

    for state, colour in TEXT_COLOUR.items():  # the state words in timeline --format html
        assert contrast(colour, "#ffffff") >= 4.5, state


def test_a_tampered_manifest_cannot_delete_the_register_or_anything_outside(build, reg, tmp_path):
    site = build(reg)
    outside = tmp_path / "outside.html"
    outside.write_text("keep")
    link = site / "register.json"
    link.hardlink_to(reg)  # the register under a site-like name
    manifest = site / ".kvtrack-site"
    manifest.write_text(
        manifest.read_text() + f"../outside.html\n{outside}\nregister.json\nnotes.txt\n"
    )
    (site / "notes.txt").write_text("mine")
    build(reg)
    assert outside.read_text() == "keep" and reg.is_file() and link.is_file()
    assert (site / "notes.txt").read_text() == "mine"
