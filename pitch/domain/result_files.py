"""The results export and the long scores export (DESIGN, "Files (Contract)").

Titles, startup names and e-mails come in as plain mappings keyed by id, so this module needs
no database. A missing entry writes an empty cell.

- CSV: header row, comma-separated, "\\n" line ends; floats are written in full (Python's
  shortest round-trip form, so at least the 6 significant digits asked and exact on re-reading);
  NaN writes an empty cell; flags are joined with ";".
- JSON (``results_json`` returns a dict for ``json.dumps``): NaN is null, flags is a list of
  flag names, and each judge has judge_id, count (submitted scorecards), mean and std
  (population) of their totals.
"""

from collections.abc import Mapping

import pandas as pd

from pitch.domain.scoring import RoundResult

RESULT_COLUMNS = (
    "rank", "pitch_id", "pitch_title", "startup_name", "judges", "mean", "z_mean", "t_score",
    "trimmed_mean", "median", "score", "flags",
)
SCORE_COLUMNS = (
    "round_id", "pitch_id", "judge_id", "judge_email", "criterion", "weight", "min", "max",
    "score", "status",
)


def results_table(
    result: RoundResult, pitch_titles: Mapping[int, str], startup_names: Mapping[int, str]
) -> pd.DataFrame:
    """The results rows in rank order, with the contract's columns; flags stay tuples."""
    pitches = result.pitches.reset_index()
    return pitches.assign(
        pitch_title=_names(pitches["pitch_id"], pitch_titles),
        startup_name=_names(pitches["pitch_id"], startup_names),
    )[list(RESULT_COLUMNS)]


def results_csv(
    result: RoundResult, pitch_titles: Mapping[int, str], startup_names: Mapping[int, str]
) -> str:
    table = results_table(result, pitch_titles, startup_names)
    table["flags"] = table["flags"].map(";".join)
    return table.to_csv(index=False, lineterminator="\n")


def results_json(
    result: RoundResult,
    round_id: int,
    pitch_titles: Mapping[int, str],
    startup_names: Mapping[int, str],
) -> dict:
    table = results_table(result, pitch_titles, startup_names)
    table["flags"] = table["flags"].map(list)
    judges = result.judges.reset_index().rename(columns={"scorecards": "count"})
    return {
        "round_id": round_id,
        "method": result.method,
        "krippendorff_alpha_interval": result.krippendorff_alpha,
        "pitches": _records(table),
        "judges": _records(judges[["judge_id", "count", "mean", "std"]]),
    }


def scores_long_csv(lines: pd.DataFrame, round_id: int, judge_emails: Mapping[int, str]) -> str:
    """Every score line, drafts included, ordered by pitch then judge (criteria as given)."""
    table = lines.assign(round_id=round_id, judge_email=_names(lines["judge_id"], judge_emails))
    ordered = table.sort_values(["pitch_id", "judge_id"], kind="stable")
    return ordered[list(SCORE_COLUMNS)].to_csv(index=False, lineterminator="\n")


def _names(ids: pd.Series, names: Mapping[int, str]) -> pd.Series:
    return ids.map(dict(names)).astype("str").fillna("")


def _records(table: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values, NaN as None."""
    plain = table.astype(object).where(table.notna(), None)
    return plain.to_dict("records")
