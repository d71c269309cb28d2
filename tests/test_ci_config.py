"""The workflows, pre-commit hook and CI script are correct by construction (they cannot run here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run([str(exe), *args], capture_output=True, text=True)


def test_workflows_validate_against_the_github_schema() -> None:
    assert len(WORKFLOWS) == 2
    result = _check_jsonschema("--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    stepz: []\n")
    assert _check_jsonschema("--builtin-schema", "vendor.github-workflows", str(broken)).returncode != 0


def _steps(name: str) -> list[dict]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_action_is_pinned_to_a_version() -> None:
    for workflow in WORKFLOWS:
        for step in _steps(workflow.name):
            if "uses" in step:
                assert re.search(r"@v\d+\.\d+\.\d+$|@[0-9a-f]{40}$", step["uses"]), step["uses"]


def test_pull_request_workflow_checks_builds_links_tests_and_uploads() -> None:
    runs = " ".join(step.get("run", "") for step in _steps("pull-request.yml"))
    uses = [step.get("uses", "") for step in _steps("pull-request.yml")]
    assert "argkb check --format github" in runs
    assert "argkb build" in runs and "argkb links" in runs and "pytest" in runs
    assert any(u.startswith("actions/upload-artifact@") for u in uses)


def test_pull_request_summary_is_the_argument_diff_against_the_base() -> None:
    steps = _steps("pull-request.yml")
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base revision must be in the clone
    diff = next(step for step in steps if "argkb diff" in step.get("run", ""))
    assert diff["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert diff["run"].startswith('argkb diff "$BASE_SHA" --format markdown ')
    assert diff["run"].endswith(' >> "$GITHUB_STEP_SUMMARY"')
    assert '--artifact-url "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"' in diff["run"]


def test_pages_workflow_deploys() -> None:
    uses = [step.get("uses", "") for step in _steps("pages.yml")]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pre_commit_hook_runs_the_check_ci_runs() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    hook = next(h for h in hooks if h["id"] == "argkb-check")
    ci_checks = {step["run"] for step in _steps("pull-request.yml") if step.get("run", "").startswith("argkb check")}
    # the same command as the pull-request workflow, in text instead of GitHub annotations
    assert {f"{hook['entry']} --format github"} == ci_checks
    # on every commit, as CI checks every pull request (not only those touching claims/)
    assert hook["always_run"] is True and hook["pass_filenames"] is False and "files" not in hook


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    commands = re.findall(r"^    (python3 -m venv .+)$", readme, re.MULTILINE)
    assert len(commands) == 2
    for step in commands[1].split(" && "):
        assert step.replace("-e '", "-q -e '") in ci or step in ci, step
    assert "apt-get install" in ci and "chromium" in ci
