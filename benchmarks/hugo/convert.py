"""Turn a project of this repository (as benchmarks/run.py generates it) into a Hugo site.

    python3 benchmarks/hugo/convert.py PROJECT HUGO_SITE

Writes into HUGO_SITE the configuration (``hugo.yaml``, from the project's ``mkdocs.yml``
languages and ``data/`` registries), the translation tables (``i18n/<lang>.yaml``, from
``data/i18n/`` and the English labels), a link to the templates of ``benchmarks/hugo/layouts``
and a content tree in Hugo's multilingual mode with filename suffixes
(``content/practices/<slug>.<lang>.md``):

- every record (practices, publications, toolkits) gets a file in every language: its
  translation where there is one, else a copy of the original marked ``fallback`` (Hugo has
  no fallback to the default language's content, so this is how it gets a page in each
  language, as ``fallback_to_default`` gives our site);
- the record's facts become Hugo taxonomies: topics, cities, and from the registries the
  cities' countries and networks, and the year;
- every registry entry gets its term page (``content/cities/<id>/_index.<lang>.md``) with
  its name in that language, so that unused cities have a page as on our site;
- the site pages of ``docs/`` (home, about, ...) are copied, with fallbacks too.

Nothing here renders anything: the work is Hugo's (see ``layouts/``).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# Record folders of the project -> Hugo section (the address our site serves them at).
SECTIONS = {"practices": "practices", "policy_briefs": "policy-briefs", "docs/toolkits": "toolkits"}
# Section -> the record type our search filters by.
RECORD_TYPES = {"practices": "practice", "policy-briefs": "publication", "toolkits": "toolkit"}
TAXONOMIES = {"topic": "topics", "city": "cities", "country": "countries", "network": "networks", "year": "years"}
# Section and taxonomy list pages: the label of their title.
TITLES = {"practices": "practices_title", "policy-briefs": "publications_title", "toolkits": "toolkits_title",
          "topics": "topics_title", "cities": "cities_title", "countries": "countries_title",
          "networks": "networks_title", "years": "years_title"}

try:
    sys.path.insert(0, str(REPO))
    from icckb.labels import ENGLISH  # the English labels every language translates
except ImportError:  # the project moved them: the templates still work with these
    ENGLISH = {"home": "Home", "facts": "Facts", "cities": "Cities", "country": "Country", "year": "Year",
               "topics": "Topics", "target_groups": "Target groups", "sources": "Sources", "kind": "Kind",
               "network": "Network", "related_toolkits": "Related toolkits", "related_publications": "Related publications",
               "related_practices": "Related practices", "practices_title": "Good practices",
               "publications_title": "Publications", "toolkits_title": "Toolkits", "topics_title": "Topics",
               "cities_title": "Cities and regions", "countries_title": "Countries", "networks_title": "Networks",
               "years_title": "Years",
               "fallback_notice": "This page has not been translated into {language} yet: you are reading the original in {original}."}


def read(path: Path) -> tuple:
    """(front matter, body) of a Markdown file with YAML front matter."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return yaml.load(text[4:end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}, text[end + 5:]
    return {}, text


