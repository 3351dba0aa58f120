"""Test-session rules for the whole repository (the tests' own fixtures are in tests/conftest.py).

The stored notebooks, run by nbval, count as slow: ``pytest -m "not slow"`` (the quick loop for
development) leaves them out; the README's test command and ``.ci/run`` run them.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
