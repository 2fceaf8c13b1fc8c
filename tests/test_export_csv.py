"""CSV exports for Excel: BOM, ';', round trip through csv, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest

from app.opendata.exports.csv_export import cell
from tests.conftest import set_cell


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/csv" and response.is_streamed
    assert response.headers["Content-Disposition"].startswith("attachment")
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads it as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_contracts_round_trip(published_client):
    rows = read(published_client, "/api/v1/export/contracten.csv")
    assert len(rows) == 6  # every contract of the register, also suspended and ended ones
    t004 = [r for r in rows if r["aanbieder_id"] == "T004" and r["dienst"] == "WMO-OB2"][0]
    assert t004["gemeenten"] == "Almelo;Borne" and t004["gemeenten_cbs"] == "0141;0147"
    assert t004["niveaus"] == "A;B" and t004["einddatum"] == "2028-12-31"
    assert t004["actief_vandaag"] == "ja" and t004["wet"] == "wmo"
    suspended = [r for r in rows if r["aanbieder_id"] == "T003" and r["status"] == "opgeschort"][0]
    assert suspended["actief_vandaag"] == "nee"
    assert [r for r in rows if r["aanbieder_id"] == "T001"][0][
        "naam"
    ] == "Testpraktijk De Beuk (fictief)"


def test_figures_respect_the_minimum_n(published_client):
    rows = read(published_client, "/api/v1/export/kwaliteit.csv")
    by_key = {(r["aanbieder_id"], r["indicator"]): r for r in rows}
    assert by_key[("T001", "clienttevredenheid")]["waarde"] == "87,5"  # Dutch decimal comma
    uitval = by_key[("T001", "uitval")]
    assert uitval["status"] == "te_weinig_gegevens" and uitval["waarde"] == ""
    assert uitval["aantal"] == "6"
    assert by_key[("T004", "clienttevredenheid")]["eenheid"] == "cijfer"


def test_formulas_are_neutralised(client, do_import, register_copy):
    set_cell(register_copy, "aanbieders", 2, "naam", '=HYPERLINK("http://x.example","klik")')
    set_cell(register_copy, "aanbieders", 3, "naam", "@SUM(1+1)")
    set_cell(register_copy, "kwaliteit", 2, "bron", "+31 onderzoek")
    set_cell(register_copy, "kwaliteit", 3, "bron", "-1 onderzoek")
    assert do_import(register_copy).ok
    contracts = read(client, "/api/v1/export/contracten.csv")
    names = {r["aanbieder_id"]: r["naam"] for r in contracts}
    assert names["T001"] == '\'=HYPERLINK("http://x.example","klik")'
    assert names["T002"] == "'@SUM(1+1)"
    sources = {r["bron"] for r in read(client, "/api/v1/export/kwaliteit.csv")}
    assert {"'+31 onderzoek", "'-1 onderzoek"} <= sources


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (True, "ja"),
        (False, "nee"),
        (8.1, "8,1"),
        (87.0, "87"),
        (["a", "b"], "a;b"),
    ],
)
def test_cell(value, expected):
    assert cell(value) == expected


def test_large_exports_are_chunked():
    from app.opendata.exports.csv_export import CHUNK_ROWS, csv_stream

    chunks = list(csv_stream([[i, "x"] for i in range(CHUNK_ROWS * 3)]))
    assert len(chunks) >= 4 and chunks[0] == "\ufeff"
