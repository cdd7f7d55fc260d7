"""Sentences and who speaks in them: segmentation, attribution, the sentence table."""
