"""Language choice: an explicit `lang` in the URL, then the browser, then Dutch."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from flask import current_app, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l


def select_locale() -> str:
    """The language for this request (a shared link opens in the language it was sent in)."""
    languages = current_app.config["LANGUAGES"]
    chosen = request.args.get("lang", "")
    if chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def explicit_language() -> str | None:
    """The language chosen in the URL (`?lang=`), if any: links the site writes keep it."""
    chosen = request.args.get("lang", "")
    return chosen if chosen in current_app.config["LANGUAGES"] else None


def pick(texts: Mapping[str, str] | None) -> str:
    """The current language's entry of a {nl: ..., en: ...} text, Dutch when it is empty."""
    if not texts:
        return ""
    return texts.get(str(get_locale())) or texts.get("nl", "")


LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def url_in_language(code: str) -> str:
    """The current page in another language, keeping every query parameter."""
    args = request.args.copy()
    args["lang"] = code
    return f"{request.path}?{urlencode(list(args.items(multi=True)))}"


# Per HTTP error status: a short title, and what the visitor can do about it.
ERROR_MESSAGES = {
    400: (
        _l("Dit verzoek klopt niet"),
        _l(
            "Het adres of het formulier bevat iets wat wij niet begrijpen. Probeer het "
            "opnieuw vanaf de startpagina."
        ),
    ),
    404: (
        _l("Deze pagina bestaat niet"),
        _l("Misschien is de link oud of zit er een typfout in. Zoek opnieuw vanaf de startpagina."),
    ),
    405: (_l("Dit kan hier niet"), _l("Deze pagina kan niet op deze manier worden gebruikt.")),
    500: (
        _l("Er ging iets mis"),
        _l("Dat is onze fout. Probeer het over een paar minuten opnieuw."),
    ),
}


def error_title(code: int | None) -> str:
    """A short, human title for an HTTP error status."""
    return str(ERROR_MESSAGES.get(code or 500, ERROR_MESSAGES[500])[0])


def error_text(code: int | None) -> str:
    """What the visitor can do about an HTTP error."""
    return str(ERROR_MESSAGES.get(code or 500, ERROR_MESSAGES[500])[1])
