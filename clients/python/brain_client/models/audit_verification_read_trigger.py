from enum import StrEnum


class AuditVerificationReadTrigger(StrEnum):
    API = "api"
    JOB = "job"

    def __str__(self) -> str:
        return str(self.value)
