"""The README works as written: its commands, run in a fresh copy with a fresh venv, succeed.

The set-up commands (the indented blocks) and the Commands table are read out of README.md, so
the README cannot drift from what works. Only the test suite itself (the second set-up command's
last step) and the rows that need the network are not run here.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
# what a fresh clone has that a copy of this checkout must leave out
NOT_IN_A_CLONE = {".git", ".venv", "site", "build", "exports", ".hypothesis", ".pytest_cache", ".ruff_cache"}
NOT_IN_A_CLONE |= {".lycheecache", "__pycache__", "links-external.json"}


@dataclass(frozen=True)
class Row:
    command: str
    needs: str

    @property
    def pip_line(self) -> str:
        match = re.search(r"`(\.venv/bin/pip install [^`]+)`", self.needs)
        return match[1] if match else ""


def setup_commands() -> list[str]:
    return re.findall(r"^    (python3 -m venv .+)$", README, re.MULTILINE)


def command_rows() -> list[Row]:
    section = README.split("\n## Commands\n", 1)[1].split("\n#", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 3 and (command := re.fullmatch(r"`([^`]+)`", cells[0])):
            rows.append(Row(command[1].replace("\\|", "|"), cells[1]))
    return rows


def test_the_readme_lists_its_commands_as_they_are_run() -> None:
    assert len(setup_commands()) == 2
    rows = command_rows()
    commands = [row.command for row in rows]
    assert {c.split()[1] for c in commands if c.startswith(".venv/bin/argkb ")} >= {
        *("check", "build", "links", "audit", "export", "diff", "bench"),
    }
    assert all(c.startswith(".venv/bin/") for c in commands), commands
    # a command needing an extra names the pip line that adds it, and argkb prints the same line
    from argkb.build import ENGINE_INSTALL
    from argkb.links import INSTALL

    pip_lines = {row.command: row.pip_line for row in rows}
    assert pip_lines[".venv/bin/argkb links"] == INSTALL
    assert pip_lines[".venv/bin/argkb build --engine properdocs"] == ENGINE_INSTALL["properdocs"]
    serve = next(row for row in rows if row.command == ".venv/bin/mkdocs serve")
    assert serve


def _preview_url() -> str:
    row = README.split("| `.venv/bin/mkdocs serve` |", 1)[1].split("\n", 1)[0]
    return re.search(r"http://127\.0\.0\.1:8000/\S*/", row)[0]  # type: ignore[index]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(command: str, cwd: Path, env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _clone_like_copy(dest: Path) -> None:
    shutil.copytree(REPO, dest, ignore=lambda _dir, names: [n for n in names if n in NOT_IN_A_CLONE])
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", "-C", str(dest), *args], check=True, capture_output=True)


def _serve_answers(command: str, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Start the README's preview command on a free port; (status, body) of its preview URL."""
    port = _free_port()
    url = _preview_url().replace(":8000/", f":{port}/")
    server = subprocess.Popen(
        ["bash", "-c", f"exec {command} -a 127.0.0.1:{port}"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return response.status, response.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None:
                    break
                time.sleep(1)
        server.terminate()
        return 0, server.communicate(timeout=30)[1][-3000:]
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)


@pytest.mark.slow
def test_the_readme_works_as_written_in_a_fresh_venv(tmp_path: Path) -> None:
    root = tmp_path / "argkb"
    _clone_like_copy(root)
    # no venv of ours on PATH: only what the README's commands install may be used
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    build, tests = setup_commands()

    result = _run(build, root, env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert (root / "site" / "index.html").is_file()

    rows = command_rows()
    for row in rows:  # before the extras are in: the command says which pip line adds them
        if row.pip_line and "network" not in row.needs:
            missing = _run(row.command, root, env)
            assert missing.returncode == 2, (row.command, missing.stdout, missing.stderr)
            assert row.pip_line in missing.stderr and "Traceback" not in missing.stderr, missing.stderr

    steps = tests.split(" && ")
    assert steps[-1] == ".venv/bin/python -m pytest"  # the suite runs in CI, not inside itself
    result = _run(" && ".join(steps[:-1]), root, env)
    assert result.returncode == 0, result.stderr[-3000:]

    for row in rows:
        if "network" in row.needs:
            continue
        if row.command.endswith("mkdocs serve"):
            status, body = _serve_answers(row.command, root, env)
            assert status == 200, body
            assert "<title>" in body and "argkb" in body
            continue
        result = _run(row.command, root, env)
        assert result.returncode == 0, (row.command, result.stdout[-2000:], result.stderr[-3000:])
        assert "Traceback" not in result.stderr, result.stderr
