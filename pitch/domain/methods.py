"""The aggregation methods a contest may rank by (DESIGN.md, "Scoring and aggregation").

Apart from pitch.domain.scoring so that offering the choice (the `pitch results --method`
option) does not import pandas at every start of the command.
"""

METHODS = ("mean", "z_mean", "trimmed_mean", "median")
