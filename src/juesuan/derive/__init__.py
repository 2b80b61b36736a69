"""Report → printed values: 舍位平衡 rounding, the disclosure tables and the Document (pure functions)."""

from .accounts import Accounts, derive_accounts
from .document import build_document
from .tables import build_tables

__all__ = ["Accounts", "build_document", "build_tables", "derive_accounts"]
