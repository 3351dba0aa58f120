"""Names vulture reports as unused that are used (``vulture`` reads this file with the code).

Section 1 lists false positives: attributes set for python-docx, openpyxl, zipfile and
nbformat objects (read by those libraries when they write the file), names Python and pytest
call, names read by the notebooks' cells (generated code), data fields kept from the catalogue,
and public names only the tests and benchmarks read (``vulture dongson_analysis
.vulture_whitelist.py`` reads the package alone; ``.ci/run`` reads the tests too).
Section 2 lists code that is unused today and that its owner is removing (issue 20.3) or is
about to use; delete each line when its name is gone or used.
"""

# ruff: noqa
# fmt: off

# -- 1. false positives ---------------------------------------------------------------------
__getattr__  # module attribute lookup (dongson_analysis/__init__.py)
__dir__  # module dir() (dongson_analysis/__init__.py)
__call__  # Texts(...) (dongson_analysis/l10n.py)
show  # chapter.show(...) in the notebooks' cells (dongson_analysis/notebook.py)
interact  # chapter.interact(...) in the notebooks' cells
open_chapter  # in the notebooks' opening cell
tier  # areas.csv level registry data (dongson_analysis/areas.py)
valid_from  # areas.csv data
valid_to  # areas.csv data
_.handle_starttag  # HTMLParser callbacks (tests/test_publish.py)
_.handle_endtag
_.handle_data
pytest_configure  # a pytest hook (tests/conftest.py)
pytestmark  # read by pytest (tests/test_generated_files.py)
outcome_status  # LookBackRow data: the status of the figure a projection is set against
# public names the tests and benchmarks read (the package alone does not)
register_language  # dongson_analysis/l10n.py: a language added at run time
unregister_language
placeholders  # dongson_analysis/l10n.py
later_observations  # Analysis.later_observations (dongson_analysis/analysis.py)
category_verdicts  # BenchmarkResults.category_verdicts (dongson_analysis/benchmark_results.py)
path_shape  # Projection.path_shape (dongson_analysis/projection.py)
BASE_KINDS  # dongson_analysis/proposals.py
summarise  # dongson_analysis/summary.py
# attributes that python-docx, openpyxl, zipfile and nbformat read when they write a file
_.alignment
_.all_caps
_.author
_.writeable  # numpy array flags (dongson_analysis/series.py)
_.autofit
_.base_style
_.border
_.bottom_margin
_.comment
_.compress_type
_.create_system
_.created
_.creator
_.different_first_page_header_footer
_.errorStyle
_.execution_count
_.external_attr
_.first_line_indent
_.fitToHeight
_.fitToPage
_.fitToWidth
_.freeze_panes
_.header_distance
_.highlight_color
_.is_linked_to_previous
_.last_modified_by
_.lastModifiedBy
_.left_indent
_.left_margin
_.line_spacing
_.modified
_.orientation
_.outputs
_.page_break_before
_.page_height
_.page_width
_.paperSize
_.print_title_rows
_.quotePrefix
_.revision
_.rgb
_.right_indent
_.right_margin
_.showErrorMessage
_.top_margin

# -- 2. unused today: removed or used by their owners soon (issue 20.3) ----------------------
_.count_family  # LookBackRow.count_family, dongson_analysis/summary.py
alone_scale  # an unpacked value the test does not read (tests/test_forecast_core.py, forecast)
