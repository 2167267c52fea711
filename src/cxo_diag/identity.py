"""Who a respondent is: names compared as people read them, not as code points.

"José" typed on one keyboard (é as one code point) and on another (e + a combining accent),
or "José" with a zero-width space pasted in, look identical on every screen and in every
report; compared as code points they were two people of one role. A respondent's identity
is the name after Unicode normalisation (NFKC), with invisible characters (zero-width,
bidirectional marks and controls, other format characters) removed and runs of spaces
folded. Names are kept and shown as they were given (reports make invisible characters
visible, ``text.clean``); every comparison (the same respondent in a round, in an import,
in the files given to ``score``, on ``--respondent``) goes through :func:`person_key`.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]"
)


def person_key(name: str) -> str:
    """What two names must share to be the same person: normalised, without invisible
    characters, single spaces, trimmed."""
    visible = _INVISIBLE.sub("", unicodedata.normalize("NFKC", name))
    return " ".join(visible.split())
