"""Writers: the report as XLSX, JSON, text, HTML/PDF and DOCX, and findings.

Import the module you need (``render.xlsx``, ``render.html`` …): they load fonts, plotting and
spreadsheet libraries, which a command that only checks a report should not pay for.
"""
