from enum import StrEnum


class SignerRole(StrEnum):
    APPROVER = "APPROVER"
    CC = "CC"
    SIGNER = "SIGNER"
    VIEWER = "VIEWER"

    def __str__(self) -> str:
        return str(self.value)
