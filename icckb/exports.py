"""Machine-readable exports and the feed, per language.

``files(corpus, index, lang)`` returns ``{path: text}`` to write under the language's
root: ``api/<collection>.json`` and ``api/<collection>.csv`` for each record type and
the cities, and ``feed.xml``. Output is deterministic (sorted, no build
timestamps) so two builds of the same content are byte-identical.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape as xml_escape

from . import schema
from .corpus import Corpus, Record
from .crossindex import CrossIndex, newest_first

FEED_SIZE = 30
SCHEMA_VERSION = 1


def files(corpus: Corpus, index: CrossIndex, lang: str, site_url: str = "") -> dict:
    exporter = Exporter(corpus, index, lang)
    out = {}
    for record_type in schema.RECORD_TYPES:
        items = exporter.items(record_type.name)
        out[f"api/{record_type.plural}.json"] = _json({"version": SCHEMA_VERSION, "lang": lang, "count": len(items), "items": items})
        out[f"api/{record_type.plural}.csv"] = _csv(items, ["id", "url", "title", "summary", "lang", *record_type.fields])
    cities = exporter.city_items()
    out["api/cities.json"] = _json({"version": SCHEMA_VERSION, "lang": lang, "count": len(cities), "items": cities})
    out["api/cities.csv"] = _csv(cities, list(cities[0]) if cities else ["id"])
    out["feed.xml"] = exporter.feed(site_url)
    return out


def _csv(items: list, columns: list) -> str:
    """One row per item, a column per field (spreadsheets open it as it is: UTF-8 with a
    byte-order mark); a list or group becomes text ("Oslo; Bergen", "en: https://...")."""
    extra = [key for item in items for key in item if key not in columns]  # derived facts (countries, adapted_in)
    columns = list(dict.fromkeys([*columns, *extra]))  # every declared field, used or not: the same columns every time
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for item in items:
        writer.writerow([_cell(item.get(column)) for column in columns])
    return "\ufeff" + out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        if "name" in value:
            return str(value["name"])
        if "count" in value:
            return str(value["count"])
        return "; ".join(f"{k}: {v}" if v else str(k) for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_cell(v) if not isinstance(v, dict) or "name" in v else
                         (f"{v.get('title')} <{v['url']}>" if "url" in v else _cell(v.get("title") or v)) for v in value)
    return str(value)


def _json(data) -> str:
    # Compact: Python's fast (C) encoder only writes JSON without indentation.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


class Exporter:
    def __init__(self, corpus: Corpus, index: CrossIndex, lang: str):
        self.corpus = corpus
        self.index = index
        self.lang = lang
        self.vocab = corpus.vocabulary(lang)
        self.default = corpus.project.default_language
        self.prefix = "" if lang == self.default else f"{lang}/"

    def text_of(self, record: Record) -> dict:
        return {
            "title": record.text("title", self.lang)[0],
            "summary": record.text("summary", self.lang)[0],
            "lang": self.lang if self.lang in record.translations else self.default,
        }

    def record(self, record: Record) -> dict:
        """One record: its facts, its text in this language, and where its page is."""
        meta = record.meta
        cities = self.corpus.registry("cities")
        item = {
            "id": record.slug,
            "url": "/" + self.prefix + record.url,
            **self.text_of(record),
            "topics": [{"id": t, "name": self.vocab.topic(t)} for t in meta.get("topics") or []],
            "status": meta["status"],
            "sources": list(meta.get("sources") or []),
        }
        if "cities" in meta:
            item["cities"] = [{"id": c, "name": self.vocab.city(c), "country": cities[c]["country"]} for c in meta["cities"] if c in cities]
        countries = schema.family("country").values(meta, record.type.fields, self.corpus.registry)
        if countries:
            item["countries"] = countries
        # Every other fact as written, and the records that name this one.
        for key in record.type.fields:
            if key not in item and key not in record.type.translatable and meta.get(key) not in (None, "", []):
                item[key] = meta[key]
        for spec in record.type.fields.values():
            if getattr(spec, "reverse", ""):
                naming = self.index.named_by[spec.reverse].get(record.slug, {})
                slugs = [r.slug for t in schema.RECORD_TYPES for r in naming.get(t.name, [])]
                if slugs:
                    item[spec.reverse] = slugs
        return item

    def items(self, type_name: str) -> list:
        return [self.record(r) for r in newest_first(self.corpus.records[type_name].values())]

    def city_items(self) -> list:
        items = []
        for city in sorted(self.corpus.registries.get("cities", []), key=lambda c: c["id"]):
            items.append({
                "id": city["id"],
                "name": self.vocab.city(city["id"]),
                "country": city["country"],
                "kind": city["kind"],
                "networks": list(city.get("networks") or []),
                "member_since": city.get("member_since"),
                "participates_in": list(city.get("participates_in") or []),
                "lat": city.get("lat"),
                "lon": city.get("lon"),
                "population": city.get("population"),
                "size": city.get("size"),
                "url": f"/{self.prefix}cities/{city['id']}/",
                **{t.plural: [r.slug for r in self.index.of("city", city["id"]).get(t.name, [])] for t in schema.RECORD_TYPES if "cities" in t.fields},
            })
        return items

    def feed(self, site_url: str) -> str:
        """An Atom feed of the newest active practices and publications."""
        # A record whose year no document states cannot be placed among the newest.
        dated = [r for t in schema.RECORD_TYPES if "year" in t.fields for r in self.index.active(t.name) if r.get("year")]
        records = newest_first(dated)[:FEED_SIZE]
        base = site_url.rstrip("/") + "/" if site_url else "/"
        home = base + self.prefix
        newest = max((int(r.get("year")) for r in records), default=2008)
        entries = []
        for record in records:
            text = self.text_of(record)
            url = home + record.url
            entries.append(
                "  <entry>\n"
                f"    <title>{xml_escape(text['title'])}</title>\n"
                f'    <link href="{xml_escape(url)}"/>\n'
                f"    <id>{xml_escape(url)}</id>\n"
                f"    <updated>{int(record.get('year'))}-01-01T00:00:00Z</updated>\n"
                f"    <summary>{xml_escape(text['summary'])}</summary>\n"
                "  </entry>\n"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{xml_escape(self.lang)}">\n'
            f"  <title>{xml_escape(self.vocab.label('feed_title'))}</title>\n"
            f'  <link href="{xml_escape(home)}"/>\n'
            f'  <link rel="self" href="{xml_escape(home)}feed.xml"/>\n'
            f"  <id>{xml_escape(home)}</id>\n"
            f"  <updated>{newest}-01-01T00:00:00Z</updated>\n"
            "  <author><name>Intercultural Cities programme, Council of Europe</name></author>\n"
            + "".join(entries)
            + "</feed>\n"
        )
