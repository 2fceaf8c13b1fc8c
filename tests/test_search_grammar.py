"""The search grammar is declared once (app/search/params.py: PARAMETERS); everything else
must agree with that table: the parser, the canonical link, the OpenAPI description of
/api/v1/providers, the HTML notices, the API's 400s and the summary sentence."""

from __future__ import annotations

import dataclasses
import html
import re
import string
from urllib.parse import parse_qsl

from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from app.search.params import (
    GRAMMAR,
    IDS,
    INTEGER,
    MANY,
    NUMBER,
    ONE,
    PAGE,
    PARAMETERS,
    SEARCH_PARAMETERS,
    TEXT,
    SearchParams,
    canonical_query,
    parse,
)

# What each kind of parameter is in JSON Schema: written out here, not imported, so that a
# change on either side shows.
SCHEMA_TYPE = {
    TEXT: "string",
    ONE: "string",
    MANY: "array",
    INTEGER: "integer",
    NUMBER: "number",
    PAGE: "integer",
}
BOUNDED = [p for p in PARAMETERS if p.kind in (INTEGER, NUMBER, PAGE)]


def _operation_parameters(client):  # type: ignore[no-untyped-def]
    document = client.get("/api/v1/openapi.json").get_json()
    return {p["name"]: p for p in document["paths"]["/api/v1/providers"]["get"]["parameters"]}


def test_the_table_and_the_search_state_agree():
    fields = [f for f in dataclasses.fields(SearchParams) if f.name != "notices"]
    assert [f.name for f in fields] == [p.name for p in PARAMETERS]
    empty = SearchParams()
    for param in PARAMETERS:
        default = param.default
        assert getattr(empty, param.name) == (
            list(default) if isinstance(default, tuple) else default
        ), param.name
    assert SEARCH_PARAMETERS == tuple(p.name for p in PARAMETERS if not p.page_only)


def test_openapi_parameters_are_the_table(client, ref):
    described = _operation_parameters(client)
    assert list(described) == list(SEARCH_PARAMETERS)
    for param in PARAMETERS:
        if param.page_only:
            assert param.name not in described
            continue
        schema = described[param.name]["schema"]
        assert described[param.name]["description"] == param.description
        assert schema["type"] == SCHEMA_TYPE[param.kind], param.name
        values = schema["items"] if param.kind == MANY else schema
        if param.kind in (ONE, MANY):
            assert values.get("enum") == (None if param.pattern else param.allowed(ref))
            assert values.get("pattern") == param.pattern
        assert schema.get("minimum") == param.minimum, param.name
        assert schema.get("maximum") == param.maximum, param.name
        assert schema.get("maxLength") == param.max_length, param.name


def _inside_and_outside(param):  # type: ignore[no-untyped-def]
    """Values just inside the table's bounds, and just outside them."""
    if param.kind == TEXT:
        return ["a" * param.max_length], ["a" * (param.max_length + 1)]
    step = 0.01 if param.kind == NUMBER else 1
    inside = [param.minimum, param.maximum]
    outside = [round(param.minimum - step, 2), round(param.maximum + step, 2)]
    return [str(v) for v in inside], [str(v) for v in outside]


def test_bounds_inside_parse_and_outside_are_a_notice_and_a_400(published_client, ref):
    for param in [*BOUNDED, GRAMMAR["q"]]:
        inside, outside = _inside_and_outside(param)
        for value in inside:
            parsed = parse(MultiDict({param.name: value}), ref)
            assert parsed.notices == [], (param.name, value)
            assert str(getattr(parsed, param.name)) == value
            # p at its maximum is a page that does not exist: a 404, but no 400.
            response = published_client.get(f"/api/v1/providers?{param.name}={value}")
            assert response.status_code != 400
        for value in outside:
            _assert_refused(published_client, ref, param.name, value)


def _assert_refused(client, ref, name, value):  # type: ignore[no-untyped-def]
    """A bad value: a notice in the parser and on the page, a 400 naming it in the API."""
    parsed = parse(MultiDict({name: value}), ref)
    assert [n for n, _ in parsed.notices] == [name], (name, value)
    page = client.get(f"/zoeken?{name}={value}")
    assert page.status_code == 200
    assert re.search(rf"<code>{name}=[^<]*</code>", page.get_data(as_text=True)), (name, value)
    api = client.get(f"/api/v1/providers?{name}={value}")
    assert api.status_code == 400, (name, value)
    assert [d["parameter"] for d in api.get_json()["error"]["details"]] == [name]


def test_allowed_values_are_accepted_and_others_refused(published_client, ref):
    for param in PARAMETERS:
        if param.kind not in (ONE, MANY):
            continue
        allowed = ["tr", "ar"] if param.pattern else param.allowed(ref)
        query = "&".join(f"{param.name}={v}" for v in allowed)
        assert parse(MultiDict(parse_qsl(query)), ref).notices == [], param.name
        # A page-only parameter is unknown to the API, whatever its value.
        api = published_client.get(f"/api/v1/providers?{query}").status_code
        assert api == (400 if param.page_only else 200), param.name
        _assert_refused(published_client, ref, param.name, "x9")


