"""Generate the typed Python client, clients/python, from the committed OpenAPI schema
(docs/reference/openapi.json, written by `brain docs`), with openapi-python-client (a dev
dependency, pinned in pyproject.toml). `make client` runs it; tests/test_client.py runs it into
a temporary folder and fails when the committed client differs (stale) or when the generator
warns about anything in the schema (a warning means an operation or a model was dropped).

    python clients/generate.py [--schema PATH] [--out FOLDER]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "docs" / "reference" / "openapi.json"
CONFIG = ROOT / "clients" / "python-config.yaml"
OUT = ROOT / "clients" / "python"


class GenerationWarning(RuntimeError):
    """openapi-python-client said more than that it generated the client."""


def generate(schema: Path = SCHEMA, out: Path = OUT) -> None:
    """Write the client for `schema` into `out` (replaced whole)."""
    bin_dir = Path(sys.executable).parent  # ruff, for the generator's post hooks
    with tempfile.TemporaryDirectory(prefix="brain-client-") as scratch:
        target = Path(scratch) / "python"
        done = subprocess.run(
            [
                str(bin_dir / "openapi-python-client"),
                "generate",
                "--path",
                str(schema),
                "--config",
                str(CONFIG),
                "--meta",
                "uv",
                "--output-path",
                str(target),
            ],
            capture_output=True,
            text=True,
            check=False,
            env=os.environ | {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
        )
        said = [
            line
            for line in (done.stdout + done.stderr).splitlines()
            if line.strip() and not line.startswith("Generating ")
        ]
        if done.returncode != 0 or said:
            raise GenerationWarning("\n".join(said) or f"exit code {done.returncode}")
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(target, out, ignore=shutil.ignore_patterns(".ruff_cache"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", type=Path, default=SCHEMA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    generate(args.schema, args.out)
    sys.stdout.write(f"wrote {args.out}\n")


if __name__ == "__main__":
    main()
