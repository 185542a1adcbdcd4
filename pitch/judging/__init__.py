"""The judges' side: panel, conflicts, assignment, scorecards, and their control."""
