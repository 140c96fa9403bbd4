"""Every record type and registry, declared once.

The build, ``icckb validate`` and the editors' field reference all read these
declarations; nothing else defines what a valid record is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields import (
    Boolean,
    Choice,
    ChoiceList,
    Country,
    Field,
    Group,
    GroupList,
    Language,
    LanguageVersions,
    Number,
    Ref,
    RefList,
    Slug,
    Text,
    TextList,
    Url,
    Year,
)

SUMMARY_LIMIT = 400
STATUSES = ("active", "archived")
OUTCOMES = ("successful", "mixed", "did-not-work", "too-early")


@dataclass(frozen=True)
class RecordType:
    """A kind of Markdown record: where its files live, its fields and body sections."""

    name: str  # "practice"
    plural: str  # "practices"
    folder: str  # source folder, relative to the project root
    url: str  # URL prefix of its pages on the site
    fields: dict
    description: str
    sections: tuple = ()  # required `##` sections of the body, in order
    translatable: tuple = ("title", "summary")
    nested: bool = False  # whether its files may sit in subfolders of its folder
    front_matter: bool = True  # whether its files must start with front matter


@dataclass(frozen=True)
class Registry:
    """A YAML list in ``data/``: topics, cities, networks, glossary terms..."""

    name: str  # "cities"
    label: str  # "city", as in "unknown city 'x'"
    path: str
    fields: dict
    description: str
    references: tuple = field(default=())  # registries that must be loaded first


# Shared field declarations.
_title = Text("The record's title, as readers see it.", max_length=200, required=True, example="Anti-rumours strategy")
_summary = Text(
    f"What it is and why it matters, in plain text (no Markdown), at most {SUMMARY_LIMIT} characters.",
    max_length=SUMMARY_LIMIT,
    required=True,
    example="one or two plain sentences",
)
_topics = RefList("Topic ids, most relevant first.", "topics", "topic", min_items=1, required=True, example="[anti-rumours]")
_status = Choice("'archived' hides the record from default lists; it stays reachable by its address.", STATUSES, default="active")
_sources = TextList("The published documents the facts come from, by title and year.", example='["ICC Annual Report 2024"]')

LINK_FIELDS = {
    "title": Text("What the link leads to.", max_length=200, required=True),
    "url": Url("The address (https://...).", required=True),
    "lang": Language("Language of the linked page (two-letter code).", required=True, example="en"),
}

RESOURCE_FIELDS = {
    "title": Text("Title of the resource.", max_length=300, required=True),
    "kind": Ref("Kind of resource.", "kinds", "kind", required=True, example="guide"),
    "year": Year("Year of publication, if known.", minimum=1990),
    "languages": LanguageVersions("Language versions: code -> address (leave empty when unknown).", required=True, example="{en: }"),
    "publication": Ref("Slug of the publication record describing this resource, if any.", "publications", "publication"),
}

PRACTICE = RecordType(
    name="practice",
    plural="practices",
    folder="practices",
    url="practices",
    description="A city's good practice: a real intercultural action of one or more member cities.",
    sections=("Purpose", "Context", "What was done", "Results", "Lessons learnt"),
    fields={
        "title": _title,
        "cities": RefList("City ids from the city registry.", "cities", "city", min_items=1, required=True, example="[barcelona]"),
        "year": Year("The year the practice started.", required=True, example="2015"),
        "end_year": Year("The year it ended, if it has ended."),
        "ongoing": Boolean("true if it is still running."),
        "topics": _topics,
        "summary": _summary,
        "target_groups": RefList("Who it is for: target group ids.", "target_groups", "target group"),
        "partners": TextList("Partner organisations."),
        "funding": Text("How it was funded.", max_length=300),
        "contact": Text("Who to contact (office, role or public address).", max_length=300),
        "links": GroupList("Web pages about the practice: title, url and lang for each.", LINK_FIELDS),
        "status": _status,
        "adapted_from": RefList(
            "Practices of other cities that this one took up, where a document says so: practice ids (file names).",
            "practices",
            "practice",
        ),
        "outcome": Choice(
            "How it turned out: 'did-not-work' practices are welcome, with their lessons.",
            OUTCOMES,
        ),
        "sources": _sources,
    },
)

PUBLICATION = RecordType(
    name="publication",
    plural="publications",
    folder="policy_briefs",
    url="policy-briefs",
    description="A policy brief, thematic paper, study, guide, manual or report of the programme.",
    fields={
        "kind": Ref("The kind of publication (see the kinds below).", "kinds", "kind", required=True, example="policy-brief"),
        "title": _title,
        "year": Year("Year of publication, where a document states it; leave it out when no document does.", minimum=1990, example="2020"),
        "listed_in": TextList(
            "The documents that list or mention the publication, by title and year (where its own year is not stated, say which report lists it).",
            example='["ICC Annual Report 2024"]',
        ),
        "topics": _topics,
        "summary": _summary,
        "languages": LanguageVersions(
            "The language versions: language code -> address, left empty when the address is unknown.",
            required=True,
            example="{en: https://...}",
        ),
        "status": _status,
        "sources": _sources,
    },
)

TOOLKIT = RecordType(
    name="toolkit",
    plural="toolkits",
    folder="docs/toolkits",
    url="toolkits",
    description="A thematic toolkit: an introduction to a theme and its resources.",
    fields={
        "title": _title,
        "topics": _topics,
        "summary": _summary,
        "resources": GroupList("The toolkit's resources.", RESOURCE_FIELDS, min_items=1, required=True, example="[...]"),
        "status": _status,
        "sources": _sources,
    },
)

RECORD_TYPES = (PRACTICE, PUBLICATION, TOOLKIT)

# The site's own pages (home, about, contribute...) are read and checked like records,
# but are not records: no facts, no lists, no exports.
PAGE = RecordType(
    name="page",
    plural="pages",
    folder="docs",
    url="",
    description="A page of the site itself, such as the home page or About: docs/<path>.md.",
    translatable=("title", "description"),
    nested=True,
    front_matter=False,
    fields={
        "title": Text("The page's title (else its first heading).", max_length=200),
        "description": Text("One plain sentence for search engines and link previews.", max_length=300),
        "hide": ChoiceList("Parts of the page's frame to hide.", ("navigation", "toc", "footer", "path")),
    },
)

SOURCE_TYPES = RECORD_TYPES + (PAGE,)

_TRANSLATED = {
    "title": Text("The translated title.", max_length=200),
    "summary": Text(f"The translated summary, at most {SUMMARY_LIMIT} characters.", max_length=SUMMARY_LIMIT),
    "description": Text("The translated description.", max_length=300),
}
_SOURCE_HASH = Slug("The revision of the original this translation matches; written by 'icckb translations mark'.")
_REVIEWED = Boolean("false until a fluent reviewer has checked the translation ('icckb translations mark FILE --reviewed' sets it).")


def translation_fields(record_type: RecordType) -> dict:
    """The fields a translation of ``record_type`` may carry: its translatable text, the
    revision of the original it matches and whether a reviewer has checked it."""
    return {**{name: _TRANSLATED[name] for name in record_type.translatable}, "source_hash": _SOURCE_HASH, "reviewed": _REVIEWED}


TRANSLATION_FIELDS = translation_fields(PRACTICE)

_id = Slug("Identifier used in records: lowercase letters, digits and hyphens.", required=True, example="my-id")
_name = Text("Name as readers see it.", max_length=150, required=True)

TOPICS = Registry(
    "topics",
    "topic",
    "data/topics.yml",
    {"id": _id, "name": _name, "definition": Text("One plain sentence.", max_length=400, required=True)},
    "The topics every record is filed under.",
)
NETWORKS = Registry(
    "networks",
    "network",
    "data/networks.yml",
    {
        "id": _id,
        "name": _name,
        "country": Ref("Two-letter ISO country code; leave out for networks across countries.", "countries", "country"),
        "founded": Year("Year founded, if known.", minimum=1990),
        "description": Text("What the network is and does.", max_length=1000),
        "sources": _sources,
    },
    "National and regional networks of intercultural cities.",
)
COUNTRIES = Registry(
    "countries",
    "country",
    "data/countries.yml",
    {"id": Country("Two-letter ISO 3166-1 code, in capitals.", required=True, example="ES"), "name": _name},
    "Countries of the member cities, with their names.",
)
CITIES = Registry(
    "cities",
    "city",
    "data/cities.yml",
    {
        "id": _id,
        "name": _name,
        "country": Ref("Two-letter ISO country code, in capitals, listed in data/countries.yml.", "countries", "country", required=True, example="ES"),
        "kind": Choice("'city' or 'region'.", ("city", "region"), default="city"),
        "networks": RefList("Ids of the national or regional networks a document says it is a member of.", "networks", "network"),
        "participates_in": RefList(
            "Ids of networks whose projects or events it took part in without a document stating membership.",
            "networks",
            "network",
        ),
        "member_since": Year("Year it joined the programme, if known."),
        "lat": Number("Latitude of the city (for a region, a representative point), in decimal degrees.", -90, 90, example="41.39"),
        "lon": Number("Longitude, in decimal degrees (east positive).", -180, 180, example="2.16"),
        "population": Group(
            "Population, with the year and source of the figure.",
            {
                "count": Number("Number of inhabitants.", 1, 100_000_000, whole=True, required=True, example="1620343"),
                "year": Year("Year of the figure, if the source gives it.", minimum=1900),
                "source": Text("Where the figure comes from (such as GeoNames).", max_length=200, required=True, example="GeoNames"),
            },
        ),
        "sources": _sources,
    },
    "Member cities and regions.",
    references=("networks", "countries"),
)
KINDS = Registry(
    "kinds",
    "kind",
    "data/kinds.yml",
    {"id": _id, "name": _name, "definition": Text("One line that tells this kind apart from the others.", max_length=300, required=True)},
    "Kinds of publication and resource.",
)
TARGET_GROUPS = Registry(
    "target_groups",
    "target group",
    "data/target_groups.yml",
    {"id": _id, "name": _name},
    "Who a practice is for.",
)
GLOSSARY = Registry(
    "glossary",
    "glossary term",
    "data/glossary.yml",
    {
        "id": _id,
        "term": Text("The term.", max_length=100, required=True),
        "definition": Text("A short, plain definition.", max_length=600, required=True),
        "aliases": TextList("Other forms of the term as they appear in texts.", max_length=100),
        "sources": _sources,
    },
    "Key terms, explained wherever they appear.",
)

REGISTRIES = (TOPICS, COUNTRIES, NETWORKS, CITIES, KINDS, TARGET_GROUPS, GLOSSARY)

__all__ = [n for n in dir() if n.isupper()] + ["Field", "RecordType", "Registry"]
