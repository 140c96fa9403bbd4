"""The cross-index: active records by every browse family's values (topic, city,
country, network, year...), the records that name each record, and related records.

Built once per build from the corpus and shared by every language. Every lookup is a
dictionary access; related records are ranked among a bounded set of candidates, so
the cost grows linearly with the number of records, and only for the records whose
pages are rendered (a preview that re-renders one page ranks one record).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from . import schema
from .corpus import Corpus, Record
from .fields import RefList

RELATED_LIMIT = 5
THEME_LIMIT = 10
# Candidates taken per shared value and type when ranking related records (keeps ranking linear).
CANDIDATES_PER_KEY = 40


def is_active(record: Record) -> bool:
    return record.get("status") != "archived"


def newest_first(records) -> list:
    return sorted(records, key=lambda r: (-int(r.get("year") or 0), str(r.get("title", "")).lower(), r.slug))


def by_title(records) -> list:
    return sorted(records, key=lambda r: (str(r.get("title", "")).lower(), r.slug))


def in_order(record_type: schema.RecordType, records) -> list:
    """Records of a type in the order its lists show them."""
    return by_title(records) if record_type.order == "title" else newest_first(records)


def _grouped() -> defaultdict:
    return defaultdict(lambda: defaultdict(list))


@dataclass
class CrossIndex:
    """Active records grouped every way readers look for them, in each type's order."""

    corpus: Corpus
    by: dict = field(default_factory=lambda: defaultdict(_grouped))  # family -> value -> type name -> records
    named_by: dict = field(default_factory=lambda: defaultdict(_grouped))  # reverse fact -> slug -> type name -> records
    archived: list = field(default_factory=list)
    _related: dict = field(default_factory=dict)  # record -> {type name: [records]}, once ranked
    _named: dict = field(default_factory=dict)  # family -> value -> records naming it, once searched

    def active(self, type_name: str) -> list:
        """Active records of a type, in its order."""
        record_type = schema.record_type(type_name)
        return in_order(record_type, (r for r in self.corpus.records[type_name].values() if is_active(r)))

    def of(self, family: str, value) -> dict:
        """type name -> the active records having ``value`` in ``family``."""
        return self.by[family].get(value, {})

    def related(self, record: Record) -> dict:
        """The records most related to ``record``, by type name, most related first."""
        if record not in self._related:
            self._related[record] = _related(self, record)
        return self._related[record]

    def named(self, family: schema.Family, value) -> list:
        """Active records of the types a family does not file (a city's publications) whose
        title, summary or text names the value (its English name, as a whole word)."""
        if family.name not in self._named:
            self._named[family.name] = _named(self, family)
        return self._named[family.name].get(value, [])

    def theme(self, record: Record) -> list:
        """For a type with a theme (a toolkit): the newest records of that type filed under
        any of its topics."""
        found = []
        for topic in record.get("topics") or []:
            found += self.of("topic", topic).get(record.type.theme, [])
        found = list(dict.fromkeys(found))
        return sorted(found, key=lambda r: (-int(r.get("year") or 0), r.slug))[:THEME_LIMIT]


def values(record: Record, family: schema.Family, corpus: Corpus) -> list:
    """A record's values in a browse family."""
    return family.values(record.meta, record.type.fields, corpus.registry)


def build(corpus: Corpus) -> CrossIndex:
    """Group every active record by its values in each family that has pages, and
    under every record it names through a field with a reverse fact."""
    index = CrossIndex(corpus)
    paged = [f for f in schema.FAMILIES if f.folder]
    for record_type in schema.RECORD_TYPES:
        for record in index.active(record_type.name):
            for family in paged:
                for value in values(record, family, corpus):
                    index.by[family.name][value][record_type.name].append(record)
            for name, spec in record_type.fields.items():
                if isinstance(spec, RefList) and spec.reverse:
                    for slug in record.get(name) or []:
                        index.named_by[spec.reverse][slug][record_type.name].append(record)
    index.archived = [r for t in schema.RECORD_TYPES for r in newest_first(corpus.records[t.name].values()) if not is_active(r)]
    return index


def _named(index: CrossIndex, family: schema.Family) -> dict:
    fields = {name for name, _ in family.sources}
    others = [r for t in sorted(schema.RECORD_TYPES, key=lambda t: t.rank) if not fields & set(t.fields) for r in index.active(t.name)]
    texts = [(r, " ".join(str(r.meta.get(k) or "") for k in r.type.translatable) + " " + r.body) for r in others]
    found: dict = {}
    for entry in index.corpus.registries.get(family.registry, []):
        name = re.compile(rf"(?<!\w){re.escape(str(entry.get('name') or entry['id']))}(?!\w)")
        naming = [record for record, text in texts if name.search(text)]
        if naming:
            found[entry["id"]] = naming
    return found


def _related(index: CrossIndex, record: Record) -> dict:
    """The most related active records of each type: shared values weighted by the
    record type's ``related`` (a city counts more than a network, which counts more than
    a topic)."""
    scores: dict = defaultdict(int)
    for name, weight in record.type.related.items():
        for value in values(record, schema.family(name), index.corpus):
            grouped = index.of(name, value)
            for record_type in schema.RECORD_TYPES:
                for candidate in grouped.get(record_type.name, [])[:CANDIDATES_PER_KEY]:
                    if candidate is not record:
                        scores[candidate] += weight
    ranked = sorted(scores, key=lambda r: (-scores[r], -int(r.get("year") or 0), r.slug))
    related: dict = defaultdict(list)
    for candidate in ranked:
        if len(related[candidate.type.name]) < RELATED_LIMIT:
            related[candidate.type.name].append(candidate)
    return dict(related)
