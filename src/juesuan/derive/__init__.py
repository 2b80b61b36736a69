"""Report → printed values: 舍位平衡 rounding and the disclosure tables (pure functions)."""

from .accounts import Accounts, derive_accounts
from .tables import build_tables

__all__ = ["Accounts", "derive_accounts", "build_tables"]
