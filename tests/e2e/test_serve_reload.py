"""`mkdocs serve` keeps the hooks module between rebuilds and calls on_config before each:
every rebuild must run fresh sopmodel modules, so that code and glossary edits show."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from build_support import make_project

SCRIPT = textwrap.dedent(
    """
    import sys
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml")
    hooks = [plugin for plugin in config.plugins.values() if hasattr(plugin, "on_config")][-1]
    hooks.on_config(config)
    old = sys.modules["sopmodel.site.build"]
    old_glossary = sys.modules["sopmodel.site.search.glossary"].load_glossary
    hooks.on_config(load_config("mkdocs.yml"))  # what `mkdocs serve` does before a rebuild
    new = sys.modules["sopmodel.site.build"]
    new_glossary = sys.modules["sopmodel.site.search.glossary"].load_glossary
    print(old is new, hooks.site is new, isinstance(hooks.build, new.SiteBuild), old_glossary is new_glossary)
"""
)


def test_every_configuration_load_imports_sopmodel_afresh(tmp_path):
    project = make_project(tmp_path)
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=project, capture_output=True, text=True, check=False)
    assert result.stderr == ""
    assert result.stdout == "False True True False\n"
