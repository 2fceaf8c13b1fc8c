"""B1 language: every Dutch explanation text must be easy to read.

The score is Flesch-Douma, the Dutch adaptation of Flesch Reading Ease:
    206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)
Syllables are counted with the Dutch hyphenation dictionary (pyphen).

Threshold: 60. On the Douma scale 60-70 is "redelijk makkelijk" and 70+ "makkelijk";
texts at 60 or more have short sentences (about 10-12 words) and mostly short words,
which is what B1 writing guides ask for. Below 60 a text needs long sentences or many
long compounds ("ondersteuningsbehoeften"), which B1 readers struggle with. The score
is only meaningful for running text, so it is applied to whole explanations, not to
button labels.
"""

from __future__ import annotations

import re
from html import unescape

import pyphen
import pytest

THRESHOLD = 60
_DUTCH = pyphen.Pyphen(lang="nl_NL")


def flesch_douma(text: str) -> float:
    sentences = [s for s in re.split(r"[.!?]+(?:\s|$)", text) if s.strip()]
    words = re.findall(r"[^\W\d_]+", text)
    syllables = sum(len(_DUTCH.inserted(word).split("-")) for word in words)
    return 206.835 - 0.93 * len(words) / len(sentences) - 77 * syllables / len(words)


def test_the_score_tells_easy_from_hard_dutch():
    easy = (
        "Een begeleider helpt uw kind. Dat gebeurt thuis of op school. Uw kind blijft thuis wonen."
    )
    hard = (
        "De gemeentelijke verantwoordelijkheid voor de uitvoering van maatschappelijke "
        "ondersteuningsvoorzieningen is vastgelegd in de Wet maatschappelijke ondersteuning."
    )
    assert flesch_douma(easy) > 80 > THRESHOLD > 0 > flesch_douma(hard)


def _reference_texts(ref) -> list[tuple[str, str]]:
    texts = []
    for d in ref.diensten:
        texts += [(f"{d.code} uitleg", d.uitleg["nl"]), (f"{d.code} voor_wie", d.voor_wie["nl"])]
    texts += [(f"indicator {i.code}", i.uitleg["nl"]) for i in ref.indicatoren]
    texts += [
        (f"deelname {u.dienst} {u.gemeente}", u.toelichting["nl"]) for u in ref.uitzonderingen
    ]
    return texts


def test_every_explanation_in_the_reference_data_is_b1(ref):
    texts = _reference_texts(ref)
    assert len(texts) > 40
    too_hard = [
        (name, round(flesch_douma(text))) for name, text in texts if flesch_douma(text) < THRESHOLD
    ]
    assert too_hard == []


@pytest.mark.parametrize(
    "url, part, tags",
    [
        ("/uitleg/cijfers", "main", "p|li"),  # its list items are sentences
        ("/aanbieder/T001/testpraktijk-de-beuk-fictief", "#how-heading", "p"),
        ("/gemeente/almelo", "main", "p"),
        ("/toegankelijkheid", "main", "p|li"),
        ("/open-data", "main", "p|li|dd"),
        ("/wijzigingen", "main", "p"),
    ],
)
def test_explanation_pages_are_b1(published_client, url, part, tags):
    html = published_client.get(url).get_data(as_text=True)
    if part == "main":
        html = html[html.index("<main") : html.index("</main>")]
    else:
        start = html.index('id="how-heading"')
        html = html[start : html.index("</section>", start)]
    paragraphs = [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", p)).split())
        for p in re.findall(rf"<(?:{tags})\b[^>]*>(.*?)</(?:{tags})>", html, re.S)
    ]
    # A paragraph without a full stop (a heading-like line) still ends a sentence.
    text = " ".join(p if p.endswith((".", "?", "!", ":")) else f"{p}." for p in paragraphs if p)
    assert flesch_douma(text) >= THRESHOLD, (url, round(flesch_douma(text)))
