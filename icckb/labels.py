"""Labels the build adds to pages. English is the source; translations come later
from per-language vocabulary files and fall back to these."""

from __future__ import annotations

ENGLISH = {
    "facts": "Facts",
    "kind": "Kind",
    "cities": "Cities",
    "country": "Country",
    "year": "Year",
    "topics": "Topics",
    "target_groups": "Target groups",
    "partners": "Partners",
    "funding": "Funding",
    "contact": "Contact",
    "outcome": "Outcome",
    "outcome_successful": "Successful",
    "outcome_mixed": "Mixed results",
    "outcome_did-not-work": "Did not work as expected",
    "outcome_too-early": "Too early to tell",
    "ongoing": "ongoing",
    "languages": "Language versions",
    "links": "Links",
    "sources": "Sources",
    "resource": "Resource",
    "resources": "Resources",
    "archived_notice": "This record is archived: it is kept for reference and no longer updated.",
}


def label(lang: str, key: str) -> str:
    """The label ``key`` in ``lang`` (English until vocabularies are translated)."""
    return ENGLISH.get(key, key)
