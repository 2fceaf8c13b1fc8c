"""The one rule for what a figure may show (app.domain.figures)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.figures import Figure, ShownFigure, figure_json, headline, is_old, show

TODAY = dt.date(2026, 6, 1)


def figure(
    aantal: int = 40,
    tot: dt.date = dt.date(2025, 12, 31),
    waarde: float = 87.5,
    eenheid: str = "procent",
    dienst: str | None = None,
) -> Figure:
    return Figure(
        "clienttevredenheid",
        dienst,
        waarde,
        eenheid,
        aantal,
        dt.date(2025, 1, 1),
        tot,
        "Cliëntervaringsonderzoek 2025 (fictief)",
    )


def test_enough_clients_shows_the_number():
    shown = show(figure(aantal=40), minimum_n=10, today=TODAY)
    assert (shown.state, shown.value, shown.old) == ("ok", 87.5, False)
    assert figure_json(shown) == {
        "status": "ok",
        "waarde": 87.5,
        "eenheid": "procent",
        "aantal": 40,
        "periode_van": "2025-01-01",
        "periode_tot": "2025-12-31",
        "bron": "Cliëntervaringsonderzoek 2025 (fictief)",
    }


@pytest.mark.parametrize(
    ("aantal", "state"), [(10, "ok"), (9, "te_weinig_gegevens"), (0, "te_weinig_gegevens")]
)
def test_the_minimum_n_is_the_smallest_number_that_is_shown(aantal, state):
    shown = show(figure(aantal=aantal), minimum_n=10, today=TODAY)
    assert shown.state == state
    assert (shown.value is None) == (state != "ok")
    assert (shown.comparable is None) == (state != "ok")


def test_too_few_clients_keeps_n_period_and_source_but_no_number():
    shown = show(figure(aantal=6), minimum_n=10, today=TODAY)
    assert shown.figure is not None and shown.figure.aantal == 6
    data = figure_json(shown)
    assert data == {
        "status": "te_weinig_gegevens",
        "aantal": 6,
        "periode_van": "2025-01-01",
        "periode_tot": "2025-12-31",
        "bron": "Cliëntervaringsonderzoek 2025 (fictief)",
    }
    assert "waarde" not in data and "eenheid" not in data


def test_a_missing_figure_is_no_data_and_never_zero():
    shown = show(None, minimum_n=10, today=TODAY)
    assert shown == ShownFigure("geen_gegevens", None, False)
    assert shown.value is None and shown.comparable is None
    assert figure_json(shown) is None  # null in the API, not 0


def test_a_figure_of_zero_is_a_real_figure():
    shown = show(figure(waarde=0.0), minimum_n=10, today=TODAY)
    assert (shown.state, shown.value) == ("ok", 0.0)


@pytest.mark.parametrize(
    ("tot", "today", "old"),
    [
        (dt.date(2024, 6, 1), dt.date(2026, 6, 1), False),  # exactly two years: not yet old
        (dt.date(2024, 5, 31), dt.date(2026, 6, 1), True),  # two years and a day
        (dt.date(2024, 2, 29), dt.date(2026, 2, 28), False),
        (dt.date(2024, 2, 28), dt.date(2026, 2, 28), False),
        (dt.date(2024, 2, 27), dt.date(2026, 2, 28), True),
        # Today 29 February: two years back has none, so the limit is 28 February.
        (dt.date(2026, 2, 28), dt.date(2028, 2, 29), False),
        (dt.date(2026, 2, 27), dt.date(2028, 2, 29), True),
        (dt.date(2024, 2, 29), dt.date(2026, 3, 1), True),
    ],
)
def test_old_after_two_years_also_around_29_february(tot, today, old):
    assert is_old(figure(tot=tot), today) is old
    assert show(figure(tot=tot), minimum_n=10, today=today).old is old


def test_old_holds_also_when_there_is_no_number():
    shown = show(figure(aantal=3, tot=dt.date(2020, 12, 31)), minimum_n=10, today=TODAY)
    assert (shown.state, shown.old, shown.value) == ("te_weinig_gegevens", True, None)


def test_a_mark_compares_on_the_percent_scale():
    shown = show(figure(waarde=8.1, eenheid="cijfer"), minimum_n=10, today=TODAY)
    assert shown.value == 8.1 and shown.comparable == pytest.approx(81.0)


def test_the_headline_is_provider_wide_first_then_the_newest():
    wide = figure(tot=dt.date(2024, 12, 31))
    service_new = figure(tot=dt.date(2025, 12, 31), dienst="AMB-BEG")
    service_old = figure(tot=dt.date(2023, 12, 31), dienst="AMB-DYS")
    assert headline([service_new, wide, service_old]) is wide
    assert headline([service_old, service_new]) is service_new
    assert headline([]) is None


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(60.5, 0, "61"), (86.5, 0, "87"), (87.25, 1, "87.3"), (7.45, 1, "7.5"), (60.4, 0, "60")],
)
def test_figures_are_rounded_half_up_as_people_round(value, decimals, shown):
    """Python's round() gives 60 for 60,5 and 87,2 for 87,25; a visitor expects 61, 87,3."""
    from app.domain.figures import rounded

    assert str(rounded(value, decimals)) == shown


def test_pages_round_a_half_up(app):
    from app.web.display import value_text

    with app.test_request_context("/?lang=nl"):
        assert value_text(87.25, "percentage").startswith("87,3")
        assert value_text(7.25, "cijfer") == "7,3"
