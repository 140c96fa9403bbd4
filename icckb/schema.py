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
    """A kind of Markdown record, and everything the build needs to show it: where its
    files live and are served, its fields and body sections, how its lists are sorted,
    what its database filters by, what makes its records related, what ``icckb new``
    asks. Labels derive from ``plural``: ``<plural>_title``, ``<plural>_intro``,
    ``search_<plural>``, ``related_<plural>``, and from ``name``: ``type_<name>``."""

    name: str  # "practice": its type in search data and labels
    plural: str  # "practices": its collection, API file and labels
    folder: str  # source folder, relative to the project root
    url: str  # address of its pages on the site, within a language's root
    fields: dict
    description: str
    sections: tuple = ()  # required `##` sections of the body, in order
    translatable: tuple = ("title", "summary")
    nested: bool = False  # whether its files may sit in subfolders of its folder
    front_matter: bool = True  # whether its files must start with front matter
    rank: int = 0  # place in lists that mix types (topic pages, related records): lowest first
    order: str = "newest"  # how its lists are sorted: "newest" (year, then title) or "title"
    facets: tuple = ()  # the families its database filters by (none: a plain list)
    group_by: str = ""  # a field its collection page groups the plain list by (a publication's kind)
    related: dict = field(default_factory=dict)  # family -> weight of a shared value, for related records
    theme: str = ""  # a type whose newest records of the same topics its pages show instead of related ones
    table: str = ""  # a list field shown as a table below the body (a toolkit's resources)
    answers: tuple = ()  # the fields 'icckb new' asks for, in order
    rules: tuple = ()  # checks across fields: functions of the front matter yielding (field, message)

    def url_of(self, slug: str) -> str:
        """Where a record is served within a language's root."""
        return f"{self.url}/{slug}/"


@dataclass(frozen=True)
class Registry:
    """A YAML list in ``data/``: topics, cities, networks, glossary terms..."""

    name: str  # "cities"
    label: str  # "city", as in "unknown city 'x'"
    path: str
    fields: dict
    description: str
    references: tuple = field(default=())  # registries that must be loaded first
    derived: tuple = ()  # (key, function of an entry): values computed for each entry once loaded


@dataclass(frozen=True)
class Family:
    """A way readers browse and filter records, declared once: the database facet, the
    search filter and, with a ``folder``, the pages (one per value and an index). Labels:
    ``filter_<name>``, ``type_<name>``, and ``<folder>_title``, ``<folder>_intro``."""

    name: str  # "country": its filter in the search data and the databases
    sources: tuple  # (field, key): a record's field and, if the values are not its ids, the key of the entries it names
    registry: str = ""  # the registry naming its values ("" for years and choices)
    folder: str = ""  # where its pages are (countries/es/); "" for a filter alone
    names: str = "registry"  # how a value is named: "registry", "label" (label <name>_<value>), "language" or "value"
    lower: bool = False  # values written in lower case in filters and addresses (country codes)
    fact: bool = False  # shown in a record's facts after the field it comes from (a practice's country)
    intro: str = ""  # the entry's field that introduces its page (a topic's definition)
    facts: tuple = ()  # fields of its entry shown on its page (a city's country and networks)
    members: tuple = ()  # (registry, key, label): entries of a registry that name the value, listed on its page
    index: str = "list"  # its index page: "list", "definitions" (with the intro), "counts" or "by:<key>" (grouped)
    order: str = "name"  # values in order of "name", "registry" (as listed) or "newest"
    map: bool = False  # its entries have coordinates: maps on its pages, and each page's nearest neighbours
    named: bool = False  # its pages list the records of other types whose text names the value

    def values(self, meta: dict, record_fields: dict, registry) -> list:
        """The family's values for a record's front matter (``registry(name)`` gives a
        registry's entries by id): its own ids, or the ``key`` of the entries they name."""
        found = []
        for name, key in self.sources:
            if name not in record_fields or meta.get(name) in (None, "", [], {}):
                continue
            raw = meta[name]
            ids = list(raw) if isinstance(raw, (list, dict)) else [raw]
            if key:
                entries = registry(record_fields[name].registry)
                derived = set()
                for id_ in ids:
                    value = (entries.get(id_) or {}).get(key)
                    derived.update(value if isinstance(value, list) else [value] if value else [])
                ids = sorted(derived)
            found += ids
        return list(dict.fromkeys(found))

    def slug(self, value) -> str:
        """A value as filters and addresses write it ('ES' -> 'es')."""
        return str(value).lower() if self.lower else str(value)


