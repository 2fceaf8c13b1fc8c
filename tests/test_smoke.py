from tests.conftest import VALID


def test_valid_register_publishes(do_import, client):
    result = do_import(VALID)
    assert result.outcome == "gepubliceerd", [str(p) for p in result.report.problems]
    page = client.get("/")
    assert page.status_code == 200
