from enum import StrEnum


class SignatureMethod(StrEnum):
    CLICK = "click"
    TYPED = "typed"

    def __str__(self) -> str:
        return str(self.value)