# Shared field declarations.
_title = Text("The record's title, as readers see it.", max_length=200, required=True, example="Anti-rumours strategy", fact=False)
_summary = Text(
    f"What it is and why it matters, in plain text (no Markdown), at most {SUMMARY_LIMIT} characters.",
    max_length=SUMMARY_LIMIT,
    required=True,
    example="one or two plain sentences",
    fact=False,
)
_topics = RefList("Topic ids, most relevant first.", "topics", "topic", min_items=1, required=True, example="[anti-rumours]")
_status = Choice("'archived' hides the record from default lists; it stays reachable by its address.", STATUSES, default="active", fact=False)
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

# Checks across the fields of a record, each yielding (field, message); ``messages`` are
# the shared ones (fields.MESSAGES), in the report's language.
def ends_after_it_starts(meta: dict, messages: dict):
    year, end = meta.get("year"), meta.get("end_year")
    if isinstance(year, int) and isinstance(end, int) and not isinstance(end, bool) and end < year:
        yield "end_year", f"{end} is before the start year {year}"


def ongoing_or_ended(meta: dict, messages: dict):
    if meta.get("ongoing") is True and meta.get("end_year") is not None:
        yield "ongoing", "cannot be true when end_year is set (keep one of them)"


def has_cities_or_networks(meta: dict, messages: dict):
    """A practice is a city's, or for a network's own practice, the network's."""
    if not meta.get("cities") and not meta.get("networks"):
        yield "cities", messages["missing_either"].format(name="cities", example="[barcelona]", other="networks", other_example="[reci]")


RELATED = {"city": 3, "network": 2, "topic": 1}  # what a shared value weighs when relating records

PRACTICE = RecordType(
    name="practice",
    plural="practices",
    folder="practices",
    url="practices",
    description="A city's good practice: a real intercultural action of one or more member cities, or of a national network.",
    sections=("Purpose", "Context", "What was done", "Results", "Lessons learnt"),
    rank=2,
    facets=("topic", "city", "country", "network", "size", "target_group", "status"),
    related=RELATED,
    answers=("title", "cities", "year", "topics", "summary"),
    rules=(ends_after_it_starts, ongoing_or_ended, has_cities_or_networks),
    fields={
        "title": _title,
        "cities": RefList("City ids from the city registry.", "cities", "city", example="[barcelona]"),
        "networks": RefList("Ids of the networks that ran it, for a network's own practice where the documents name no single city.", "networks", "network"),
        "year": Year("The year the practice started.", required=True, example="2015", until="end_year", running="ongoing"),
        "end_year": Year("The year it ended, if it has ended.", fact=False),
        "ongoing": Boolean("true if it is still running.", fact=False),
        "topics": _topics,
        "summary": _summary,
        "target_groups": RefList("Who it is for: target group ids.", "target_groups", "target group"),
        "partners": TextList("Partner organisations.", separator=", "),
        "funding": Text("How it was funded.", max_length=300),
        "contact": Text("Who to contact (office, role or public address).", max_length=300),
        "outcome": Choice(
            "How it turned out: 'did-not-work' practices are welcome, with their lessons.",
            OUTCOMES,
        ),
        "links": GroupList("Web pages about the practice: title, url and lang for each.", LINK_FIELDS),
        "adapted_from": RefList(
            "Practices of other cities that this one took up, where a document says so: practice ids (file names).",
            "practices",
            "practice",
            reverse="adapted_in",
        ),
        "status": _status,
        "sources": _sources,
    },
)

