"""The registries are the one place for kinds, judgement rules, statuses and levels: no module
compares their names, each has words in every language, and a new kind is one entry and its words.

Data named ``SYN`` is synthetic (made up for the tests), never shipped.
"""

from __future__ import annotations

import ast

import pytest
from conftest import REPO, SYNTHETIC_CATALOGUE_DIR

from dongson_analysis.areas import LEVELS
from dongson_analysis.judgement import JUDGEMENT_STATUSES, RULE_SPECS
from dongson_analysis.kinds import CHANGE_UNITS, KINDS, KindSpec
from dongson_analysis.l10n import LANGUAGES, catalog, flatten

PACKAGE = REPO / "dongson_analysis"
#: Names a module outside the registries must not compare a value with.
REGISTRY_NAMES = set(KINDS) | set(RULE_SPECS)
#: The registries themselves: the whole module, or the named functions of a module.
REGISTRIES = {"kinds.py": None, "judgement.py": {"rule_for"}}
#: Words a compared expression names when it is a kind or a rule (``j.rule``, ``r["kind"]``,
#: ``spec.judgement_rule``, ``family``).
SUBJECTS = ("kind", "rule", "family")
#: Modules of other owners that still compared names when this test was written, and what they
#: should read instead. Each is an expected failure until its owner fixes it; then remove it.
STILL_COMPARING: dict[str, str] = {}


def _names_in(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return set().union(*(_names_in(e) for e in node.elts)) if node.elts else set()
    return set()


def comparisons(path) -> list[str]:
    """Every comparison of a kind or rule with a registry name in a module, as ``line: source``."""
    source = path.read_text("utf-8")
    tree = ast.parse(source)
    allowed = REGISTRIES.get(path.name, set())
    if path.name in REGISTRIES and allowed is None:
        return []
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in (allowed or set()):
            exempt |= {n.lineno for n in ast.walk(node) if hasattr(n, "lineno")}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare) or node.lineno in exempt:
            continue
        operands = [node.left, *node.comparators]
        for i, operand in enumerate(operands):
            names = _names_in(operand) & REGISTRY_NAMES
            if not names:
                continue
            others = [
                ast.get_source_segment(source, o) or "" for j, o in enumerate(operands) if j != i
            ]
            if any(word in other for other in others for word in SUBJECTS):
                found.append(f"{path.name}:{node.lineno}: {ast.get_source_segment(source, node)}")
    return found


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        name = str(path.relative_to(PACKAGE))
        marks = ()
        if name in STILL_COMPARING:
            marks = pytest.mark.xfail(reason=STILL_COMPARING[name], strict=False)
        yield pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("path", list(_modules()))
def test_no_module_outside_the_registries_compares_a_kind_or_rule_name(path):
    assert comparisons(path) == []


