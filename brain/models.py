"""Every table of the Brain, imported so `SQLModel.metadata` is complete for Alembic.

The outbox tables are the core's; each installed domain's manifest names its models module
(importing the manifest imported it).
"""

from types import ModuleType

from sqlmodel import SQLModel

from brain.core import models as core_models
from brain.installed import DOMAINS

MODEL_MODULES: list[ModuleType] = [
    core_models,
    *(domain.models for domain in DOMAINS if domain.models is not None),
]

metadata = SQLModel.metadata
