"""Question banks: the model, the YAML loader with positions, and the checks."""
