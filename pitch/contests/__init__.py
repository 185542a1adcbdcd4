"""Contests: the secretariat's set-up (timeline, rounds, rubric, state) and the public page."""
