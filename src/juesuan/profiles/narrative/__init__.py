"""情况说明 sentence templates, one TOML file per profile (editable text, no code)."""
