"""A ``postgresql://`` store URL split the way libpq splits it, and shown without its password.

libpq takes the user name and password from before the *first* ``@`` of the URL (when no
``/`` comes earlier); SQLAlchemy's parser and a careless regular expression each pick another
``@``, so a raw ``@`` in a password used to be printed half-masked and its tail looked up as a
host name (sending part of the password to a DNS server). Here a URL whose credentials libpq
and a reader could split differently is refused before anything connects, and the URL itself
is handed to libpq unchanged (apart from SQLAlchemy's ``+driver``), so it is parsed once, by
libpq's rules. Nothing in this module ever returns a password's characters for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)
_DROP_QUERY_PASSWORD = re.compile(r"([?&])password=[^&#]*&?", re.IGNORECASE)

AMBIGUOUS = (
    "the user name or password in this URL holds a raw '@' or '/', so it cannot be told from "
    "the host; percent-encode it ('@' as %40, '/' as %2F, ':' in a user name as %3A), or leave "
    "the password out and set PGPASSWORD or a ~/.pgpass line (docs/team-store.md)"
)


@dataclass(frozen=True)
class SplitUrl:
    """A URL as scheme, credentials and the rest (host, port, database, query)."""

    scheme: str
    userinfo: str | None
    """What comes before the last '@', or None without one."""
    rest: str

    @property
    def ambiguous(self) -> bool:
        """Whether libpq (the first '@' not after a '/') and this split (the last '@')
        could disagree on where the credentials end."""
        return self.userinfo is not None and any(ch in self.userinfo for ch in "@/")

    @property
    def user(self) -> str | None:
        if self.userinfo is None or self.ambiguous:
            return None
        return self.userinfo.split(":", 1)[0]

    @property
    def has_password(self) -> bool:
        return self.userinfo is not None and (self.ambiguous or ":" in self.userinfo)

    def for_libpq(self) -> str:
        """The URL as libpq reads it: ``postgresql://`` without SQLAlchemy's ``+driver``."""
        credentials = f"{self.userinfo}@" if self.userinfo is not None else ""
        return f"postgresql://{credentials}{self.rest}"


def split_url(location: str) -> SplitUrl | None:
    """The URL's parts, or None when ``location`` is not a URL."""
    match = _SCHEME.match(location)
    if match is None:
        return None
    after = location[match.end() :]
    at = after.rfind("@")
    if at < 0:
        return SplitUrl(match.group(1), None, after)
    return SplitUrl(match.group(1), after[:at], after[at + 1 :])


def mask(location: str) -> str:
    """A location fit to print: every password (in the credentials or ``?password=``) as
    ***; credentials that cannot be split safely are all ***."""
    split = split_url(_QUERY_PASSWORD.sub(r"\1***", location))
    if split is None:
        return location
    if split.userinfo is None:
        credentials = ""
    elif split.ambiguous:
        credentials = "***@"
    elif ":" in split.userinfo:
        credentials = f"{split.user}:***@"
    else:
        credentials = f"{split.userinfo}@"
    return f"{split.scheme}://{credentials}{split.rest}"


def strip_password(location: str) -> str:
    """A location fit for a printed command line, without any password: libpq then finds it
    where it belongs (PGPASSWORD, ~/.pgpass) when the command runs."""
    split = split_url(_DROP_QUERY_PASSWORD.sub(r"\1", location).rstrip("?&"))
    if split is None:
        return location
    credentials = f"{split.user}@" if split.user else ""
    return f"{split.scheme}://{credentials}{split.rest}"
