"""Every bad input in tests/fixtures/invalid/ yields its exact diagnostic code and line.

A case is a folder: `files/` overlays the valid fixture knowledge base, `expect.yaml` names
the code, path and line the checker must report. The checker runs as a real process, bounded
in time and memory, and must exit 1 without a traceback.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import time
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, run_argkb

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
LINE_FORMAT = re.compile(r"^[^:\s]+:\d+:\d+: (error|warning) \[[a-z0-9-]+\] .+$")
MEMORY_LIMIT = 1 << 30  # 1 GiB of address space is plenty for any claims file


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def materialise(case: Path, root: Path) -> dict:
    shutil.copytree(FIXTURES / "valid", root)
    if (case / "files").exists():
        shutil.copytree(case / "files", root, dirs_exist_ok=True)
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    for rel in expect.get("delete", []):
        (root / rel).unlink()
    for rel, target in expect.get("symlinks", {}).items():
        # made here, not committed: copytree would follow a committed link. A target written
        # "OUTSIDE/name" is a file next to the knowledge base, i.e. outside the repository.
        if target.startswith("OUTSIDE/"):
            outside = root.parent / target.removeprefix("OUTSIDE/")
            outside.write_text((FIXTURES / "valid" / "claims" / "02-trust.yaml").read_text(encoding="utf-8"))
            target = str(outside)
        (root / rel).unlink(missing_ok=True)
        (root / rel).symlink_to(target)
    if generate := expect.get("generate"):
        # too big to commit: a valid-looking YAML comment line repeated to the size asked
        line = b"# padding padding padding padding padding padding padding padding\n"
        (root / generate["path"]).write_bytes(b"schema: 2\n" + line * (generate["bytes"] // len(line)))
    return expect


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_case(case: Path, tmp_path: Path) -> None:
    root = tmp_path / "kb"
    expect = materialise(case, root)

    started = time.perf_counter()
    result = run_argkb("check", "--root", str(root), "--format", "json", timeout=20, preexec_fn=_limit_memory)
    assert time.perf_counter() - started < 10, "each bad input must be rejected in bounded time"
    # a warning-only case (an argument-lint finding) is reported but does not fail the check
    assert result.returncode == (0 if expect.get("severity") == "warning" else 1), result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    found = json.loads(result.stdout)["diagnostics"]
    located = [(d["code"], d["path"], d["line"]) for d in found]
    assert (expect["code"], expect["path"], expect["line"]) in located, located
    wanted = (expect["code"], expect["path"], expect["line"])
    severities = {d["severity"] for d in found if (d["code"], d["path"], d["line"]) == wanted}
    assert severities == {expect.get("severity", "error")}, severities
    for code in expect.get("absent", []):  # follow-on errors the real one must not be buried under
        assert code not in {d["code"] for d in found}, located
    if "message" in expect:  # the words the message must contain, e.g. the character it names
        messages = [d["message"] for d in found if (d["code"], d["path"], d["line"]) == wanted]
        assert any(expect["message"] in m for m in messages), messages

    text = run_argkb("check", "--root", str(root), timeout=20, preexec_fn=_limit_memory)
    lines = text.stdout.strip().splitlines()
    assert all(LINE_FORMAT.match(line) for line in lines[:-1]), lines
    assert lines[-1].startswith("argkb check: ")
