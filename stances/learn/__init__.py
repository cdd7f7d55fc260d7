"""The classifier: training data, features, model, evaluation, persistence."""
