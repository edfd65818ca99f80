"""Shared fixtures: a CLI runner, a private copy of the shipped file, a writer for YAML fixtures."""

from __future__ import annotations

import functools
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.testing
from typer.testing import CliRunner

from kvtrack.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "commitments.yaml"
SEED = ROOT / "seeds" / "000_ec54215808ac09e0.txt"
AS_OF = "2026-11-27"  # a fixed 'today' so results do not depend on the day the tests run

# Typer's test runner builds the whole click command tree for every invoke (about 60 ms: the
# options of twenty commands worked out from their signatures), which was most of the suite's
# time. The tree depends only on the code, so it is built once per process. (The installed
# `kvtrack` builds only the command it runs: see cli/app.py:main.)
typer.testing._get_command = functools.cache(typer.testing._get_command)


def pytest_configure(config: pytest.Config) -> None:
    """The coverage floor (pyproject) is for the whole suite: a run of chosen files still measures
    coverage but does not fail for what those files leave out."""
    cov = config.pluginmanager.getplugin("_cov")
    whole_suite = [Path(a).resolve() for a in config.args] == [ROOT / "tests"]
    if cov is not None and not whole_suite:
        cov.options.cov_fail_under = None


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own parse cache, never the user's (and starts with it empty)."""
    cache_dir = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("KVTRACK_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("KVTRACK_NO_CACHE", raising=False)
    return cache_dir


@pytest.fixture(autouse=True)
def no_racy_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests write a file and edit it at once: without this every edit would wait out git's racy
    second (store.write.read_stable). The tests of that rule set it back."""
    monkeypatch.setenv("KVTRACK_RACY_SECONDS", "0")


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """Invoke the CLI in-process: run("list", "--file", p) -> click Result (stdout, stderr, exit_code)."""
    monkeypatch.delenv("KVTRACK_FILE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> object:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A private copy of the shipped commitments file (with the seed next to it)."""
    target = tmp_path / "commitments.yaml"
    shutil.copy(SHIPPED, target)
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    return target


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """write_yaml(text, name="c.yaml") dedents `text` into a file and returns its path."""

    def write(text: str, name: str = "c.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


MINIMAL = """\
version: 1
sources:
  - id: src
    kind: kamervragen
    title: Vragen over iets
    asked_by: Lid (Partij)
    answered_by: Minister X (BZK)
    submitted: 2024-01-10
    answered: 2024-02-01
commitments:
  - id: a
    title: Iets in 2025
    source: src
    answer: 1
    quote: "In 2025 doen we iets."
    due: 2025
"""
