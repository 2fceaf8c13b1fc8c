"""Language choice: an explicit `lang` in the URL, then the browser, then Dutch."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from babel import Locale
from babel.numbers import format_decimal
from babel.support import NullTranslations
from flask import current_app, request
from flask_babel import get_locale, get_translations
from flask_babel import lazy_gettext as _l
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from app.web.sharing import in_language, without_language


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


def pick(texts: Mapping[str, str | None] | None) -> str:
    """The current language's entry of a {nl: ..., en: ...} text, Dutch when it is empty."""
    return pick_marked(texts)[0]


def pick_marked(texts: Mapping[str, str | None] | None) -> tuple[str, str | None]:
    """The current language's entry and, when it fell back to Dutch on a page in another
    language, "nl": the caller marks that text lang="nl" (screen readers switch voice)."""
    locale = str(get_locale())
    if not texts:
        return "", None
    if texts.get(locale):
        return str(texts[locale]), None
    dutch = texts.get("nl") or ""
    return dutch, ("nl" if dutch and locale != "nl" else None)


# Each language by its own name, in its own script: a visitor who reads no Dutch still
# finds their language in the list.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "pl": "Polski",
    "uk": "Українська",
}


def bdi(text: object) -> Markup:
    """`text` isolated from the text around it (a Latin name or a phone number inside an
    Arabic sentence keeps its own order: "053 123 45 67" does not become "67 45 123 053")."""
    return Markup("<bdi>%s</bdi>") % text


# og:locale wants a territory.
OG_LOCALES = {
    "nl": "nl_NL",
    "en": "en_GB",
    "tr": "tr_TR",
    "ar": "ar_AR",
    "pl": "pl_PL",
    "uk": "uk_UA",
}


def language_choices() -> list[dict[str, str]]:
    """The language choice: per language its own name, direction and this page in it
    (keeping every query parameter but `lang`, which comes last)."""
    query = without_language(request.args.items(multi=True))
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES[code],
            "dir": text_direction(code),
            "href": in_language(request.path, query, code),
        }
        for code in current_app.config["LANGUAGES"]
    ]


@functools.cache
def text_direction(code: str) -> str:
    """The direction a language is written in, ltr or rtl. Kept: parsing a locale costs
    ~25 µs, and every page asks it for six languages."""
    return str(Locale.parse(code).text_direction)


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


def ngettext(singular: str, plural: str, num: int, /, **variables: object) -> str:
    """Flask-Babel's ngettext with the count written the way the page's language writes
    numbers ("20.000 aanbieders", not "20000"): there `%(num)s` is the bare int."""
    return _counted(get_translations(), get_locale(), (singular, plural, num), variables)


@pass_context
def template_ngettext(
    context: Context, singular: str, plural: str, num: int, /, **variables: object
) -> str:
    """The same for templates (and macros imported without context), in place of the one
    Flask-Babel installs: as Jinja's own, the translation is trusted markup and the
    variables are escaped into it."""
    return _counted(
        get_translations(),
        get_locale(),
        (singular, plural, num),
        variables,
        markup=context.eval_ctx.autoescape,
    )


def template_gettext() -> dict[str, Any]:
    """`gettext` and `ngettext` for one render, bound to this request's catalogue.

    They behave as Flask-Babel's newstyle template callables (autoescaped, always
    %-formatted) and ngettext writes `num` as `ngettext` above does, but they find the
    catalogue once per request instead of through Flask-Babel's context lookups on each
    of the ~200 calls a search page makes.
    """
    translations: NullTranslations = get_translations()
    locale = get_locale()

    @pass_context
    def gettext(context: Context, string: str, /, **variables: Any) -> str:
        text = translations.ugettext(string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def ngettext(
        context: Context, singular: str, plural: str, num: int, /, **variables: Any
    ) -> str:
        return _counted(
            translations,
            locale,
            (singular, plural, num),
            variables,
            markup=context.eval_ctx.autoescape,
        )

    return {"gettext": gettext, "ngettext": ngettext}


def _counted(
    translations: NullTranslations,
    locale: Locale | None,
    message: tuple[str, str, int],
    variables: dict[str, Any],
    markup: bool = False,
) -> str:
    singular, plural, num = message
    variables.setdefault("num", format_decimal(num, locale=locale or "nl"))
    translated: str = translations.ungettext(singular, plural, num)
    return (Markup(translated) if markup else translated) % variables
