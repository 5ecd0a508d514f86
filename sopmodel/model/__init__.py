"""The model: front matter, schema, validation, review dates, collection, settings and changelog.

Typed objects after validation. No HTML and no MkDocs here: the site and the command line
build on this layer, never the other way round.
"""
