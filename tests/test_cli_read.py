"""list / show / due / timeline through the CLI, on the shipped file and on small fixtures."""

import json
from datetime import UTC

import pytest
from conftest import AS_OF, MINIMAL, SHIPPED

from kvtrack.cli import app

RESCHEDULED = MINIMAL + (
    "    owner: EZK\n"
    "    places: [Assen]\n"
    "    history:\n"
    "      - {date: 2025-05-01, due: 2026-Q2, note: uitgesteld, evidence: 'https://example.org/brief'}\n"
    "  - id: b\n"
    "    title: Brief voor de zomer\n"
    "    source: src\n"
    "    answer: [4, 5]\n"
    "    quote: Voor de zomer stuur ik een brief.\n"
    "    due: 2026-12-15\n"
    "    owner: BZK\n"
    "    tags: [brief]\n"
    "  - id: c\n"
    "    title: Vaag\n"
    "    source: src\n"
    "    quote: De komende jaren.\n"
    "    due_text: de komende jaren\n"
    "  - id: d\n"
    "    title: Klaar\n"
    "    source: src\n"
    "    quote: Gedaan.\n"
    "    due: 2025-H1\n"
    "    status: voldaan\n"
    "    history:\n"
    "      - {date: 2025-03-01, status: done}\n"
)


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_json_has_the_contract_fields(run):
    items = as_json(run("list", "--file", str(SHIPPED), "--format", "json", "--as-of", AS_OF))
    required = {
        "id", "title", "source", "answer", "quote", "due", "due_end", "current_due",
        "state", "days_left", "status", "owner", "places", "tags", "history",
    }  # fmt: skip
    assert all(required <= set(item) for item in items)
    by_id = {i["id"]: i for i in items}
    casc = by_id["groningen-cascadeplein"]
    assert (casc["due"], casc["due_end"], casc["state"], casc["days_left"]) == (
        "2025",
        "2025-12-31",
        "overdue",
        -331,
    )
    assert casc["answer"] == [8] and casc["places"] == ["Groningen"]
    kemp = by_id["groningen-kempkensberg-ontmoetingsplein"]
    assert (kemp["due"], kemp["state"]) == ("2031", "upcoming")
    assen = by_id["assen-rijksontmoetingsplein"]
    assert assen["state"] == "done" and assen["history"][0]["date"] == "2023-12-31"
    fase = by_id["groningen-ontmoetingsvoorzieningen-fasegewijs"]
    assert fase["due"] is None and fase["due_text"] == "in de komende jaren"
    assert fase["state"] == "undated" and fase["days_left"] is None
    # sorted by current due, undated last
    dated = [i["due_end"] for i in items if i["due_end"]]
    assert dated == sorted(dated) and items[-1]["due_end"] is None


def test_list_filters(run, write_yaml):
    path = str(write_yaml(RESCHEDULED))

    def ids(*args):
        return [
            i["id"]
            for i in as_json(
                run("list", "--file", path, "--format", "json", "--as-of", AS_OF, *args)
            )
        ]

    assert ids() == ["d", "a", "b", "c"]
    assert ids("--status", "open") == ["a", "b", "c"]
    assert ids("--status", "voldaan") == ["d"]
    assert ids("--state", "due-soon") == ["b"]
    assert ids("--state", "upcoming,undated") == ["c"]
    assert ids("--state", "overdue") == ["a"]  # 2026-Q2 ended before the as-of day
    assert ids("--owner", "bzk") == ["b"]
    assert ids("--place", "Assen") == ["a"]
    assert ids("--tag", "brief") == ["b"]
    assert ids("--source", "src", "--owner", "EZK", "--owner", "BZK") == ["a", "b"]
    assert ids("--due-before", "2026") == ["d"]
    assert ids("--due-after", "2026-Q2") == ["b"]
    assert ids("--due-after", "2026-06-29", "--due-before", "2026-07") == ["a"]


def test_rescheduled_shows_both_dues(run, write_yaml):
    path = str(write_yaml(RESCHEDULED))
    (a,) = [
        i
        for i in as_json(run("list", "--file", path, "--format", "json", "--as-of", AS_OF))
        if i["id"] == "a"
    ]
    assert (a["due"], a["current_due"], a["current_due_end"], a["slip_days"]) == (
        "2025",
        "2026-Q2",
        "2026-06-30",
        181,
    )
    table = run("list", "--file", path, "--as-of", AS_OF).stdout
    assert "2026-Q2 (was 2025)" in table
    shown = run("show", "a", "--file", path, "--as-of", AS_OF).stdout
    assert "due        2025 (ends 2025-12-31)" in shown
    assert "now due    2026-Q2 (ends 2026-06-30), slipped 181 days" in shown
    assert "due → 2026-Q2; uitgesteld" in shown and "https://example.org/brief" in shown


def test_show_cites_the_source(run):
    result = run("show", "groningen-cascadeplein", "--file", str(SHIPPED), "--as-of", AS_OF)
    assert result.exit_code == 0
    out = result.stdout
    assert "In 2025 wordt op de locatie Cascadeplein" in out
    assert "Antwoord 8" in out
    assert "Chakor (GroenLinks-PvdA), submitted 2024-10-30" in out
    assert "Minister Uitermark (BZK)" in out and "answered 2024-12-05" in out
    assert "overdue, 331 days late" in out


