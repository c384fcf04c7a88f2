"""Focal points' and reviewers' conversations about PII indicators."""
