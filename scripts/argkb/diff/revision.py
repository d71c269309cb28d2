"""A git revision's knowledge base: `git archive` its files into a temporary folder and load it.

Only the knowledge base's own regular files are written (claims/, references.bib), each by its
checked relative name, so an archived symlink, device or `..` path cannot write outside the folder.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argkb.load import load_kb
from argkb.model import KnowledgeBase
from argkb.render.escape import is_safe_target

KB_PATHS = ("claims/", "references.bib")


class RevisionError(Exception):
    """The revision cannot be read (not a git repository, unknown revision): a usage error."""


def _git(repo: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError as err:
        raise RevisionError("git is not installed") from err
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def resolve(repo: Path, revision: str) -> str:
    """The commit id a revision names (a branch, tag, sha, HEAD~2 ...)."""
    if not revision or revision.startswith("-"):
        raise RevisionError(f"not a revision: {revision!r}")
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except RevisionError:
        raise RevisionError(f"{revision}: no such revision in {repo}") from None


def _wanted(member: tarfile.TarInfo) -> bool:
    parts = member.name.split("/")
    inside = not member.name.startswith("/") and ".." not in parts and "" not in parts
    in_kb = member.name == KB_PATHS[1] or member.name.startswith(KB_PATHS[0])
    return member.isfile() and inside and in_kb


def materialise(repo: Path, revision: str, dest: Path) -> str:
    """Write the knowledge base files of `revision` into `dest`; return the commit id."""
    commit = resolve(repo, revision)
    archive = _git(repo, "archive", "--format=tar", commit)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if _wanted(member):
                target = dest / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                target.write_bytes(source.read() if source else b"")
    (dest / "claims").mkdir(exist_ok=True)  # a revision before the knowledge base: an empty one
    return commit


@contextmanager
def revision_kb(repo: Path, revision: str) -> Iterator[tuple[str, KnowledgeBase]]:
    """(commit id, knowledge base) of a revision, loaded from a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="argkb-diff-") as folder:
        commit = materialise(repo, revision, Path(folder))
        yield commit, load_kb(folder)


_SITE_URL = re.compile(r"^site_url:\s*['\"]?(?P<url>https?://[^\s'\"#]+)", re.MULTILINE)


def site_url(root: Path) -> str:
    """The site_url of root/mkdocs.yml (http or https only), with a trailing slash; '' if none."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    # read with a pattern, not a YAML loader: mkdocs.yml holds !!python tags safe_load refuses
    match = _SITE_URL.search(text)
    return match["url"].rstrip("/") + "/" if match and is_safe_target(match["url"]) else ""
