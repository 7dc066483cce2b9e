from enum import StrEnum


class Industry(StrEnum):
    EDUCATION = "EDUCATION"
    E_COMMERCE = "E_COMMERCE"
    FINANCE = "FINANCE"
    HEALTHCARE = "HEALTHCARE"
    MANUFACTURING = "MANUFACTURING"
    OTHER = "OTHER"
    SERVICES = "SERVICES"
    TECHNOLOGY = "TECHNOLOGY"

    def __str__(self) -> str:
        return str(self.value)
