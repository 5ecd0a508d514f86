"""The `sop` command: check, new, bump, review, history, convert and the editors' workflow."""
