"""cxo-diag: diagnose conflict between C-suite leaders and recommend practices."""

__version__ = "0.1.0"
__all__ = ["__version__"]
