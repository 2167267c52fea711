"""Checks on a loaded bank, one concern a module, over one shared :class:`Context`."""
