"""The old name of :mod:`dongson_analysis.publish.notebook_files` (issue 20.3: it collided with
:mod:`dongson_analysis.notebook`), kept only while ``cli.py`` and ``publish/regenerate.py`` still
import it from here; delete this module once they import ``notebook_files``.
"""

from .notebook_files import (  # noqa: F401
    ChapterRunError,
    build_notebook,
    interactive_sections,
    run_notebooks,
    write_notebook,
)
