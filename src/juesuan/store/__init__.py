"""The corpus: many reports in one DuckDB file — ingest, compare, export, SQL."""
