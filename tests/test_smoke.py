from conftest import AS_OF, SHIPPED


def test_due_on_shipped_file_shows_cascadeplein_overdue(run):
    result = run("due", "--file", str(SHIPPED), "--as-of", AS_OF)
    assert result.exit_code == 0
    assert "groningen-cascadeplein" in result.stdout
    assert "331 days late" in result.stdout
