"""The Diagnosis models, re-exported where reports have always imported them from.

They live in ``cxo_diag.scoring.model`` (scoring makes them; report reads them, never the
reverse); new code should import them from there.
"""

from cxo_diag.scoring.model import *  # noqa: F403
from cxo_diag.scoring.model import __all__  # noqa: F401
