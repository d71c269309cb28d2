"""Files argkb does not own: mkdocs.yml is checked before MkDocs reads it, symlinks out of the
repository are refused by the build, the pull-request workflow stays read-only and without
secrets, and CODEOWNERS puts the files that decide what runs under a maintainer's review."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO, run_argkb
from sitecheck import build

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _pull_request_workflows() -> list[tuple[Path, dict]]:
    found = []
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = workflow.get(True, workflow.get("on"))  # YAML 1.1 reads a bare `on` as True
        names = set(triggers) if isinstance(triggers, dict | list) else {triggers}
        if names & {"pull_request", "pull_request_target"}:
            found.append((path, workflow))
    return found


def test_pull_request_workflow_is_read_only_and_has_no_secrets() -> None:
    workflows = _pull_request_workflows()
    assert workflows, "no workflow runs on pull requests"
    for path, workflow in workflows:
        triggers = workflow.get(True, workflow.get("on"))
        assert "pull_request_target" not in triggers, f"{path.name}: pull_request_target runs with write access"
        scopes = [workflow.get("permissions")] + [job.get("permissions") for job in workflow["jobs"].values()]
        assert scopes[0] is not None, f"{path.name}: set top-level permissions (the default may be write-all)"
        for permissions in filter(None, scopes):
            assert isinstance(permissions, dict), f"{path.name}: permissions {permissions!r}"
            assert set(permissions.values()) <= {"read", "none"}, f"{path.name}: {permissions}"
        assert "secrets." not in path.read_text(encoding="utf-8"), f"{path.name} uses a secret"


def test_codeowners_covers_the_files_that_decide_what_runs() -> None:
    rules = {}
    for line in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            rules[pattern] = owners
    for path in ("/mkdocs.yml", "/docs/", "/.github/", "/.ci/", "/scripts/", "/pyproject.toml"):
        assert rules.get(path), f"CODEOWNERS has no owner for {path}"
    assert not any(p.startswith(("/claims", "/references.bib")) for p in rules)


def test_build_refuses_a_python_tag_without_running_it(valid_kb: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    config = valid_kb / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + f'\nextra:\n  x: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    result = run_argkb("build", "--root", str(valid_kb), "--site-dir", str(valid_kb / "site"), timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "[config-python-tag]" in result.stderr and "MkDocs was not run" in result.stderr
    assert not marker.exists() and not (valid_kb / "site").exists()


def test_repository_config_passes() -> None:
    from argkb.mkdocs_config import check_config

    assert check_config(REPO) == []


def test_build_refuses_a_symlink_out_of_the_repository(valid_kb: Path) -> None:
    (valid_kb / "docs" / "env.md").symlink_to("/proc/self/environ")
    result = run_argkb("build", "--root", str(valid_kb), "--site-dir", str(valid_kb / "site"), timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/env.md:1:1: error [symlink-outside]" in result.stderr
    assert not (valid_kb / "site").exists()


def test_plain_mkdocs_build_never_publishes_a_linked_page(valid_kb: Path, tmp_path: Path) -> None:
    (valid_kb / "docs" / "env.md").symlink_to("/proc/self/environ")
    result = build(valid_kb, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "symlink-outside" in result.stderr
    assert not (tmp_path / "site" / "env").exists()


@pytest.mark.parametrize("case", ["bibtex-key-case-variant", "bibtex-dangling-crossref", "concept-id-index"])
def test_build_stops_cleanly_on_what_would_crash_it(case: str, valid_kb: Path) -> None:
    shutil.copytree(FIXTURES / "invalid" / case / "files", valid_kb, dirs_exist_ok=True)
    expect = yaml.safe_load((FIXTURES / "invalid" / case / "expect.yaml").read_text(encoding="utf-8"))
    result = run_argkb("build", "--root", str(valid_kb), "--site-dir", str(valid_kb / "site"), timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert f"{expect['path']}:{expect['line']}:" in result.stderr and f"[{expect['code']}]" in result.stderr