def test_show_names_no_answer_for_a_debate(run, write_yaml):
    debate = """\
        version: 1
        sources:
          - id: debat-1
            kind: debat
            title: Commissiedebat Wonen
        commitments:
          - id: d
            title: Brief over huren
            source: debat-1
            quote: "Ik stuur u voor de zomer een brief."
            due: 2026-07-01
        """
    out = run("show", "d", "--file", str(write_yaml(debate)), "--as-of", AS_OF).stdout
    assert "source     Commissiedebat Wonen (debat-1)\n" in out
    assert "Antwoord" not in out


def test_show_json(run):
    data = as_json(
        run(
            "show",
            "assen-rijksontmoetingsplein",
            "--file",
            str(SHIPPED),
            "--format",
            "json",
            "--as-of",
            AS_OF,
        )
    )
    assert data["status"] == "done" and data["state"] == "done"
    assert data["source_detail"]["asked_by"] == "Chakor (GroenLinks-PvdA)"
    assert data["source_detail"]["answered"] == "2024-12-05"


def test_show_unknown_id_suggests(run):
    result = run("show", "groningen-cascadeplien", "--file", str(SHIPPED))
    assert result.exit_code == 2
    assert (
        "no commitment with id 'groningen-cascadeplien'; did you mean 'groningen-cascadeplein'?"
        in result.stderr
    )


def test_due_default_and_window(run, write_yaml):
    path = str(write_yaml(RESCHEDULED))
    out = run("due", "--file", path, "--as-of", AS_OF).stdout
    assert out.index("| a ") < out.index("| b ")  # overdue before due soon
    assert "150 days late" in out and "18 days left" in out
    assert "| c " not in out and "| d " not in out
    narrow = as_json(
        run("due", "--file", path, "--as-of", AS_OF, "--within", "2w", "--format", "json")
    )
    assert [i["id"] for i in narrow] == ["a"]
    everything = as_json(run("due", "--file", path, "--as-of", AS_OF, "--all", "--format", "json"))
    assert [i["id"] for i in everything] == ["a", "b", "c"]


def test_due_with_nothing_due(run, write_yaml):
    path = str(write_yaml(MINIMAL))
    result = run("due", "--file", path, "--as-of", "2024-03-01")
    assert result.exit_code == 0
    assert "Nothing overdue or due within 90d of 2024-03-01." in result.stdout


def test_kvtrack_file_env_sets_the_default(run, write_yaml):
    path = str(write_yaml(MINIMAL))
    result = run("list", "--format", "json", env={"KVTRACK_FILE": path})
    assert [i["id"] for i in json.loads(result.stdout)] == ["a"]


def test_timeline_groups_by_year_with_today_and_reschedules(run, write_yaml):
    path = str(write_yaml(RESCHEDULED))
    out = run("timeline", "--file", path, "--as-of", AS_OF).stdout
    lines = out.splitlines()
    years = [ln for ln in lines if ln.strip().isdigit()]
    assert years == ["2024", "2025", "2026"]
    order = [ln.split()[0] for ln in lines if ln.startswith("  20")]
    assert order == ["2024-02-01", "2025-06-30", "2026-06-30", "2026-11-27", "2026-12-15"]
    assert "2026-11-27  ◀ today" in out
    assert "due 2026-Q2, was 2025 (slipped 181 days" in out
    assert "undated" in lines and "c: Vaag (de komende jaren)" in out


def test_timeline_from_to(run, write_yaml):
    path = str(write_yaml(RESCHEDULED))
    data = as_json(
        run(
            "timeline",
            "--file",
            path,
            "--as-of",
            AS_OF,
            "--from",
            "2025",
            "--to",
            "2026-Q2",
            "--format",
            "json",
        )
    )
    assert [(e["date"], e["kind"]) for e in data["events"]] == [
        ("2025-06-30", "due"),
        ("2026-06-30", "due"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--as-of", "2026-02-30"], "--as-of: '2026-02-30' is not a real date"),
        (
            ["due", "--as-of", "tomorrow"],
            "--as-of: 'tomorrow' is not a date; write it as YYYY-MM-DD",
        ),
        (["due", "--within", "soon"], "--within: 'soon' is not a window"),
        (["list", "--status", "klaar"], "unknown status 'klaar'"),
        (["list", "--state", "late"], "unknown state 'late'"),
        (["list", "--due-before", "2025-Q5"], "--due-before: '2025-Q5' is not a period"),
        (["timeline", "--from", "soon"], "--from: 'soon' is not a period"),
    ],
)
def test_bad_arguments_get_one_clear_line(run, args, message):
    result = run(*args, "--file", str(SHIPPED))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.strip() == f"error: {message}" or message in result.stderr


def test_bad_format_is_a_usage_error(run):
    result = run("list", "--file", str(SHIPPED), "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.output


def test_no_colour_when_not_a_terminal(run):
    out = run("due", "--file", str(SHIPPED), "--as-of", AS_OF).stdout
    assert "\x1b[" not in out


def test_every_command_has_help_with_an_example(run):
    for command in app.registered_commands:
        assert command.callback is not None
        name = command.name or command.callback.__name__
        doc = command.callback.__doc__ or ""
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert doc.strip(), f"{name} has no help text"
        assert "kvtrack " in doc, f"{name} --help has no example"
        assert " ".join(doc.split()[:3]) in result.stdout


def test_today_is_the_date_in_amsterdam(monkeypatch):
    from datetime import datetime

    from kvtrack.cli import options

    class LateEveningUTC(datetime):
        @classmethod
        def now(cls, tz=None):
            # 23:30 UTC on 27 November is already 28 November in Amsterdam (UTC+1)
            return datetime(2026, 11, 27, 23, 30, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(options, "datetime", LateEveningUTC)
    assert options.today().isoformat() == "2026-11-28"
