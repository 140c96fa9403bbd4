"""Every validation rule, shown by one bad file and the exact message it must produce."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import FIXTURE_SITE, validate

YEAR = date.today().year

GOOD = """---
title: Bergen welcome desk
cities: [bergen]
year: 2015
topics: [participation]
summary: A desk where newcomers meet residents.
---

## Purpose

P.

## Context

C.

## What was done

W.

## Results

R.

## Lessons learnt

L.
"""


def practice(**changes) -> str:
    """GOOD with front-matter lines replaced: field=None removes it, a string replaces it."""
    text = GOOD
    for key, value in changes.items():
        old = next(line for line in text.splitlines() if line.startswith(key + ":"))
        text = text.replace(old + "\n", "" if value is None else value + "\n")
    return text


def with_line(extra: str) -> str:
    """GOOD with one more front-matter line after the summary."""
    return GOOD.replace("summary: A desk where newcomers meet residents.\n", "summary: A desk where newcomers meet residents.\n" + extra + "\n")


# (file, content, the exact line the report must contain)
CASES = [
    # a required field is missing
    ("practices/bergen-desk.md", practice(summary=None), "practices/bergen-desk.md:2: summary: is required but missing (add 'summary: one or two plain sentences')"),
    # a required field is empty
    ("practices/bergen-desk.md", practice(title='title: ""'), "practices/bergen-desk.md:2: title: is required but empty (write Anti-rumours strategy)"),
    # the wrong type: text where a number is expected
    ("practices/bergen-desk.md", practice(year='year: "2015"'), 'practices/bergen-desk.md:4: year: "2015" is text, not a number (write 2015 without quotes)'),
    # the wrong type: a number where a list of ids is expected
    ("practices/bergen-desk.md", practice(cities="cities: 5"), "practices/bergen-desk.md:3: cities: 5 is not a list of city ids (write [id, id])"),
    # the wrong type: not true or false
    ("practices/bergen-desk.md", with_line("ongoing: maybe"), 'practices/bergen-desk.md:7: ongoing: "maybe" is not true or false (write true or false)'),
    # a year out of range, above
    ("practices/bergen-desk.md", practice(year="year: 20111"), f"practices/bergen-desk.md:4: year: 20111 is not a year between 2008 and {YEAR}"),
    # a year out of range, below
    ("practices/bergen-desk.md", practice(year="year: 2007"), f"practices/bergen-desk.md:4: year: 2007 is not a year between 2008 and {YEAR}"),
    # an unknown key, with the closest field
    ("practices/bergen-desk.md", with_line("titel: Typo"), "practices/bergen-desk.md:7: titel: unknown field 'titel' (did you mean 'title'?)"),
    # an unknown city, with the closest ids
    ("practices/bergen-desk.md", practice(cities="cities: [barcelone]"), "practices/bergen-desk.md:3: cities[0]: unknown city 'barcelone' (did you mean 'barcelona'?)"),
    # an unknown topic
    ("practices/bergen-desk.md", practice(topics="topics: [anti-rumour]"), "practices/bergen-desk.md:5: topics[0]: unknown topic 'anti-rumour' (did you mean 'anti-rumours'?)"),
    # an unknown target group
    ("practices/bergen-desk.md", with_line("target_groups: [youths]"), "practices/bergen-desk.md:7: target_groups[0]: unknown target group 'youths' (did you mean 'youth'?)"),
    # an id listed twice
    ("practices/bergen-desk.md", practice(cities="cities: [bergen, bergen]"), "practices/bergen-desk.md:3: cities[1]: 'bergen' is listed twice (remove one)"),
    # the summary is too long
    ("practices/bergen-desk.md", practice(summary="summary: " + "x" * 410), "practices/bergen-desk.md:6: summary: is 410 characters long; the limit is 400 (shorten it by 10)"),
    # end year before start year
    ("practices/bergen-desk.md", with_line("end_year: 2012"), "practices/bergen-desk.md:7: end_year: 2012 is before the start year 2015"),
    # ongoing and end_year together
    ("practices/bergen-desk.md", with_line("end_year: 2016\nongoing: true"), "practices/bergen-desk.md:8: ongoing: cannot be true when end_year is set (keep one of them)"),
    # a value outside a fixed list
    ("practices/bergen-desk.md", with_line("status: archive"), "practices/bergen-desk.md:7: status: \"archive\" is not allowed (did you mean 'archived' or 'active'?)"),
    # a YAML syntax error, with its line
    ("practices/bergen-desk.md", with_line("funding: City: and state"), "practices/bergen-desk.md:7: front matter: YAML syntax error: mapping values are not allowed in this context (a value contains ': '; put the whole value in quotes)"),
    # a field given twice
    ("practices/bergen-desk.md", with_line("year: 2016"), "practices/bergen-desk.md:7: front matter: 'year' appears twice (first on line 4); keep only one"),
    # YAML anchors and aliases (the "billion laughs" bomb needs them)
    ("practices/bergen-desk.md", with_line("partners: &a [x, x]\nfunding: *a"), "practices/bergen-desk.md:7: front matter: YAML anchors and aliases (&name, *name) are not allowed; write the value out in full"),
    # no front matter at all
    ("practices/bergen-desk.md", "# Bergen\n\nText.\n", "practices/bergen-desk.md:1: front matter: is missing (start the file with a line '---', then 'field: value' lines, then a line '---')"),
    # front matter that is never closed
    ("practices/bergen-desk.md", "---\ntitle: x\n", "practices/bergen-desk.md:1: front matter: has no closing '---' line (end the fields with a line '---')"),
    # front matter that is a list, not a mapping
    ("practices/bergen-desk.md", "---\n- title\n- year\n---\nText\n", "practices/bergen-desk.md:2: front matter: is not a set of 'field: value' lines (start the file with a line '---', then 'field: value' lines, then a line '---')"),
    # an empty file
    ("practices/bergen-desk.md", "", "practices/bergen-desk.md:1: file: is empty (start the file with a line '---', then 'field: value' lines, then a line '---')"),
    # a file that is not UTF-8
    ("practices/bergen-desk.md", GOOD.replace("Bergen", "Bergen caf\xe9").encode("latin-1"), "practices/bergen-desk.md:2: file: is not UTF-8 text (byte 0xE9; save the file as UTF-8)"),
    # a NUL byte
    ("practices/bergen-desk.md", GOOD.replace("W.", "W\x00."), "practices/bergen-desk.md:19: file: contains a NUL byte (delete it)"),
    # a file name that is not a slug
    ("practices/Bergen Desk.md", GOOD, "practices/Bergen Desk.md:1: file name: 'Bergen Desk.md' is not a valid name (use lowercase letters, digits and hyphens, such as bergen-desk.md)"),
    # a record in a subfolder
    ("practices/2015/bergen-desk.md", GOOD, "practices/2015/bergen-desk.md:1: file: is in a subfolder; practices go directly in practices/ (move it there)"),
    # a practice body without its sections
    ("practices/bergen-desk.md", GOOD.replace("## Results", "## Outcomes"), "practices/bergen-desk.md:8: body: has no section '## Results' (a practice's sections are: Purpose, Context, What was done, Results, Lessons learnt)"),
    # an empty body
    ("practices/bergen-desk.md", GOOD.split("## Purpose")[0], "practices/bergen-desk.md:8: body: is empty (add the sections '## Purpose', '## Context', '## What was done', '## Results', '## Lessons learnt')"),
    # unsafe HTML in the body: script
    ("practices/bergen-desk.md", GOOD.replace("W.", "<script>alert(1)</script>"), "practices/bergen-desk.md:19: body: the HTML element <script> is not allowed; it is removed with its content (remove it)"),
    # unsafe HTML in the body: iframe
    ("practices/bergen-desk.md", GOOD.replace("W.", '<iframe src="https://x.test"></iframe>'), "practices/bergen-desk.md:19: body: the HTML element <iframe> is not allowed; it is removed with its content (remove it)"),
    # unsafe HTML in the body: object
    ("practices/bergen-desk.md", GOOD.replace("W.", '<object data="x.swf"></object>'), "practices/bergen-desk.md:19: body: the HTML element <object> is not allowed; it is removed with its content (remove it)"),
    # unsafe HTML in the body: an event handler attribute
    ("practices/bergen-desk.md", GOOD.replace("W.", '<img src="x.png" onerror="alert(1)">'), "practices/bergen-desk.md:19: body: HTML event attributes (onerror=) are not allowed (remove the attribute)"),
    # a javascript: link in Markdown
    ("practices/bergen-desk.md", GOOD.replace("W.", "[click](javascript:alert(1))"), "practices/bergen-desk.md:19: body: 'javascript:' addresses are not allowed in links and images (link to an https:// address instead)"),
    # a data: link in HTML
    ("practices/bergen-desk.md", GOOD.replace("W.", '<a href="data:text/html,x">x</a>'), "practices/bergen-desk.md:19: body: 'data:' addresses are not allowed in links and images (link to an https:// address instead)"),
    # HTML in a front-matter field
    ("practices/bergen-desk.md", practice(title="title: Bergen <b onmouseover=alert(1)>desk</b>"), 'practices/bergen-desk.md:2: title: contains HTML ("<b onmouseover=alert(1)>"); this field is plain text (remove the tag)'),
    # a javascript: address in a link field
    ("practices/bergen-desk.md", with_line("links:\n  - title: Site\n    url: javascript:alert(1)\n    lang: en"), 'practices/bergen-desk.md:9: links[0].url: "javascript:alert(1)" is not allowed: addresses must start with https:// or http://'),
    # a right-to-left override character hiding in a title
    ("practices/bergen-desk.md", practice(title="title: Bergen \u202edesk"), "practices/bergen-desk.md:2: title: contains the invisible control character U+202E (delete it; plain text only)"),
    # a translation whose original does not exist
    ("practices/bergen-nothing.fr.md", "---\ntitle: Rien\n---\n\nTexte.\n", "practices/bergen-nothing.fr.md:1: file name: is a translation of practices/bergen-nothing.md, which does not exist (check the name before the language code)"),
    # a translation into a language the site does not have
    ("practices/oslo-rumours.de.md", "---\ntitle: Gerüchte\n---\n\nText.\n", "practices/oslo-rumours.de.md:1: file name: the site has no language 'de' (its languages are: en, fr)"),
    # a translation for the default language
    ("practices/oslo-rumours.en.md", "---\ntitle: Rumours\n---\n\nText.\n", "practices/oslo-rumours.en.md:1: file name: 'en' is the site's default language; edit the original practices/oslo-rumours.md instead"),
    # a translation that sets a structural field
    ("practices/oslo-rumours.fr.md", "---\ntitle: Rumeurs\nyear: 2019\n---\n\nTexte.\n", "practices/oslo-rumours.fr.md:3: year: belongs to the original practices/oslo-rumours.md alone; translations carry only title, summary, source_hash, reviewed and the body (remove it here)"),
    # a translation with an unknown field
    ("practices/oslo-rumours.fr.md", "---\ntitel: Rumeurs\n---\n\nTexte.\n", "practices/oslo-rumours.fr.md:2: titel: unknown field 'titel' (did you mean 'title'?)"),
    # a publication with an unknown kind
    ("policy_briefs/rumours-brief.md", (lambda t: t.replace("kind: policy-brief", "kind: policy-brif"))(open(FIXTURE_SITE / "policy_briefs/rumours-brief.md").read()), "policy_briefs/rumours-brief.md:2: kind: unknown kind 'policy-brif' (did you mean 'policy-brief'?)"),
    # a publication with an unknown language code
    ("policy_briefs/rumours-brief.md", (lambda t: t.replace("  pl:", "  pol:"))(open(FIXTURE_SITE / "policy_briefs/rumours-brief.md").read()), "policy_briefs/rumours-brief.md:9: languages.pol: \"pol\" is not a two-letter language code (did you mean 'pl'?)"),
    # a toolkit resource naming a publication that does not exist
    ("docs/toolkits/anti-rumours.md", (lambda t: t.replace("publication: rumours-brief", "publication: rumour-brief"))(open(FIXTURE_SITE / "docs/toolkits/anti-rumours.md").read()), "docs/toolkits/anti-rumours.md:10: resources[0].publication: unknown publication 'rumour-brief' (did you mean 'rumours-brief'?)"),
    # a city whose network is unknown
    ("data/cities.yml", (FIXTURE_SITE / "data/cities.yml").read_text().replace("[norwegian-network]", "[norwegian]"), "data/cities.yml:4: oslo: networks[0]: unknown network 'norwegian' (did you mean 'norwegian-network'?)"),
    # a city with a lowercase country code
    ("data/cities.yml", (FIXTURE_SITE / "data/cities.yml").read_text().replace('country: "NO"', "country: no", 1), 'data/cities.yml:3: oslo: country: false is not a country id (YAML reads unquoted no, yes, on and off as true or false: put the id in quotes, such as "NO")'),
    # the same id twice in a registry
    ("data/topics.yml", (FIXTURE_SITE / "data/topics.yml").read_text() + "- id: participation\n  name: Twice\n  definition: Again.\n", "data/topics.yml:7: participation: id: is used twice (first on line 4); ids must be unique"),
    # a latitude out of range
    ("data/cities.yml", (FIXTURE_SITE / "data/cities.yml").read_text().replace("  member_since: 2008", "  member_since: 2008\n  lat: 91\n  lon: 10.75"), "data/cities.yml:6: oslo: lat: 91 is not between -90 and 90"),
    # a population that is not a whole number
    ("data/cities.yml", (FIXTURE_SITE / "data/cities.yml").read_text().replace("  member_since: 2008", "  member_since: 2008\n  population: {count: many, source: GeoNames}"), 'data/cities.yml:6: oslo: population.count: "many" is not a whole number (write a whole number such as 1620343, without quotes)'),
    # a population without its source
    ("data/cities.yml", (FIXTURE_SITE / "data/cities.yml").read_text().replace("  member_since: 2008", "  member_since: 2008\n  population: {count: 709037}"), "data/cities.yml:6: oslo: population.source: is required but missing (add 'source: GeoNames')"),
    # an adaptation of a practice that does not exist
    ("practices/bergen-desk.md", with_line("adapted_from: [oslo-rumour]"), "practices/bergen-desk.md:7: adapted_from[0]: unknown practice 'oslo-rumour' (did you mean 'oslo-rumours'?)"),
    # a thousands separator that is nothing at all (a space is one: see below)
    ("data/i18n/fr.yml", 'labels:\n  thousands_separator: ""\n', "data/i18n/fr.yml:2: labels.thousands_separator: is empty (write some text or remove the field)"),
    # a label of spaces alone, where text is needed
    ("data/i18n/fr.yml", 'labels:\n  search_title: "\\u00a0"\n', "data/i18n/fr.yml:2: labels.search_title: is empty (write some text or remove the field)"),
    # a registry that is not a list
    ("data/topics.yml", "anti-rumours: Anti-rumours\n", "data/topics.yml:1: file: must be a list of entries, each starting with '- id: ...'"),
]


@pytest.mark.parametrize("path, content, expected", CASES, ids=[c[2].split(": ", 1)[1][:60] for c in CASES])
def test_bad_file_is_reported_with_file_line_field_and_hint(site, capsys, path, content, expected):
    """The whole report: exactly this problem, and the count (one more file checked when
    the bad file is a new one)."""
    file = site / path
    checked = 13 + (not file.exists())
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        file.write_text(content, encoding="utf-8")
    else:
        file.write_bytes(content)
    code, lines = validate(site, capsys=capsys)
    assert lines == [expected, f"1 problem in 1 of {checked} files checked"]
    assert code == 1


def test_fixture_site_is_valid(site, capsys):
    code, lines = validate(site, capsys=capsys)
    assert lines == ["13 files checked, no problems found"]
    assert code == 0


@pytest.mark.parametrize("separator", ['" "', '"\\u00a0"', '"\\u202f"', '"."', "\"'\""])
def test_a_thousands_separator_may_be_a_space(site, capsys, separator):
    (site / "data/i18n").mkdir(parents=True, exist_ok=True)
    (site / "data/i18n/fr.yml").write_text(f"labels:\n  thousands_separator: {separator}\n", encoding="utf-8")
    code, lines = validate(site, capsys=capsys)
    assert (code, lines) == (0, ["14 files checked, no problems found"])


def test_every_problem_of_a_run_is_reported_with_a_count(site, capsys):
    (site / "practices" / "bergen-desk.md").write_text(practice(year="year: 20111", cities="cities: [nowhere]"))
    (site / "practices" / "empty.md").write_text("")
    code, lines = validate(site, capsys=capsys)
    assert lines == [
        "practices/bergen-desk.md:3: cities[0]: unknown city 'nowhere' (the city ids are: barcelona, bergen, oslo)",
        f"practices/bergen-desk.md:4: year: 20111 is not a year between 2008 and {YEAR}",
        "practices/empty.md:1: file: is empty (start the file with a line '---', then 'field: value' lines, then a line '---')",
        "3 problems in 2 of 15 files checked",
    ]
    assert code == 1
