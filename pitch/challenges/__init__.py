"""Challenges (行政課題): posted by bureaus, read by everyone, asked about by startups."""
