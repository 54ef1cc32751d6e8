"""The country list: every ISO 3166-1 country, with aliases readouts use."""

import json
from functools import lru_cache
from pathlib import Path

import pycountry

ALIASES_FILE = Path(__file__).resolve().parent / "extraction" / "data" / "countries.json"

# pycountry's common_name is friendlier where it exists ("Taiwan", "Bolivia").
_PREFERRED_NAMES = {
    "US": "United States",
    "GB": "United Kingdom",
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "IR": "Iran",
    "VN": "Vietnam",
    "TW": "Taiwan",
    "SY": "Syria",
    "LA": "Laos",
    "MD": "Moldova",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "CZ": "Czechia",
}


@lru_cache(maxsize=1)
def alias_dictionary() -> dict[str, dict]:
    """The editable alias file: code -> {"name", "short", "demonyms", "capitals", "aliases"}."""
    if not ALIASES_FILE.exists():
        return {}
    return json.loads(ALIASES_FILE.read_text(encoding="utf-8"))


def country_records() -> list[tuple[str, str, list[str]]]:
    """(code, display name, aliases) for every ISO country, sorted by code."""
    extra = alias_dictionary()
    records = []
    for country in pycountry.countries:
        code = country.alpha_2
        entry = extra.get(code, {})
        name = (
            entry.get("name")
            or _PREFERRED_NAMES.get(code)
            or getattr(country, "common_name", country.name)
        )
        aliases: list[str] = []
        for key in ("short", "demonyms", "capitals", "aliases"):
            aliases.extend(entry.get(key, []))
        official = getattr(country, "official_name", None)
        for candidate in (country.name, official):
            if candidate and candidate != name:
                aliases.append(candidate)
        records.append((code, name, list(dict.fromkeys(aliases))))
    return sorted(records)


def sync_countries(country_model) -> int:
    """Create missing countries and merge new aliases into existing ones.

    Takes the model class so data migrations can pass their historical model.
    Aliases added by staff in admin are kept. Returns how many rows changed.
    """
    existing = {c.code: c for c in country_model.objects.all()}
    to_create, to_update = [], []
    for code, name, aliases in country_records():
        current = existing.get(code)
        if current is None:
            to_create.append(country_model(code=code, name=name, aliases=aliases))
            continue
        merged = list(dict.fromkeys([*current.aliases, *aliases]))
        if merged != current.aliases:
            current.aliases = merged
            to_update.append(current)
    country_model.objects.bulk_create(to_create)
    country_model.objects.bulk_update(to_update, ["aliases"])
    return len(to_create) + len(to_update)
