"""The store: reading and validating commitments files, and writing them back safely."""
