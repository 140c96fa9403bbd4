"""The site as it is deployed: addresses from where it is built, edit links, canonical
addresses, sitemaps and robots.txt; the pull request's annotations and report; the
command-line habits of MkDocs; and an engine that lasts (ProperDocs, pinned internals)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from icckb.addresses import resolve

from conftest import build_here, copy_fixture_site, mkdocs_build, validate

ENV = {"GITHUB_REPOSITORY": "example-org/icc-knowledge-base", "GITHUB_SERVER_URL": "https://github.com"}
PAGES = "https://example-org.github.io/icc-knowledge-base/"
REPO = "https://github.com/example-org/icc-knowledge-base"


# (mkdocs.yml, environment, site_url, repo_url, branch): where each address comes from.
ADDRESSES = [
    # mkdocs.yml wins
    ({"site_url": "https://kb.example.org", "repo_url": "https://github.com/a/b", "edit_uri": "edit/dev/"}, ENV,
     "https://kb.example.org/", "https://github.com/a/b", "dev"),
    # the project's own variables
    ({}, {"ICCKB_SITE_URL": "https://kb.example.org/x", "ICCKB_REPO_URL": "https://gitlab.com/a/b/", "ICCKB_BRANCH": "trunk"},
     "https://kb.example.org/x/", "https://gitlab.com/a/b", "trunk"),
    # GitHub Actions alone: the Pages address of the repository
    ({}, ENV, PAGES, REPO, "main"),
    # a pull request builds its head branch
    ({}, {**ENV, "GITHUB_HEAD_REF": "new-practice", "GITHUB_REF_NAME": "12/merge"}, PAGES, REPO, "new-practice"),
    # a user's or organisation's own Pages site
    ({}, {"GITHUB_REPOSITORY": "example-org/example-org.github.io", "GITHUB_SERVER_URL": "https://github.com"},
     "https://example-org.github.io/", "https://github.com/example-org/example-org.github.io", "main"),
    # nothing known: relative addresses, no edit links
    ({}, {}, "", "", "main"),
]


@pytest.mark.parametrize("config, env, site_url, repo_url, branch", ADDRESSES)
def test_addresses_come_from_the_config_else_from_where_the_site_is_built(tmp_path, config, env, site_url, repo_url, branch):
    found = resolve(config, env, tmp_path)
    assert (found.site_url, found.repo_url, found.branch) == (site_url, repo_url, branch)
    assert bool(found.note) == (not site_url or not repo_url)


@pytest.mark.parametrize("remote, repo_url", [
    ("git@github.com:example-org/kb.git", "https://github.com/example-org/kb"),
    ("https://gitlab.com/example-org/kb.git", "https://gitlab.com/example-org/kb"),
    ("/srv/mirror/kb.git", ""),  # a local clone: no address to give
])
def test_the_origin_remote_gives_the_repository_when_it_is_github_or_gitlab(tmp_path, remote, repo_url):
    subprocess.run(["git", "init", "-q", "-b", "work", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", remote], check=True)
    found = resolve({}, {}, tmp_path)
    assert (found.repo_url, found.branch) == (repo_url, "work")


@pytest.fixture(scope="module")
def on_github(tmp_path_factory):
    """The fixture site built with only GITHUB_REPOSITORY and GITHUB_SERVER_URL set."""
    root = copy_fixture_site(tmp_path_factory.mktemp("github") / "site")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in ENV.items():
            patch.setenv(name, value)
        site = build_here(root)
    return root, site


RECORDS = {  # page -> its source in the repository
    "practices/oslo-rumours/": "practices/oslo-rumours.md",
    "practices/barcelona-archive/": "practices/barcelona-archive.md",
    "policy-briefs/rumours-brief/": "policy_briefs/rumours-brief.md",
    "toolkits/anti-rumours/": "docs/toolkits/anti-rumours.md",
}


def test_every_record_page_links_to_its_source_or_starts_its_translation(on_github):
    _, site = on_github
    for url, source in RECORDS.items():
        english = (site / url / "index.html").read_text()
        assert f'href="{REPO}/edit/main/{source}"' in english, url
        french = (site / "fr" / url / "index.html").read_text()
        if url == "practices/oslo-rumours/":  # translated: its translation's own file
            assert f'href="{REPO}/edit/main/{source[:-3]}.fr.md"' in french
        else:  # not yet translated: a new file beside the original
            folder, _, name = source.rpartition("/")
            assert f'href="{REPO}/new/main/{folder}?filename={name[:-3]}.fr.md"' in french, url
    assert "/edit/" not in (site / "topics" / "anti-rumours" / "index.html").read_text()  # generated: nothing to edit


def test_canonical_addresses_are_absolute_and_the_sitemaps_list_every_page_in_every_language(on_github):
    _, site = on_github
    for lang in ("", "fr/"):
        for url in RECORDS:
            html = (site / lang / url / "index.html").read_text()
            canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
            assert canonical.startswith(PAGES), canonical
    index = (site / "sitemap.xml").read_text()
    assert f"<loc>{PAGES}sitemap-en.xml</loc>" in index and f"<loc>{PAGES}sitemap-fr.xml</loc>" in index
    for lang, prefix in (("en", ""), ("fr", "fr/")):
        sitemap = (site / f"sitemap-{lang}.xml").read_text()
        for url in RECORDS:
            assert f"<loc>{PAGES}{prefix}{url}</loc>" in sitemap, (lang, url)
        entry = sitemap.split(f"<loc>{PAGES}{prefix}practices/oslo-rumours/</loc>")[1].split("</url>")[0]
        assert f'hreflang="en" href="{PAGES}practices/oslo-rumours/"' in entry
        assert f'hreflang="fr" href="{PAGES}fr/practices/oslo-rumours/"' in entry
        assert f'hreflang="x-default" href="{PAGES}practices/oslo-rumours/"' in entry
        assert "lastmod" not in sitemap and "None" not in sitemap
    assert (site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {PAGES}sitemap.xml\n"


def test_the_form_proposes_on_github(on_github):
    _, site = on_github
    assert f'"repo": "{REPO}"' in (site / "contribute" / "new-practice" / "index.html").read_text()


def test_without_addresses_relative_links_no_sitemap_and_a_note(site):
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "INFO    -  icckb: site_url and repo_url not known (set ICCKB_SITE_URL / ICCKB_REPO_URL or mkdocs.yml): no edit links; relative addresses, no sitemap" in result.stderr
    built = site / "site"
    assert not (built / "sitemap.xml").exists()
    assert (built / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert "/edit/" not in (built / "practices" / "oslo-rumours" / "index.html").read_text()


def test_validate_speaks_github_annotations(site, capsys):
    record = site / "practices" / "oslo-rumours.md"
    record.write_text(record.read_text().replace("year: 2017", "year: 20111").replace("cities: [oslo, bergen]", "cities: [oslo, bergn]"))
    cwd = os.getcwd()
    os.chdir(site)
    try:
        from icckb import cli

        code = cli.main(["validate", "--format", "github"])
    finally:
        os.chdir(cwd)
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines[0] == "::error file=practices/oslo-rumours.md,line=3,title=cities[1]::unknown city 'bergn' (did you mean 'bergen'?)"
    assert lines[1].startswith("::error file=practices/oslo-rumours.md,line=4,title=year::20111 is not a year between 2008 and ")
    assert lines[2] == "2 problems in 1 of 13 files checked"
    assert validate(site, capsys=capsys)[0] == 1  # the text report is unchanged


def test_the_review_report_names_what_a_pull_request_changes(site):
    def git(*args):
        subprocess.run(["git", "-C", str(site), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    (site / "practices" / "oslo-rumours.md").write_text((site / "practices" / "oslo-rumours.md").read_text().replace("Start small.", "Start smaller."))
    (site / "practices" / "barcelona-archive.md").unlink()
    (site / "practices" / "bergen-desk.md").write_text((site / "practices" / "oslo-rumours.md").read_text().replace("year: 2017", "year: 2030"))
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "change")
    done = subprocess.run([sys.executable, "-m", "icckb.cli", "review", "--base", "main~1", "--preview", "https://example.org/run/1"],
                          cwd=site, capture_output=True, text=True, env={**os.environ, **ENV})
    assert done.returncode == 0, done.stderr
    report = done.stdout
    assert report.startswith("<!-- icckb-review -->\n")
    assert "**1 problems to fix**" in report and "practices/bergen-desk.md:4: year: 2030 is not a year" in report
    assert f"- added: `practices/bergen-desk.md` → {PAGES}practices/bergen-desk/" in report
    assert f"- changed: `practices/oslo-rumours.md` → {PAGES}practices/oslo-rumours/" in report
    assert "- removed: `practices/barcelona-archive.md`\n" in report
    assert "from https://example.org/run/1" in report


def icckb(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "icckb.cli", *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)


def test_build_speaks_like_mkdocs(site):
    done = icckb(site, "build", "-d", "elsewhere", "-q", "-j", "1")
    assert done.returncode == 0, done.stderr
    assert (site / "elsewhere" / "fr" / "practices" / "oslo-rumours" / "index.html").is_file()
    assert "INFO" not in done.stderr  # -q: warnings and errors only
    done = icckb(site, "build", "-f", "mkdocs.yml", "--site-dir", "again", "-v", "-j", "1")
    assert done.returncode == 0 and "DEBUG" in done.stderr
    assert (site / "again" / "index.html").is_file()


def test_properdocs_builds_the_same_site(site, tmp_path):
    mkdocs = mkdocs_build(site, "--site-dir", str(tmp_path / "mkdocs"))
    assert mkdocs.returncode == 0, mkdocs.stderr[-3000:]
    properdocs = subprocess.run([sys.executable, "-m", "properdocs", "build", "--site-dir", str(tmp_path / "properdocs")],
                                cwd=site, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert properdocs.returncode == 0, properdocs.stderr[-3000:]

    def files(folder: Path) -> dict:
        generator = re.compile(rb'<meta name="generator" content="[^"]*">')
        return {p.relative_to(folder).as_posix(): generator.sub(b"", p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()}

    one, other = files(tmp_path / "mkdocs"), files(tmp_path / "properdocs")
    assert sorted(one) == sorted(other)
    assert [name for name in one if one[name] != other[name]] == []


def test_a_missing_internal_of_mkdocs_static_i18n_stops_the_build_with_a_clear_error(site, caplog):
    from mkdocs.exceptions import Abort
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    with pytest.MonkeyPatch.context() as patch:
        patch.delattr(ExtendedPlugin, "reconfigure_files_alternates")  # as an upgrade that renamed it would
        with pytest.raises(Abort):
            build_here(site)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(re.fullmatch(r"mkdocs-static-i18n \S+ has no reconfigure_files_alternates, which this build relies on \(checked against "
                            r"1\.3\.1\): install the 1\.3 series \(pip install 'mkdocs-static-i18n>=1\.3\.1,<1\.4'\) or update "
                            r"icckb/adapters/i18n\.py", e) for e in errors), errors


def test_what_hosts_may_keep_forever_is_named_after_its_content(real_site):
    # A file kept for a year must change its name when it changes: every file under the
    # _headers file's immutable folders carries a hash; the theme's unused search is gone.
    headers = (real_site / "_headers").read_text(encoding="utf-8")
    forever = re.findall(r"^(/\S+)\n  Cache-Control: public, max-age=31536000, immutable$", headers, re.M)
    assert len(forever) == 5 and headers.count("Cache-Control") == 5  # no rule overlaps another
    for pattern in forever:
        files = [p for p in (real_site / pattern.strip("/*")).rglob("*") if p.is_file()]
        assert files, pattern
        unnamed = [p.name for p in files if not re.search(r"[0-9a-f]{7,}", p.name)]
        assert not unnamed, (pattern, unnamed[:5])
    assert not (real_site / "assets" / "javascripts" / "lunr").exists()
