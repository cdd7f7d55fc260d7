"""Statements: the model and the hand labels applied to a corpus; what to label next."""
