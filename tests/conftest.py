from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture
def valid_kb(tmp_path: Path) -> Path:
    """A writable copy of the small valid knowledge base."""
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def run_argkb(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as an editor or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "argkb", *args], capture_output=True, text=True, timeout=timeout, **kwargs
    )
