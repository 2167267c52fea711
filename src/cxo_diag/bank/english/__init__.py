"""The English toolkit the wording lints use: heuristics over plain English, one concern a
module, chosen to stay quiet on good, neutral items (a false alarm teaches authors to ignore
the linter). docs/instrument-quality.md lists every rule, its word lists and its known blind
spots. Nothing here knows about banks; ``cxo_diag.bank.checks.wording`` applies it."""
