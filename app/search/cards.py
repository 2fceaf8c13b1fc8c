"""A result card: the services through which a provider answers the search, and the
figures it shows (that service's, or the provider's overall ones, saying which). Shared by
the result page and its JSON twin, so both show the same."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.availability import Availability, effective, summary
from app.domain.figures import CardLine, card_figures
from app.search.catalog import Catalog, Provider
from app.search.finder import SearchResult, searched_services
from app.search.params import SearchParams


@dataclass(frozen=True)
class Card:
    """What one result card shows besides the provider's own facts."""

    services: list[str]  # the provider's services that answer the search, first the matched one
    about: str | None  # what most figures are about: a service, or None (the whole provider)
    figures: dict[str, CardLine]  # per key indicator: what the figure is about, the figure
    availability: Availability  # waiting time and new clients for those services, there

    @property
    def any_figure(self) -> bool:
        """Whether there is a figure at all (else the card says so in one line)."""
        return any(shown.figure is not None for _, shown in self.figures.values())


def matching_services(
    provider: Provider, params: SearchParams, catalog: Catalog, named: list[str] | None = None
) -> list[str]:
    """The provider's services that answer this search: contracted in the chosen gemeente
    (any when none is chosen), limited to the chosen services or wet; when the words named
    services (`named`, strongest first) and the provider has some, only those."""
    wanted = set(searched_services(catalog, params)) or set(catalog.dienst_wet)
    found = {
        code for code, cbs in provider.contracted if code in wanted and params.g in (None, cbs)
    }
    through = [code for code in named or () if code in found]
    return through or [code for code in catalog.dienst_wet if code in found]  # reference order


def named_services(result: SearchResult) -> list[str]:
    """The services the search's words name, strongest first."""
    return [item.code for item in result.recognised if item.parameter == "d"]


def card(provider: Provider, result: SearchResult, catalog: Catalog) -> Card:
    """The card of one provider in `result`."""
    named = named_services(result)
    services = matching_services(provider, result.params, catalog, named)
    asked = bool(result.params.d) or any(code in named for code in services[:1])
    about, figures = card_figures(provider.scoped, services, asked, catalog.key_indicators)
    return Card(services, about, figures, availability_for(provider, services, result.params.g))


def availability_for(provider: Provider, services: list[str], gemeente: str | None) -> Availability:
    """What counts for a result: the newest measurements of the services that answer the
    search, in the chosen gemeente (any when none is chosen), summed up over them."""
    if provider.same_everywhere:
        return provider.beschikbaarheid  # the same at every pair, so over any of them
    pairs = [
        (code, cbs)
        for code, cbs in provider.contracted
        if code in services and gemeente in (None, cbs)
    ]
    if not pairs:
        return provider.beschikbaarheid
    return summary(effective(provider.scopes, code, cbs) for code, cbs in pairs)
