"""Our own wording for pydantic's validation errors, keyed by pydantic's stable error type.

pydantic's ``msg`` text is free to change between releases; its error ``type`` and ``ctx`` are
part of its documented contract. Every message a user reads is built here from those, so a
dependency upgrade cannot change what a finding says. An error type not listed falls back to
pydantic's message, and ``tests`` pin the types our models can raise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

_VALUE_ERROR_PREFIX = "Value error, "


def _ctx(item: Mapping[str, Any], key: str) -> Any:
    context = item.get("ctx") or {}
    return context.get(key, "?")


_MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "string_type": lambda _: "expected text",
    "int_type": lambda _: "expected a whole number",
    "int_parsing": lambda _: "expected a whole number",
    "int_from_float": lambda _: "expected a whole number",
    "float_type": lambda _: "expected a number",
    "float_parsing": lambda _: "expected a number",
    "bool_type": lambda _: "expected true or false",
    "bool_parsing": lambda _: "expected true or false",
    "list_type": lambda _: "expected a list",
    "tuple_type": lambda _: "expected a list",
    "dict_type": lambda _: "expected a mapping of fields",
    "model_type": lambda _: "expected a mapping of fields",
    "model_attributes_type": lambda _: "expected a mapping of fields",
    "none_required": lambda _: "expected no value",
    "literal_error": lambda item: f"expected {_ctx(item, 'expected')}",
    "enum": lambda item: f"expected {_ctx(item, 'expected')}",
    "greater_than": lambda item: f"must be more than {_ctx(item, 'gt')}",
    "greater_than_equal": lambda item: f"must be at least {_ctx(item, 'ge')}",
    "less_than": lambda item: f"must be less than {_ctx(item, 'lt')}",
    "less_than_equal": lambda item: f"must be at most {_ctx(item, 'le')}",
    "too_short": lambda item: (
        f"needs at least {_ctx(item, 'min_length')} item(s), has {_ctx(item, 'actual_length')}"
    ),
    "too_long": lambda item: (
        f"allows at most {_ctx(item, 'max_length')} item(s), has {_ctx(item, 'actual_length')}"
    ),
    "string_too_short": lambda item: f"needs at least {_ctx(item, 'min_length')} character(s)",
    "string_too_long": lambda item: f"allows at most {_ctx(item, 'max_length')} characters",
    "string_pattern_mismatch": lambda item: f"must match the pattern {_ctx(item, 'pattern')}",
    "datetime_type": lambda _: "expected a date and time",
    "datetime_parsing": lambda _: "expected a date and time (ISO 8601)",
    "datetime_from_date_parsing": lambda _: "expected a date and time (ISO 8601)",
    "date_type": lambda _: "expected a date",
    "date_parsing": lambda _: "expected a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": lambda _: "expected a date (YYYY-MM-DD)",
    "union_tag_invalid": lambda item: f"expected one of {_ctx(item, 'expected_tags')}",
    "union_tag_not_found": lambda item: f"needs the field {_ctx(item, 'discriminator')}",
    "missing": lambda _: "required field missing",
    "extra_forbidden": lambda _: "unknown field",
}

KNOWN_TYPES = frozenset(_MESSAGES)


def describe(item: Mapping[str, Any]) -> str:
    """The message for one entry of ``ValidationError.errors()``, in our own words.

    ``value_error`` carries a message our own validators wrote, so it is kept as written.
    """
    kind = str(item.get("type", ""))
    if kind == "value_error":
        return str(item.get("msg", "")).removeprefix(_VALUE_ERROR_PREFIX)
    build = _MESSAGES.get(kind)
    if build is not None:
        return build(item)
    return str(item.get("msg", kind)).removeprefix(_VALUE_ERROR_PREFIX)
