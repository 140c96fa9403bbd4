"""Contribution workflow files: valid workflows and forms, and a pre-commit hook that runs the validator."""

from __future__ import annotations

import subprocess

import yaml

from conftest import REPO


def check(schema: str, *files) -> subprocess.CompletedProcess:
    return subprocess.run(["check-jsonschema", "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True)


def test_workflows_are_valid_github_workflows():
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert {w.name for w in workflows} == {"pull-request.yml", "deploy.yml", "links.yml"}
    result = check("vendor.github-workflows", *workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_caught_by_the_check(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    steps: []\n")  # no runs-on
    assert check("vendor.github-workflows", broken).returncode == 1


def test_pull_request_workflow_validates_tests_builds_and_uploads_a_preview():
    """The steps themselves (not comments that mention them), in order: validation, the
    tests, a strict build, then the built site uploaded as the preview."""
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    commands = [step.get("run", "") for step in steps]
    order = [next(i for i, c in enumerate(commands) if c.startswith(command)) for command in
             ("icckb validate", "bash .ci/run", "mkdocs build --strict")]
    assert order == sorted(order)
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload > order[-1] and steps[upload]["with"]["path"].rstrip("/") == "site"


def test_issue_forms_are_valid():
    forms = sorted((REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    assert len(forms) == 2
    result = check("vendor.github-issue-forms", *forms)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_runs_the_validator_on_changed_records():
    hook = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["entry"] == "icckb validate"
    assert hook["language"] == "system"
    import re

    pattern = re.compile(hook["files"])
    assert pattern.search("practices/oslo-x.md") and pattern.search("data/cities.yml")
    assert not pattern.search("icckb/cli.py")


def test_pull_request_template_has_the_reviewers_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text()
    for item in ("real intercultural action", "evidence of results", "replicate", "contact", "sources are named"):
        assert item in text