def write(path: Path, meta: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n" + body, encoding="utf-8")


def languages_of(project: Path) -> list:
    """[(code, name)] of the project's languages, the default first."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    langs = sorted(i18n["languages"], key=lambda lang: not lang.get("default"))
    return [(lang["locale"], lang["name"]) for lang in langs]


class Vocabulary:
    """Registry names and labels in one language, English behind them."""

    def __init__(self, project: Path, lang: str):
        self.registries = {name: {e["id"]: e for e in yaml.safe_load((project / "data" / f"{name}.yml").read_text(encoding="utf-8")) or []}
                           for name in ("topics", "cities", "countries", "networks", "target_groups", "kinds")}
        path = project / "data" / "i18n" / f"{lang}.yml"
        self.data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}

    def name(self, registry: str, id_: str, key: str = "name") -> str:
        translated = (self.data.get(registry) or {}).get(id_)
        if isinstance(translated, dict) and translated.get(key):
            return translated[key]
        if isinstance(translated, str) and key == "name":
            return translated
        return str((self.registries[registry].get(id_) or {}).get(key) or "")

    @functools.cached_property
    def labels(self) -> dict:
        """Hugo's translation table: the labels ({name} -> {{ .name }}) and the names of
        target groups and kinds, which the templates print by id."""
        own = self.data.get("labels") or {}
        table = {key: (own.get(key) or text).replace("{", "{{ .").replace("}", " }}") for key, text in ENGLISH.items()}
        table.update({f"target_group_{id_}": self.name("target_groups", id_) for id_ in self.registries["target_groups"]})
        table.update({f"kind_{id_}": self.name("kinds", id_) for id_ in self.registries["kinds"]})
        return table


def config(languages: list, vocab: dict) -> dict:
    """hugo.yaml: the languages (right to left for Arabic), the taxonomies, related
    content by shared topics and cities, and the table of contents of our pages (h2, h3)."""
    return {
        "baseURL": "/",
        "title": "Intercultural Cities knowledge base",
        "defaultContentLanguage": languages[0][0],
        "defaultContentLanguageInSubdir": True,  # each language in its folder: one Pagefind glob each
        "disableKinds": ["rss"],  # our site writes one feed, not one per list
        "enableRobotsTXT": False,
        "languages": {
            code: {"languageName": name, "weight": number + 1, "languageDirection": "rtl" if code in ("ar", "he", "fa") else "ltr",
                   "title": vocab[code].data.get("site_name") or "Intercultural Cities knowledge base"}
            for number, (code, name) in enumerate(languages)
        },
        "taxonomies": TAXONOMIES,
        "related": {
            "includeNewer": True, "threshold": 0, "toLower": False,
            "indices": [{"name": "topics", "weight": 100}, {"name": "cities", "weight": 80}, {"name": "networks", "weight": 20}],
        },
        "markup": {
            "goldmark": {"renderer": {"unsafe": True}, "parser": {"attribute": {"block": True}}},
            "tableOfContents": {"startLevel": 2, "endLevel": 3},
        },
        "outputs": {"home": ["html"], "section": ["html"], "taxonomy": ["html"], "term": ["html"], "page": ["html"]},
    }


def facts(meta: dict, vocab: Vocabulary) -> dict:
    """A record's taxonomies and params, its countries and networks from the cities registry."""
    cities = [c for c in meta.get("cities") or [] if c in vocab.registries["cities"]]
    found = {
        "topics": meta.get("topics") or [],
        "cities": cities,
        "countries": sorted({vocab.registries["cities"][c]["country"].lower() for c in cities}),
        "networks": sorted({n for c in cities for n in vocab.registries["cities"][c].get("networks") or []}),
        "years": [str(meta["year"])] if meta.get("year") else [],
        "status": meta.get("status", "active"),
        "target_groups": meta.get("target_groups") or [],
        "sources": meta.get("sources") or [],
    }
    if meta.get("year"):
        found["date"] = f"{int(meta['year']):04d}-01-01"  # lists newest first, Hugo's default order
    if meta.get("kind"):
        found["kind"] = meta["kind"]
    return found


def records(project: Path, content: Path, languages: list, vocab: dict) -> dict:
    """A file per record per language; returns {section: records}."""
    codes = [code for code, _ in languages]
    counts = {}
    for folder, section in SECTIONS.items():
        sources = sorted((project / folder).glob("*.md"))
        originals = [p for p in sources if p.stem.count(".") == 0 and p.stem != "index"]
        present = {p.name for p in sources}
        for path in originals:
            meta, body = read(path)
            common = facts(meta, vocab[codes[0]]) | {"record_type": RECORD_TYPES[section], "original": codes[0], "original_name": languages[0][1]}
            for code in codes:
                translated = path.with_name(f"{path.stem}.{code}.md")
                if code != codes[0] and translated.name in present:
                    own, own_body = read(translated)
                    page = {"title": own.get("title") or meta.get("title"), "summary": own.get("summary") or meta.get("summary")}
                    write(content / section / f"{path.stem}.{code}.md", page | common, own_body)
                else:
                    page = {"title": meta.get("title"), "summary": meta.get("summary")}
                    write(content / section / f"{path.stem}.{code}.md", page | common | {"fallback": code != codes[0]}, body)
        counts[section] = len(originals)
        for code in codes:
            write(content / section / f"_index.{code}.md", {"title": vocab[code].labels[TITLES[section]]}, "")
    return counts


def terms(content: Path, languages: list, vocab: dict) -> None:
    """Term pages of every registry entry, named in each language, and the lists' titles."""
    english = vocab[languages[0][0]]
    entries = {
        "topics": [(i, "topics") for i in english.registries["topics"]],
        "cities": [(i, "cities") for i in english.registries["cities"]],
        "countries": [(i.lower(), "countries") for i in english.registries["countries"]],
        "networks": [(i, "networks") for i in english.registries["networks"]],
    }
    for code, _ in languages:
        words = vocab[code]
        table = words.labels
        for taxonomy, ids in entries.items():
            write(content / taxonomy / f"_index.{code}.md", {"title": table[TITLES[taxonomy]]}, "")
            for id_, registry in ids:
                key = id_.upper() if registry == "countries" else id_
                definition = words.name(registry, key, "definition") if registry == "topics" else ""
                write(content / taxonomy / id_ / f"_index.{code}.md", {"title": words.name(registry, key) or id_}, definition + "\n")
        write(content / "years" / f"_index.{code}.md", {"title": table[TITLES["years"]]}, "")


def site_pages(project: Path, content: Path, languages: list) -> int:
    """The pages of docs/ but the toolkits and assets: home, about, contribute, data."""
    codes = [code for code, _ in languages]
    count = 0
    for path in sorted((project / "docs").rglob("*.md")):
        relative = path.relative_to(project / "docs")
        if relative.parts[0] in ("toolkits", "assets") or path.stem.count("."):
            continue
        target = relative.with_suffix("")
        target = target.parent / "_index" if target.name == "index" else target
        meta, body = read(path)
        for code in codes:
            translated = path.with_name(f"{path.stem}.{code}.md")
            own_meta, own_body = read(translated) if code != codes[0] and translated.exists() else (meta, body)
            fallback = code != codes[0] and not translated.exists()
            title = own_meta.get("title") or next((line[2:] for line in own_body.splitlines() if line.startswith("# ")), target.name)
            write(content / f"{target}.{code}.md", {"title": title, "fallback": fallback, "original": codes[0], "original_name": languages[0][1]}, own_body)
        count += 1
    return count


def convert(project: Path, site: Path) -> dict:
    """Write the Hugo site for ``project`` into ``site``; returns what it holds."""
    languages = languages_of(project)
    vocab = {code: Vocabulary(project, code) for code, _ in languages}
    shutil.rmtree(site, ignore_errors=True)
    (site / "i18n").mkdir(parents=True)
    (site / "hugo.yaml").write_text(yaml.safe_dump(config(languages, vocab), allow_unicode=True, sort_keys=False), encoding="utf-8")
    for code, words in vocab.items():
        (site / "i18n" / f"{code}.yaml").write_text(yaml.safe_dump(words.labels, allow_unicode=True), encoding="utf-8")
    os.symlink(HERE / "layouts", site / "layouts")
    os.symlink(HERE / "static", site / "static")
    counts = records(project, site / "content", languages, vocab)
    terms(site / "content", languages, vocab)
    counts["site pages"] = site_pages(project, site / "content", languages)
    counts["languages"] = len(languages)
    return counts


if __name__ == "__main__":
    print(json.dumps(convert(Path(sys.argv[1]), Path(sys.argv[2]))))
