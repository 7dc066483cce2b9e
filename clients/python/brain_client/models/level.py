from enum import StrEnum


class Level(StrEnum):
    NIGHT_WATCHER = "NIGHT_WATCHER"
    OWLET = "OWLET"
    SKY_MASTER = "SKY_MASTER"
    WISE_OWL = "WISE_OWL"

    def __str__(self) -> str:
        return str(self.value)
