"""PII indicators: assignments, submissions and evidence, the catalogue, progress."""
