"""The render stage: pages, navigation, dashboard, search, feed, PDFs and what runs after the build.

`build.SiteBuild` is the one entry point; `hooks.py` (MkDocs) calls it in-process. HTML
comes from the autoescaped templates in `templates/`.
"""
