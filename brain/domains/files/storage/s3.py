"""S3-compatible storage through boto3, each call in a worker thread.

Why boto3 in a thread and not aiobotocore/aioboto3: boto3 is the reference SDK (and the
client moto's server is built and tested against), it brings no second HTTP stack (aiohttp)
and no lock-step pin on botocore; the calls here are few and coarse (one per 8 MiB part, one
per 64 KiB read), so a thread hop each costs nothing measurable next to the network.

Writes: bytes are gathered into parts of `PART` bytes (the S3 minimum is 5 MiB) and sent as
a multipart upload, so an upload holds at most one part in memory; a file smaller than one
part is a single PUT. The object appears under its key only when the upload completes; an
upload never completed (a killed request) is aborted by `sweep_incomplete`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from urllib.parse import quote

from brain.core.config import Settings
from brain.domains.files.storage import CHUNK, check_key

PART = 8 * 1024 * 1024


class S3Writer:
    def __init__(self, storage: S3Storage, key: str) -> None:
        self.key = key
        self._s3 = storage
        self._buffer = bytearray()
        self._upload_id: str | None = None
        self._parts: list[dict[str, Any]] = []
        self._done = False

    async def write(self, data: bytes) -> None:
        self._buffer += data
        if len(self._buffer) >= PART:
            await self._send_part()

    async def _send_part(self) -> None:
        client, bucket = self._s3.client, self._s3.bucket
        if self._upload_id is None:
            created = await asyncio.to_thread(
                client.create_multipart_upload, Bucket=bucket, Key=self.key
            )
            self._upload_id = created["UploadId"]
        body, self._buffer = bytes(self._buffer), bytearray()
        number = len(self._parts) + 1
        sent = await asyncio.to_thread(
            client.upload_part,
            Bucket=bucket,
            Key=self.key,
            UploadId=self._upload_id,
            PartNumber=number,
            Body=body,
        )
        self._parts.append({"PartNumber": number, "ETag": sent["ETag"]})

    async def commit(self) -> None:
        client, bucket = self._s3.client, self._s3.bucket
        if self._upload_id is None:
            body, self._buffer = bytes(self._buffer), bytearray()
            await asyncio.to_thread(client.put_object, Bucket=bucket, Key=self.key, Body=body)
        else:
            if self._buffer:
                await self._send_part()
            await asyncio.to_thread(
                client.complete_multipart_upload,
                Bucket=bucket,
                Key=self.key,
                UploadId=self._upload_id,
                MultipartUpload={"Parts": self._parts},
            )
        self._done = True

    async def abort(self) -> None:
        if self._done:
            return
        self._done = True
        self._buffer = bytearray()
        if self._upload_id is not None:
            await asyncio.to_thread(
                self._s3.client.abort_multipart_upload,
                Bucket=self._s3.bucket,
                Key=self.key,
                UploadId=self._upload_id,
            )


class S3Storage:
    kind = "s3"

    def __init__(self, client: Any, bucket: str) -> None:
        self.client = client
        self.bucket = bucket

    @classmethod
    def from_settings(cls, settings: Settings) -> S3Storage:
        import boto3
        from botocore.config import Config

        secret = settings.s3_secret_access_key
        client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            aws_access_key_id=settings.s3_access_key_id,
            aws_secret_access_key=secret.get_secret_value() if secret else None,
            # Path-style addressing works with every S3-compatible server (MinIO, moto).
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )
        return cls(client, settings.s3_bucket)

    async def ensure_bucket(self) -> None:
        """Create the bucket if it is missing (tests, a fresh MinIO)."""
        from botocore.exceptions import ClientError

        try:
            await asyncio.to_thread(self.client.head_bucket, Bucket=self.bucket)
        except ClientError:
            await asyncio.to_thread(self.client.create_bucket, Bucket=self.bucket)

    async def writer(self, key: str) -> S3Writer:
        return S3Writer(self, check_key(key))

    async def _get(self, key: str, offset: int, length: int) -> Any:
        return await asyncio.to_thread(
            self.client.get_object,
            Bucket=self.bucket,
            Key=check_key(key),
            Range=f"bytes={offset}-{offset + length - 1}",
        )

    async def read_range(self, key: str, offset: int, length: int) -> bytes:
        if length <= 0:
            return b""
        got = await self._get(key, offset, length)
        data: bytes = await asyncio.to_thread(got["Body"].read)
        return data

    async def stream(self, key: str, offset: int, length: int) -> AsyncIterator[bytes]:
        if length <= 0:
            return
        body = (await self._get(key, offset, length))["Body"]
        try:
            while True:
                data = await asyncio.to_thread(body.read, CHUNK)
                if not data:
                    break
                yield data
        finally:
            await asyncio.to_thread(body.close)

    async def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            await asyncio.to_thread(self.client.head_object, Bucket=self.bucket, Key=check_key(key))
        except ClientError:
            return False
        return True

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=check_key(key))

    async def keys_older_than(self, cutoff: datetime) -> list[str]:
        def scan() -> list[str]:
            keys: list[str] = []
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket):
                keys += [o["Key"] for o in page.get("Contents", []) if o["LastModified"] < cutoff]
            return keys

        return await asyncio.to_thread(scan)

    async def sweep_incomplete(self, cutoff: datetime) -> int:
        def sweep() -> int:
            removed = 0
            pages = self.client.get_paginator("list_multipart_uploads").paginate(Bucket=self.bucket)
            for page in pages:
                for upload in page.get("Uploads", []):
                    if upload["Initiated"] < cutoff:
                        self.client.abort_multipart_upload(
                            Bucket=self.bucket, Key=upload["Key"], UploadId=upload["UploadId"]
                        )
                        removed += 1
            return removed

        return await asyncio.to_thread(sweep)

    async def presigned_url(
        self, key: str, *, filename: str, content_type: str, expires_in: int
    ) -> str | None:
        disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
        url: str = await asyncio.to_thread(
            self.client.generate_presigned_url,
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": check_key(key),
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
            },
            ExpiresIn=expires_in,
        )
        return url
