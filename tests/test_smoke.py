from conftest import AS_OF, SHIPPED


def test_due_on_shipped_file_shows_cascadeplein_overdue(run):
    result = run("due", "--file", str(SHIPPED), "--as-of", AS_OF)
    assert result.exit_code == 0
    assert "groningen-cascadeplein" in result.stdout
    assert "331 days late" in result.stdout


def test_version_comes_from_the_package_metadata(run):
    from importlib.metadata import version

    import kvtrack

    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"kvtrack {version('kvtrack')}\n")
    assert version("kvtrack") == kvtrack.__version__  # the cache key's version is the same one


def test_version_works_from_the_script(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "kvtrack", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout.startswith("kvtrack ")) == (0, True), done.stderr
    assert done.stderr == ""
