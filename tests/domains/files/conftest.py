from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from brain.core.config import Settings
from brain.domains.files import storage


@pytest.fixture(autouse=True)
def storage_dir(settings: Settings, tmp_path: Path) -> Iterator[Path]:
    """Every test gets an empty local storage folder of its own."""
    saved = (settings.storage_dir, settings.storage_backend)
    settings.storage_dir = tmp_path / "files"
    settings.storage_backend = "local"
    yield settings.storage_dir
    settings.storage_dir, settings.storage_backend = saved


def stored_files(root: Path) -> list[Path]:
    """Every file under the storage folder (objects and staged writes)."""
    if not root.exists():
        return []
    return [Path(d) / f for d, _, files in os.walk(root) for f in files]


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """A real S3-compatible server (moto's) on a free loopback port, for the session."""
    moto = pytest.importorskip("moto.server")
    server = moto.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(settings: Settings, s3_server: str, storage_dir: Path) -> Iterator[storage.Storage]:
    """Switch the app to S3 storage on the moto server, with a fresh bucket."""
    from brain.domains.files.storage.s3 import S3Storage

    names = ("s3_endpoint_url", "s3_bucket", "s3_access_key_id", "s3_secret_access_key")
    saved = {name: getattr(settings, name) for name in names}
    settings.storage_backend = "s3"
    settings.s3_endpoint_url = s3_server
    settings.s3_bucket = f"test-{uuid.uuid4().hex[:12]}"
    settings.s3_access_key_id = "testing"
    settings.s3_secret_access_key = SecretStr("testing")
    adapter = storage.get_storage(settings)
    assert isinstance(adapter, S3Storage)
    adapter.client.create_bucket(Bucket=adapter.bucket)
    yield adapter
    for name, value in saved.items():
        setattr(settings, name, value)