def test_the_check_finds_a_comparison(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text(
        'def f(j, r, ind):\n    if j.rule == "every_year":\n        pass\n'
        '    if r["kind"] in ("level", "count"):\n        pass\n'
        '    if "count" in params:\n        pass\n'
        '    return ind.spec.judgement_rule != "cumulative"\n',
        encoding="utf-8",
    )
    found = comparisons(module)
    assert [line.split(":")[1] for line in found] == ["2", "4", "8"]


FLAT = {lang: flatten(catalog(lang)) for lang in LANGUAGES}


def _has(lang: str, key: str) -> bool:
    return key in FLAT[lang] or any(k.startswith(key + ".") for k in FLAT[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_status_rule_and_level_has_words(lang):
    missing = [f"cli.kind.{k}" for k in KINDS if not _has(lang, f"cli.kind.{k}")]
    missing += [f"status.{s}" for s in JUDGEMENT_STATUSES if not _has(lang, f"status.{s}")]
    outcomes = [s for s, spec in JUDGEMENT_STATUSES.items() if spec.family == "outcome"]
    for rule in RULE_SPECS.values():
        missing += [
            f"{rule.outcome_key}_{s}" for s in outcomes if not _has(lang, f"{rule.outcome_key}_{s}")
        ]
        if not any(k.startswith(rule.progress_key) for k in FLAT[lang]):
            missing.append(rule.progress_key)
    words = {k.split(".", 2)[2] for k in FLAT["vi"] if k.startswith("levels.huyen.")}
    for level in LEVELS:
        missing += [
            f"levels.{level}.{w}" for w in sorted(words) if not _has(lang, f"levels.{level}.{w}")
        ]
    for unit in CHANGE_UNITS[:3]:
        key = f"change.{unit}_per_year"
        if not _has(lang, key):
            missing.append(key)
    assert missing == []


def test_a_kind_with_an_unknown_change_unit_is_refused():
    with pytest.raises(ValueError, match="change unit 'per cent'"):
        KindSpec("odd", "log", False, True, "per cent", "level")  # type: ignore[arg-type]


def test_a_ratio_bounded_below_changes_in_percent_one_between_bounds_in_points():
    ratio = KINDS["ratio"]
    assert ratio.change_unit_for(0.0, float("nan")) == "percent"
    assert ratio.change_unit_for(0.0, 19.0) == "points"
    assert ratio.change_unit_for() == "points"
    assert KINDS["level"].change_unit_between(0.0, 5.0) == "units"
    assert KINDS["milestone"].change_unit_for() == "none"


# -- a new kind is one registry entry and its words ---------------------------------------------

INDEX = KindSpec("index", "log", False, True, "percent", "level", slip_below_from=0.0)


@pytest.fixture
def index_kind(tmp_path, monkeypatch):
    """The kind "index" (base 100) added at test time: one registry entry and its words, and a
    synthetic indicator of that kind in a copy of the catalogue.
    """
    import shutil

    monkeypatch.setitem(KINDS, "index", INDEX)
    for lang, word in (("vi", "chỉ số"), ("en", "index")):
        monkeypatch.setitem(catalog(lang)["cli"]["kind"], "index", word)
    folder = tmp_path / "data"
    shutil.copytree(SYNTHETIC_CATALOGUE_DIR, folder / "catalogue")
    with (folder / "catalogue" / "indicators.csv").open("a", encoding="utf-8") as f:
        f.write(
            "price_index_syn,index (2015=100),index,none,0,,not_applicable,economy,1,economy,"
            ",,,,,,synthetic test indicator\n"
        )
    with (folder / "catalogue" / "units.csv").open("a", encoding="utf-8") as f:
        f.write("index (2015=100),index_2015,1\n")
    with (folder / "catalogue" / "names.csv").open("a", encoding="utf-8") as f:
        f.write(
            "indicator,price_index_syn,vi,,Chỉ số giá (tổng hợp)\n"
            "indicator,price_index_syn,en,,Price index (synthetic)\n"
            "unit,index (2015=100),vi,,chỉ số (2015=100)\n"
            "unit,index (2015=100),en,,index (2015=100)\n"
        )
    (folder / "sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\nSYN,Synthetic test data (not real),"
        "2026,,made up\n",
        encoding="utf-8",
    )
    rows = [
        f"huyen_thu,price_index_syn,index (2015=100),{y},{v},actual,SYN,"
        for y, v in zip(range(2015, 2021), (100, 103.1, 106.0, 109.9, 112.4, 116.0))
    ]
    (folder / "figures.csv").write_text(
        "area,indicator,unit,period,value,status,source_id,qualifier\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return folder


def test_a_new_kind_runs_the_indicators_command_and_an_analysis(index_kind, monkeypatch, capsys):
    from dongson_analysis import Settings, cli, run_analysis
    from dongson_analysis.l10n import texts_for
    from dongson_analysis.wording import history_paragraph, projection_paragraph

    monkeypatch.setattr(cli, "bundled_data_dir", lambda: index_kind)
    assert cli.main(["--lang", "en", "indicators", "--wide"]) == 0
    assert "price_index_syn" in capsys.readouterr().out
    analysis = run_analysis(
        Settings((index_kind,), index_kind / "catalogue", area="huyen_thu", area_name="Thử")
    )
    assert "price_index_syn" in analysis.projections
    en = texts_for("en")
    text = history_paragraph(en, analysis, analysis.series["price_index_syn"])
    assert "% a year" in text
    assert "2025" in projection_paragraph(
        en, analysis, "price_index_syn", analysis.projections["price_index_syn"]
    )