PUBLICATION = RecordType(
    name="publication",
    plural="publications",
    folder="policy_briefs",
    url="policy-briefs",
    description="A policy brief, thematic paper, study, guide, manual or report of the programme.",
    rank=1,
    facets=("kind", "topic", "language", "status"),
    group_by="kind",
    related=RELATED,
    answers=("title", "year", "kind", "languages", "topics", "summary"),
    fields={
        "kind": Ref("The kind of publication (see the kinds below).", "kinds", "kind", required=True, example="policy-brief", detail="definition"),
        "title": _title,
        "year": Year("Year of publication, where a document states it; leave it out when no document does.", minimum=1990, example="2020"),
        "topics": _topics,
        "summary": _summary,
        "languages": LanguageVersions(
            "The language versions: language code -> address, left empty when the address is unknown.",
            required=True,
            example="{en: https://...}",
        ),
        "listed_in": TextList(
            "The documents that list or mention the publication, by title and year (where its own year is not stated, say which report lists it).",
            example='["ICC Annual Report 2024"]',
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
    rank=0,
    order="title",
    related=RELATED,
    theme="practice",
    table="resources",
    answers=("title", "topics", "summary", "resources"),
    fields={
        "title": _title,
        "topics": _topics,
        "summary": _summary,
        "resources": GroupList("The toolkit's resources.", RESOURCE_FIELDS, min_items=1, required=True, example="[...]", fact=False),
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

def source_types() -> tuple:
    """Every kind of Markdown file the build reads: the record types, then site pages."""
    return (*RECORD_TYPES, PAGE)

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



# Population bands of the size facet (as URBACT's database has them); regions apart.
SIZE_BANDS = {"small": 100_000, "medium": 500_000}


def population_band(city: dict):
    """'small' (under 100,000), 'medium' (100,000 to 500,000), 'large', 'region', or
    None where the population is not known."""
    if city.get("kind") == "region":
        return "region"
    count = (city.get("population") or {}).get("count")
    if not isinstance(count, int) or isinstance(count, bool):
        return None
    return "small" if count < SIZE_BANDS["small"] else "medium" if count <= SIZE_BANDS["medium"] else "large"


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
        "kind": Choice("'city' or 'region'.", ("city", "region"), default="city", fact=False),
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
    derived=(("size", population_band),),
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

# The ways readers browse and filter records, in the order of the search data.
FAMILIES = (
    Family("status", (("status", None),), names="label"),
    Family("topic", (("topics", None),), registry="topics", folder="topics", intro="definition", index="definitions", order="registry"),
    Family("city", (("cities", None),), registry="cities", folder="cities",
           facts=("country", "networks", "participates_in", "member_since", "population", "size"), index="by:country", map=True, named=True),
    Family("country", (("cities", "country"), ("networks", "country")), registry="countries", folder="countries", lower=True, fact=True,
           members=(("cities", "country", "cities_title"),)),
    Family("network", (("networks", None), ("cities", "networks")), registry="networks", folder="networks", intro="description",
           members=(("cities", "networks", "cities_title"), ("cities", "participates_in", "participants_title")), order="registry"),
    Family("size", (("cities", "size"),), names="label"),
    Family("target_group", (("target_groups", None),), registry="target_groups"),
    Family("kind", (("kind", None),), registry="kinds"),
    Family("language", (("languages", None),), names="language"),
    Family("year", (("year", None),), folder="years", names="value", index="counts", order="newest"),
)


def family(name: str) -> Family:
    return next(f for f in FAMILIES if f.name == name)


def record_type(name: str) -> RecordType:
    return next(t for t in RECORD_TYPES if t.name == name)


def registry(name: str) -> Registry:
    return next(r for r in REGISTRIES if r.name == name)

__all__ = [n for n in dir() if n.isupper()] + ["Family", "Field", "RecordType", "Registry", "family", "record_type", "registry", "source_types"]
