"""The getting-started page's journey runs as written: its `bash` blocks, in order, in one shell,
against a real `brain serve`, print what the page says they print."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.servers import brain_server

PAGE = Path(__file__).resolve().parents[1] / "docs" / "getting-started.md"
BLOCK = re.compile(r"^```bash\n(.*?)^```$", re.MULTILINE | re.DOTALL)

pytestmark = pytest.mark.slow


def journey_script() -> str:
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("## A first user journey", 1)[1].split("\n## ", 1)[0]
    blocks = BLOCK.findall(section)
    assert len(blocks) >= 5, "the journey's bash blocks are missing from getting-started.md"
    return "set -euo pipefail\n" + "\n".join(blocks)


def test_the_journey_on_the_getting_started_page_runs_as_written() -> None:
    if shutil.which("curl") is None or shutil.which("jq") is None:
        pytest.skip("the page's journey needs curl and jq on the PATH")
    with brain_server() as url:
        result = subprocess.run(
            ["bash", "-c", journey_script()],
            env={"PATH": os.environ["PATH"], "BRAIN": url, "HOME": os.environ.get("HOME", "/tmp")},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr + result.stdout
    lines = result.stdout.splitlines()

    first_transfer, replay = lines[3], lines[4]
    assert lines[:3] == ["GUEST", "MEMBER", "1000.00"]
    assert first_transfer == replay, "the replayed transfer is not the same transfer"
    assert first_transfer.endswith(" 25.00 fee 0.03")
    assert lines[5:] == ["COMPLIANCE_REQUIRED: BTS, BPP"]
