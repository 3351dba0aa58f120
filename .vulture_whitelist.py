"""Names vulture reports as unused that are used (``vulture`` reads this file with the code).

Section 1 lists false positives: attributes set for python-docx, openpyxl, zipfile and
nbformat objects (read by those libraries when they write the file), names Python itself calls,
names read by the notebooks' cells (generated code) and data fields kept from the catalogue.
Section 2 lists code that is unused today and that its owner is removing (issue 20.3) or is
about to use; delete each line when its name is gone or used.
"""

# ruff: noqa
# fmt: off

# -- 1. false positives ---------------------------------------------------------------------
__getattr__  # module attribute lookup (dongson_analysis/__init__.py)
__dir__  # module dir() (dongson_analysis/__init__.py)
__call__  # Texts(...) (dongson_analysis/l10n.py)
_._  # argparse's gettext (dongson_analysis/cli.py)
show  # chapter.show(...) in the notebooks' cells (dongson_analysis/notebook.py)
interact  # chapter.interact(...) in the notebooks' cells
open_chapter  # in the notebooks' opening cell
load_observations  # a public name, exported lazily (dongson_analysis/__init__.py)
tier  # areas.csv level registry data (dongson_analysis/areas.py)
valid_from  # areas.csv data
valid_to  # areas.csv data
series_group  # indicators.csv data (dongson_analysis/catalogue.py)
_.handle_starttag  # HTMLParser callbacks (tests/test_publish.py)
_.handle_endtag
_.handle_data
# attributes that python-docx, openpyxl, zipfile and nbformat read when they write a file
_.alignment
_.autofit
_.border
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
_.header_distance
_.is_linked_to_previous
_.lastModifiedBy
_.last_modified_by
_.left_indent
_.line_spacing
_.modified
_.paperSize
_.print_title_rows
_.revision
_.right_indent
_.showErrorMessage
_.author

# -- 2. unused today: removed or used by their owners soon (issue 20.3) ----------------------
weighted_lad  # benchmarks/learn_calibration.py (forecast)
emphasis  # Paragraph.emphasis, dongson_analysis/blocks.py (documents)
history_years  # dongson_analysis/charts.py (documents)
review_frame  # dongson_analysis/review.py (documents)
stated_as  # Target.stated_as, dongson_analysis/judgement.py (text)
FLAGS  # dongson_analysis/series.py (text)
PLANNER_FOLDER  # dongson_analysis/records.py (inputs)
find_files  # dongson_analysis/records.py (inputs)
values_are_years  # KindSpec fields the plausibility checks are about to read (kinds.py)
checked_for_slips
slip_below_from
yearly_flow
