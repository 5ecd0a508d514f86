"""Run the examples in the sopmodel docstrings (the README's examples are tested elsewhere)."""

import doctest
import importlib
import pkgutil

import pytest

import sopmodel

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(sopmodel.__path__, "sopmodel.") if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
