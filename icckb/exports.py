"""Machine-readable exports and the feed, per language.

``files(corpus, index, lang)`` returns ``{path: text}`` to write under the language's
root: ``api/practices.json``, ``api/publications.json``, ``api/toolkits.json``,
``api/cities.json`` and ``feed.xml``. Output is deterministic (sorted, no build
timestamps) so two builds of the same content are byte-identical.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape as xml_escape

from .corpus import Corpus, Record
from .crossindex import CrossIndex, newest_first

FEED_SIZE = 30
SCHEMA_VERSION = 1


def files(corpus: Corpus, index: CrossIndex, lang: str, site_url: str = "") -> dict:
    exporter = Exporter(corpus, index, lang)
    out = {
        "api/practices.json": exporter.collection("practice"),
        "api/publications.json": exporter.collection("publication"),
        "api/toolkits.json": exporter.collection("toolkit"),
        "api/cities.json": exporter.cities(),
        "feed.xml": exporter.feed(site_url),
    }
    return out


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
            "status": meta.get("status", "active"),
            "sources": list(meta.get("sources") or []),
        }
        if "cities" in meta:
            item["cities"] = [{"id": c, "name": self.vocab.city(c), "country": cities[c]["country"]} for c in meta["cities"] if c in cities]
            item["countries"] = sorted({c["country"] for c in item["cities"]})
        for key in ("year", "end_year", "ongoing", "target_groups", "partners", "funding", "contact", "outcome", "links", "kind", "languages"):
            if meta.get(key) not in (None, "", []):
                item[key] = meta[key]
        if record.type.name == "toolkit":
            item["resources"] = meta.get("resources") or []
        return item

    def collection(self, type_name: str) -> str:
        records = newest_first(self.corpus.records[type_name].values())
        return _json({"version": SCHEMA_VERSION, "lang": self.lang, "count": len(records), "items": [self.record(r) for r in records]})

    def cities(self) -> str:
        items = []
        for city in sorted(self.corpus.registries.get("cities", []), key=lambda c: c["id"]):
            items.append({
                "id": city["id"],
                "name": self.vocab.city(city["id"]),
                "country": city["country"],
                "kind": city.get("kind", "city"),
                "networks": list(city.get("networks") or []),
                "member_since": city.get("member_since"),
                "url": f"/{self.prefix}cities/{city['id']}/",
                "practices": [r.slug for r in self.index.by_city.get(city["id"], [])],
            })
        return _json({"version": SCHEMA_VERSION, "lang": self.lang, "count": len(items), "items": items})

    def feed(self, site_url: str) -> str:
        """An Atom feed of the newest active practices and publications."""
        # A record whose year no document states cannot be placed among the newest.
        dated = [r for r in self.index.active("practice") + self.index.active("publication") if r.get("year")]
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
