"""The SOP model and site: front matter, review, history, pages and the `sop` command."""
