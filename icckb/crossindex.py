"""The cross-index: records by topic, city, country, network and year, and related records.

Built once per build from the corpus and shared by every language. Every lookup is a
dictionary access; related records are ranked among a bounded set of candidates, so
the cost grows linearly with the number of records, and only for the records whose
pages are rendered (a preview that re-renders one page ranks one record).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .corpus import Corpus, Record

RELATED_LIMIT = 5
# Candidates taken per shared key when ranking related records (keeps ranking linear).
CANDIDATES_PER_KEY = 40


def is_active(record: Record) -> bool:
    return record.get("status", "active") != "archived"


def newest_first(records) -> list:
    return sorted(records, key=lambda r: (-int(r.get("year") or 0), str(r.get("title", "")).lower(), r.slug))


def by_title(records) -> list:
    return sorted(records, key=lambda r: (str(r.get("title", "")).lower(), r.slug))


@dataclass
class CrossIndex:
    """Active records grouped every way readers look for them, newest first."""

    corpus: Corpus
    by_topic: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))  # topic -> type -> records
    by_city: dict = field(default_factory=lambda: defaultdict(list))  # practices
    by_country: dict = field(default_factory=lambda: defaultdict(list))
    by_network: dict = field(default_factory=lambda: defaultdict(list))
    by_year: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))  # year -> type -> records
    archived: list = field(default_factory=list)
    _related: dict = field(default_factory=dict)  # record -> {type name: [records]}, once ranked

    def active(self, type_name: str) -> list:
        """Active records of a type, newest first (toolkits by title)."""
        records = [r for r in self.corpus.records[type_name].values() if is_active(r)]
        return by_title(records) if type_name == "toolkit" else newest_first(records)

    def related(self, record: Record) -> dict:
        """The records most related to ``record``, by type name, most related first."""
        if record not in self._related:
            self._related[record] = _related(self, record, self.corpus.registry("cities"))
        return self._related[record]


def build(corpus: Corpus) -> CrossIndex:
    """Group every active record by each of its keys."""
    index = CrossIndex(corpus)
    cities = corpus.registry("cities")
    for type_name in corpus.records:
        for record in index.active(type_name):
            for topic in record.get("topics") or []:
                index.by_topic[topic][type_name].append(record)
            if record.get("year"):
                index.by_year[record.get("year")][type_name].append(record)
    for record in index.active("practice"):
        for country in sorted({cities[c]["country"] for c in record.get("cities") or [] if c in cities}):
            index.by_country[country].append(record)
        for network in sorted({n for c in record.get("cities") or [] if c in cities for n in cities[c].get("networks") or []}):
            index.by_network[network].append(record)
        for city in record.get("cities") or []:
            index.by_city[city].append(record)
    index.archived = [r for type_name in corpus.records for r in newest_first(corpus.records[type_name].values()) if not is_active(r)]
    return index


def _keys(record: Record, cities: dict) -> dict:
    """What makes two records related, with the weight of each shared key."""
    own_cities = [c for c in record.get("cities") or [] if c in cities]
    networks = {n for c in own_cities for n in cities[c].get("networks") or []}
    return {
        **{("city", c): 3 for c in own_cities},
        **{("network", n): 2 for n in networks},
        **{("topic", t): 1 for t in record.get("topics") or []},
    }


def _candidates(index: CrossIndex, key: tuple) -> list:
    kind, value = key
    if kind == "city":
        return index.by_city.get(value, [])[:CANDIDATES_PER_KEY]
    if kind == "network":
        return index.by_network.get(value, [])[:CANDIDATES_PER_KEY]
    topic = index.by_topic.get(value, {})
    return [r for type_name in ("practice", "publication", "toolkit") for r in topic.get(type_name, [])[:CANDIDATES_PER_KEY]]


def _related(index: CrossIndex, record: Record, cities: dict) -> dict:
    """The most related active records of each type: shared city, network, topics."""
    keys = _keys(record, cities)
    scores: dict = defaultdict(int)
    for key, weight in keys.items():
        for candidate in _candidates(index, key):
            if candidate is not record:
                scores[candidate] += weight
    ranked = sorted(scores, key=lambda r: (-scores[r], -int(r.get("year") or 0), r.slug))
    related = defaultdict(list)
    for candidate in ranked:
        if len(related[candidate.type.name]) < RELATED_LIMIT:
            related[candidate.type.name].append(candidate)
    return dict(related)
