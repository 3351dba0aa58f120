"""Every name the package exports documents itself in numpydoc form (issue 20.4).

Functions list their Parameters and Returns, classes their Parameters or Attributes; the
methods taken from a paper or a standard name it under References."""

from __future__ import annotations

import inspect

import pytest

import dongson_analysis

EXPORTED = [
    (name, getattr(dongson_analysis, name))
    for name in dongson_analysis.__all__
    if callable(getattr(dongson_analysis, name))
]

#: Exported names whose method comes from a paper or a standard.
WITH_REFERENCES = {"project", "project_all", "Projection", "judge_targets", "propose_targets"}


def sections(obj) -> set[str]:
    doc = inspect.getdoc(obj) or ""
    lines = doc.splitlines()
    return {
        lines[i].strip()
        for i in range(len(lines) - 1)
        if lines[i + 1].strip() and set(lines[i + 1].strip()) == {"-"}
    }


@pytest.mark.parametrize(("name", "obj"), EXPORTED, ids=[n for n, _ in EXPORTED])
def test_an_exported_name_has_numpydoc_sections(name, obj):
    found = sections(obj)
    if inspect.isclass(obj):
        assert found & {"Parameters", "Attributes"}, f"{name}: no Parameters or Attributes"
    else:
        if inspect.signature(obj).parameters:
            assert "Parameters" in found, f"{name}: no Parameters"
        assert "Returns" in found, f"{name}: no Returns"
    if name in WITH_REFERENCES:
        assert "References" in found, f"{name}: no References"