def test_page_only_parameters_stay_out_of_the_api(published_client, ref):
    page_only = [param for param in PARAMETERS if param.page_only]
    assert [(param.name, param.kind) for param in page_only] == [("weergave", ONE), ("b", IDS)]
    for param in page_only:  # even a value the page takes (weergave=kaart, b=T001)
        good = param.allowed(ref)[-1] if param.kind == ONE else "T001"
        assert published_client.get(f"/api/v1/providers?{param.name}={good}").status_code == 400
    for param in (p for p in page_only if p.kind == IDS):
        many = MultiDict([(param.name, f"id{i}") for i in range(30)])
        assert len(getattr(parse(many, ref), param.name)) == param.maximum
        long = parse(MultiDict({param.name: "x" * (param.max_length + 59)}), ref)
        assert getattr(long, param.name) == ["x" * param.max_length]


def _valid_value(param, ref):  # type: ignore[no-untyped-def]
    """A strategy for what a visitor may write for one parameter: a list of raw values."""
    text = st.text(st.characters(exclude_categories=("Cs",)), max_size=param.max_length)
    if param.kind == TEXT:
        return text.map(lambda value: [value])
    if param.kind in (INTEGER, PAGE):
        return st.integers(int(param.minimum), int(param.maximum)).map(lambda n: [str(n)])
    if param.kind == NUMBER:
        number = st.floats(param.minimum, param.maximum, allow_nan=False)
        return number.map(lambda x: [str(x)])
    if param.kind == IDS:
        letters = st.text(string.ascii_letters + string.digits, min_size=1, max_size=40)
        return st.lists(letters, max_size=12)
    one = (
        st.text(string.ascii_lowercase, min_size=2, max_size=2)
        if param.pattern
        else st.sampled_from(param.allowed(ref))
    )
    return st.lists(one, max_size=1 if param.kind == ONE else 4)


@st.composite
def _queries(draw, ref):  # type: ignore[no-untyped-def]
    pairs = []
    for param in PARAMETERS:
        chosen = draw(st.one_of(st.just([]), _valid_value(param, ref)))
        pairs.extend((param.name, value) for value in chosen)
    return MultiDict(pairs)


def test_canonical_links_read_back_as_the_same_search(ref):
    @settings(max_examples=150, deadline=None)
    @given(args=_queries(ref))
    def round_trip(args):  # type: ignore[no-untyped-def]
        params = parse(args, ref)
        assert params.notices == [], args
        link = canonical_query(params, ref)
        again = parse(MultiDict(parse_qsl(link, keep_blank_values=True)), ref)
        assert again == params
        assert canonical_query(again, ref) == link

    round_trip()


def _summary(client, query):  # type: ignore[no-untyped-def]
    page = client.get(f"/zoeken?{query}").get_data(as_text=True)
    found = re.search(r'<span id="result-summary" role="status">(.*?)</span>', page)
    assert found, query
    return html.unescape(found[1])


def _fixed_words(app, param, value):  # type: ignore[no-untyped-def]
    """The words of a parameter's phrase around its placeholder ('voor iemand van', 'jaar')."""
    phrase = param.phrase[value] if isinstance(param.phrase, dict) else param.phrase
    with app.test_request_context():  # in Dutch, as the pages below
        phrase = str(phrase)
    return [part.strip() for part in re.split(r"%\(\w+\)s", phrase) if part.strip()]


def test_the_summary_sentence_says_every_chosen_parameter_with_a_phrase(
    published_app, published_client
):
    chosen = {
        "q": "huis",
        "g": "hengelo",
        "w": "jeugd",
        "d": "AMB-BEG",
        "l": "14",
        "t": "autisme",
        "taal": "tr",
        "kenmerk": "huisbezoek",
        "wacht": "6",
    }
    spoken = [p for p in PARAMETERS if p.phrase is not None]
    assert {p.name for p in spoken} == set(chosen)
    for param in spoken:
        sentence = _summary(published_client, f"{param.name}={chosen[param.name]}")
        for words in _fixed_words(published_app, param, chosen[param.name]):
            assert words in sentence, (param.name, sentence)
    # All at once: each is said, except what a more precise choice already says (w by d).
    everything = _summary(published_client, "&".join(f"{k}={v}" for k, v in chosen.items()))
    for param in spoken:
        if not (param.implied_by and param.implied_by in chosen):
            for words in _fixed_words(published_app, param, chosen[param.name]):
                assert words in everything, (param.name, everything)
    assert "Hengelo" in everything and "Turks" in everything and "‘huis’" in everything
    assert "jeugdhulp" not in everything  # w is implied by the service
