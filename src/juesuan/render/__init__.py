"""Writers: derived tables → XLSX workbook and machine-readable JSON."""

from .tables_json import tables_json
from .xlsx import write_tables_xlsx

__all__ = ["tables_json", "write_tables_xlsx"]
