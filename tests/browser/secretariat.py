"""The secretariat's journey: its world, the admin's recurring steps, the score sheet files.

The world is a contest whose applications have just closed.

Five startups submitted one pitch each to two bureaus' challenges; four judges accepted and
declared their conflicts, the last of them a conflict with startup A. Each pitch gets two
judges. Every judge gives a pitch the same score on each criterion:

    screening   A 5   B 4   C 3   D 2   E 1     (so the ranking is A, B, C, D, E)
    final       A 3   C 5                       (C, shortlisted by the secretariat, wins)
"""

import csv
import io
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import openpyxl

from pitch.extensions import db
from pitch.judging.operations import save_scorecard
from pitch.models import Assignment, Contest, Pitch, Round, User
from pitch.models.types import utcnow
from tests import factories
from tests.browser.journeys import Person, capture, row_headed
from tests.judging.helpers import add_conflict, make_judge

STARTUPS = (  # startup, pitch title, screening score
    ("防災テック株式会社", "避難所の混雑マップ", 5),
    ("みらい水位ラボ", "河川水位のAI警報", 4),
    ("ドローン測量合同会社", "ドローンによる被害調査", 3),
    ("まちケア", "要支援者の見守り", 2),
    ("オープン防災", "防災オープンデータ連携", 1),
)
FINAL_SCORES = {"防災テック株式会社": 3, "ドローン測量合同会社": 5}


@dataclass
class World:
    contest: Contest
    screening: Round
    final: Round
    admin: User
    judges: list[User]
    conflicted: User
    pitches: dict[str, Pitch]  # by startup name
    score_of: dict[int, int]  # screening score by pitch id
    final_score_of: dict[int, int]

    def ranking(self, scores: dict[int, int]) -> list[str]:
        """Title and startup of each pitch, best first, as a ranking table's row headers read."""
        pitches = {pitch.id: pitch for pitch in self.pitches.values()}
        return [f"{pitches[pitch_id].title}\n{pitches[pitch_id].startup.name}"
                for pitch_id in sorted(scores, key=scores.get, reverse=True)]


class Secretariat(Person):
    """The admin's browser, with the secretariat's recurring steps."""

    def __init__(self, page, world, lang: str):
        super().__init__(page, lang)
        self.world = world

    def round_page(self, round_, link: str) -> None:
        """From the judging menu, a link in the round's row (assignment, progress)."""
        self.menu("Judging")
        row = row_headed(self.page, round_.name(self.lang))
        row.get_by_role("link", name=self.t(link), exact=True).click()

    def move_contest(self, state: str) -> None:
        self.menu("Contests")
        self.click("Move to: %(state)s", state=self.t(state))
        self.sees("The contest is now: %(state)s.", state=self.t(state))

    def move_round(self, round_, button: str, done: str) -> None:
        self.round_page(round_, "Assignment")
        self.click(button)
        self.sees(done)

    def capture(self, name: str) -> None:
        capture(self.page, f"journey-secretariat-{name}-{self.lang}", self.lang)


def build_world() -> World:
    now = utcnow()
    contest = factories.make_contest(
        title_ja="都市防災ピッチ2026", title_en="Urban Resilience Pitch 2026",
        judges_per_pitch=2, shortlist_size=2, blind_screening=False)
    # Applications closed yesterday: the secretariat may move the contest to screening.
    contest.application_opens = now - timedelta(days=30)
    contest.question_deadline = now - timedelta(days=20)
    contest.application_closes = now - timedelta(days=1)
    screening, final = contest.rounds
    bureaus = [factories.make_bureau(name_ja="総務局", name_en="General Affairs Bureau"),
               factories.make_bureau(name_ja="建設局", name_en="Construction Bureau")]
    challenges = [
        factories.make_challenge(contest, bureau, title=title)
        for bureau, title in zip(bureaus, ("避難所の混雑を見える化したい",
                                           "水害の被害を早く把握したい"), strict=True)]
    pitches, score_of = {}, {}
    for n, (name, title, score) in enumerate(STARTUPS):
        pitch = factories.make_pitch(challenges[n % 2], factories.make_startup(name), title=title)
        pitches[name], score_of[pitch.id] = pitch, score
    judges = [make_judge(contest, name=f"審査員 {n}", email=f"judge{n}@example.jp")
              for n in (1, 2, 3)]
    conflicted = make_judge(contest, name="審査員 4（利益相反あり）", email="judge4@example.jp")
    add_conflict(contest, conflicted, pitches["防災テック株式会社"])
    admin = factories.make_user("admin", name="事務局 太郎", email="secretariat@example.jp")
    db.session.commit()
    final_score_of = {pitches[name].id: score for name, score in FINAL_SCORES.items()}
    return World(contest, screening, final, admin, [*judges, conflicted], conflicted,
                 pitches, score_of, final_score_of)


def assignments_of(round_: Round) -> list[Assignment]:
    return list(db.session.scalars(db.select(Assignment).filter_by(round_id=round_.id)
                                   .order_by(Assignment.pitch_id, Assignment.judge_id)))


def submit_scores(round_: Round, scores: dict[int, int], except_judge: User | None = None):
    """Each assigned judge submits their scorecards, as judges do through the app."""
    db.session.expire_all()
    keys = [criterion.key for criterion in round_.criteria]
    for assignment in assignments_of(round_):
        if except_judge is not None and assignment.judge_id == except_judge.id:
            continue
        judge, pitch = assignment.judge, assignment.pitch
        save_scorecard(round_, judge, pitch, dict.fromkeys(keys, scores[pitch.id]), "",
                       "分かりやすい提案です。", True, judge)
    db.session.commit()


def read_sheet(path: str, file_format: str) -> tuple[list[str], list[dict[str, str]]]:
    """A downloaded score sheet's header and rows, every cell as text."""
    if file_format == "csv":
        reader = csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig")))
        return list(reader.fieldnames or []), list(reader)
    # Playwright keeps a download under a name without extension, which openpyxl refuses.
    workbook = openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes()))
    cells = list(workbook.active.iter_rows(values_only=True))
    header = [str(cell) for cell in cells[0]]
    return header, [{key: "" if value is None else str(value)
                     for key, value in zip(header, row, strict=True)} for row in cells[1:]]


def write_sheet(path: Path, file_format: str, header: list[str], rows: list[dict]) -> str:
    """The filled sheet as the secretariat saves it; numbers as numbers in a workbook."""
    if file_format == "csv":
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, header)
            writer.writeheader()
            writer.writerows(rows)
        return str(path)
    workbook = openpyxl.Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append([_number(row[key]) for key in header])
    workbook.save(path)
    return str(path)


def _number(text: str):
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text
