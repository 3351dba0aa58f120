"""dongson_analysis: Đông Sơn district's socio-economic indicators, 2016–2025.

Data flow: sources -> validated tables (:mod:`records`) -> trends and projections
(:mod:`projection`) -> target judgements (:mod:`targets`) -> text and charts
(:mod:`narrative`, :mod:`charts`) -> notebooks (:mod:`report`).
"""

from .catalogue import Catalogue, Indicator, catalogue
from .records import load_observations, select_series, validate_paths

__all__ = ["Catalogue", "Indicator", "catalogue", "load_observations", "select_series", "validate_paths"]
__version__ = "0.1.0"
