"""A new record type is a schema entry plus its labels: nothing else changes.

The fixture site gets a type the project does not have (experts, which the 2024
website focus group asked about), declared here the way icckb/schema.py declares the
others, and its labels added to the English vocabulary; the build, the exports, search,
the translation status, validation and ``icckb new`` must all pick it up.
"""

from __future__ import annotations

import json
import os

import pytest

from icckb import cli, corpus, labels, schema, translations
from icckb.fields import RefList, Text, TextList
from icckb.project import Project

from conftest import build_here, copy_fixture_site, validate
from sitecheck import main, read

EXPERT = schema.RecordType(
    name="expert",
    plural="experts",
    folder="experts",
    url="experts",
    description="A person cities can ask about a theme.",
    rank=3,
    facets=("topic", "city"),
    related=schema.RELATED,
    answers=("title", "cities", "topics", "summary"),
    fields={
        "title": Text("Name.", max_length=200, required=True, fact=False),
        "cities": RefList("Cities they worked with.", "cities", "city"),
        "topics": RefList("Themes.", "topics", "topic", min_items=1, required=True),
        "summary": Text("What they know.", max_length=400, required=True, fact=False),
        "status": schema.PRACTICE.fields["status"],
        "sources": TextList("Documents."),
    },
)

LABELS = {
    "experts_title": "Experts",
    "experts_intro": "People who know a theme well.",
    "search_experts": "Search the experts",
    "related_experts": "Related experts",
    "type_expert": "Expert",
}

RECORD = """---
title: Test expert on rumours
cities: [oslo]
topics: [anti-rumours]
summary: A fictional expert for this test.
sources: ["ICC Annual Report 2017"]
---

Knows the anti-rumours method.
"""


@pytest.fixture(scope="module")
def with_experts():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "RECORD_TYPES", (*schema.RECORD_TYPES, EXPERT))
        for key, text in LABELS.items():
            patch.setitem(labels.ENGLISH, key, text)
        yield


@pytest.fixture(scope="module")
def expert_site(with_experts, tmp_path_factory):
    root = copy_fixture_site(tmp_path_factory.mktemp("experts") / "site")
    (root / "experts").mkdir()
    (root / "experts" / "test-expert.md").write_text(RECORD)
    return root, build_here(root)


def test_a_new_type_gets_its_pages_in_every_language(expert_site):
    _, site = expert_site
    for prefix in ("", "fr/"):
        page = read(site, f"{prefix}experts/test-expert/")
        assert "Test expert on rumours</h1>" in page
        assert '<a href="../../cities/oslo/">Oslo</a>' in page  # its facts, linked
        collection = read(site, f"{prefix}experts/")
        assert 'data-type="expert"' in collection and 'data-facets="topic city"' in collection
        assert '<a href="all/">' in main(collection)  # its full list, on a page of its own
        assert "Test expert on rumours" in main(read(site, f"{prefix}experts/all/"))


def test_a_new_type_is_in_the_browse_pages_and_related_blocks(expert_site):
    _, site = expert_site
    topic = main(read(site, "topics/anti-rumours/"))
    assert '<h2 id="experts">Experts' in topic and "Test expert on rumours" in topic
    assert "Test expert on rumours" in main(read(site, "cities/oslo/"))
    practice = main(read(site, "practices/oslo-rumours/"))  # shares Oslo and anti-rumours
    assert '<h2 id="related_experts">Related experts</h2>' in practice
    assert "../../experts/test-expert/" in practice


def test_a_new_type_is_exported_and_found(expert_site):
    _, site = expert_site
    data = json.loads((site / "api" / "experts.json").read_text())
    assert [item["id"] for item in data["items"]] == ["test-expert"]
    assert data["items"][0]["cities"] == [{"id": "oslo", "name": "Oslo", "country": "NO"}]
    page = read(site, "experts/test-expert/")
    assert '<span data-pagefind-filter="type">expert</span>' in page
    assert '<span data-pagefind-filter="topic">anti-rumours</span>' in page
    assert any((site / "pagefind").glob("fragment/*.pf_fragment"))
    search = read(site, "search/")
    assert "&quot;expert&quot;: &quot;Expert&quot;" in search  # the search results name its type


def test_a_new_type_has_a_translation_status_and_is_validated(expert_site, capsys):
    root, _ = expert_site
    loaded = corpus.load(Project.from_config_file(root / "mkdocs.yml"))
    french = {item.original: item for item in translations.status(loaded)["fr"]}
    assert french["experts/test-expert.md"].collection == "experts"
    assert french["experts/test-expert.md"].status == "missing"
    (root / "experts" / "bad.md").write_text(RECORD.replace("topics: [anti-rumours]", "topics: [rumours]"))
    try:
        assert validate(root, "experts/bad.md", capsys=capsys) == (1, [
            "experts/bad.md:4: topics[0]: unknown topic 'rumours' (did you mean 'anti-rumours'?)",
            "1 problem in 1 of 1 files checked",
        ])
    finally:
        (root / "experts" / "bad.md").unlink()


def test_a_new_type_can_be_started_with_icckb_new(expert_site, capsys):
    root, _ = expert_site
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = cli.main(["new", "expert", "--title", "Second expert", "--cities", "bergen", "--topics", "anti-rumours",
                         "--summary", "Another one.", "--non-interactive"])
    finally:
        os.chdir(cwd)
    assert (code, capsys.readouterr().out) == (0, "experts/second-expert.md\n")
    assert validate(root, "experts/second-expert.md", capsys=capsys) == (0, ["1 files checked, no problems found"])
