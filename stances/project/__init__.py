"""The inputs, read and checked once: codebook, articles and hand labels."""
