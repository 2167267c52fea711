"""The interactive flow: one question a screen, single keys, every answer saved as given.

``flow`` (the pure state machine) and ``choice`` know nothing of terminals or rich;
``keys`` names the keys they understand; ``effects`` is what they hand on and where it goes;
``screens`` renders them with rich; ``runner`` joins a key source, the screens and a sink.
Reading keys from a console is ``cxo_diag.keys``; the terminal around it, ``terminal_keys``.
"""
