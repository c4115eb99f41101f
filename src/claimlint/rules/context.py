"""What a rule's check() receives."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Claim, Document

if TYPE_CHECKING:
    from ..config import Settings


@dataclass
class Context:
    doc: Document
    claims: list[Claim]
    settings: "Settings"
    archive: list[tuple[Document, list[Claim]]] = field(default_factory=list)
