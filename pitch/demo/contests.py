"""Demo stage: the urban disaster prevention contest (都市防災), its challenges, a few
startups and the questions they asked.

The content is fixed. The demo contest is in screening (the later stages score its first
round), so its dates are set, from today in Tokyo, to the screening phase: applications
closed some days ago, the screening ends next week. `use_phase` re-dates it for another
state, as tests of the open call do.
"""

from datetime import date, datetime, time, timedelta

from pitch.contests.operations import DEFAULT_ROUNDS, default_round
from pitch.domain.timeline import TIMELINE_KEYS, zone
from pitch.extensions import db
from pitch.models import Challenge, Contest, Question, Role, Startup, User
from pitch.models.types import utcnow

TZ = "Asia/Tokyo"

DESCRIPTION_JA = """東京都は、首都直下地震や激甚化する風水害に備え、
スタートアップの技術とアイデアで都市防災の行政課題を解決するピッチコンテストを開催します。

- 各局が提示する行政課題に対して解決策を提案してください。
- 書類審査を通過したチームは、ピッチ審査で審査員の前で発表します。
- 採択された提案は、局と実証実験（PoC）を行います。"""

DESCRIPTION_EN = """Tokyo is preparing for a major earthquake directly under the capital and for
ever heavier storms and floods. In this contest, startups propose technology and ideas that
solve the city's disaster-prevention challenges.

- Propose a solution to one of the challenges the bureaus have posted.
- Teams that pass the screening present to the judges on pitch day.
- Awarded proposals run a pilot with the bureau."""

# bureau code, title, English title, tags, budget cap, summary, situation, wanted, outcome
CHALLENGES = [
    ("toshi", "木造住宅密集地域の延焼リスクを見える化したい",
     "Visualise fire-spread risk in dense wooden-housing districts",
     "防災,地震火災,データ可視化", 8_000_000,
     "地震時に大規模な延焼が想定される木造住宅密集地域（木密地域）で、"
     "街区ごとの延焼リスクを住民にわかりやすく示す仕組みを求めます。",
     "都内には約8,600ヘクタールの木密地域が残っています。"
     "延焼シミュレーションの結果は専門的で、**住民の建替えや不燃化の判断に十分活かされていません**。",
     "- 建物データ・道路幅員・風向を使った街区単位の延焼リスク推定\n"
     "- スマートフォンで見られる住民向けの表示\n- 不燃化助成制度への案内",
     "- 対象地区の住民の不燃化助成の相談件数 1.5倍\n- 住民アンケートでの理解度 80% 以上"),
    ("kensetsu", "豪雨時の中小河川の水位を予測したい",
     "Forecast water levels of small rivers during torrential rain",
     "防災,水害,AI,センサー", 12_000_000,
     "線状降水帯などの局地的な豪雨で急激に水位が上がる中小河川について、"
     "30分から1時間先の水位を予測し、早めの避難判断につなげたい。",
     "都が管理する中小河川では水位計の設置が進んだ一方、"
     "予測がないため**避難情報の発令が後手に回る**ことがあります。",
     "- 水位計・雨量レーダーのデータを用いた短時間の水位予測\n"
     "- 予測の確からしさを示す表示\n- 区市町村の防災担当への通知",
     "- 予測誤差（60分先）20cm 以内\n- 避難情報の発令判断までの時間 30% 短縮"),
    ("fukushi", "要配慮者の避難を地域で支えたい",
     "Help neighbourhoods evacuate people who need support",
     "防災,福祉,避難支援", 6_000_000,
     "高齢者や障害のある方など、災害時に自力で避難することが難しい方（要配慮者）の"
     "避難を、地域の支援者とつなぐ仕組みを求めます。",
     "個別避難計画の作成は進んでいますが、**支援者の不在時に代わりを探す手段がなく**、"
     "計画が実際の避難で機能するか不安が残ります。",
     "- 要配慮者と支援者の安全なマッチングと連絡\n- 個人情報を必要最小限に扱う設計\n"
     "- 電話・FAXに頼らない、スマートフォンで完結する操作",
     "- 訓練での避難完了時間 25% 短縮\n- 支援者の登録数 2倍"),
    ("soumu", "帰宅困難者に一時滞在施設の空き状況を届けたい",
     "Tell stranded commuters where temporary shelters have room",
     "防災,帰宅困難者,オープンデータ", 10_000_000,
     "大地震で公共交通機関が止まった際、駅周辺にあふれる帰宅困難者に、"
     "一時滞在施設の開設・混雑状況をリアルタイムで届けたい。",
     "首都直下地震では約450万人の帰宅困難者が想定されています。"
     "施設の開設状況は**電話とFAXで集約**しており、情報が届くまでに時間がかかります。",
     "- 施設側がスマートフォンで開設・混雑状況を入力できる仕組み\n"
     "- 多言語での地図表示\n- オープンデータとしての配信",
     "- 施設の状況が公開されるまでの時間 10分以内\n- 訓練参加施設の入力率 90% 以上"),
    ("digital", "避難所の受付と物資管理をデジタル化したい",
     "Digitise shelter check-in and supply management",
     "防災,避難所,DX", 9_000_000,
     "避難所での受付・名簿作成と、必要な物資の把握を紙から移し、"
     "区市町村と都が状況をすぐに共有できるようにしたい。",
     "避難所の受付は紙の名簿が中心で、**集計や物資の要請に半日以上**かかることがあります。",
     "- マイナンバーカードや QR コードを使った受付\n- 物資の在庫と要請の管理\n"
     "- 通信が途切れても使える設計",
     "- 受付1人あたりの時間 50% 短縮\n- 物資要請から配送決定までの時間 半減"),
]
DRAFT = ("kensetsu", "地震後の橋梁・道路の被害を素早く把握したい",
         "Assess damage to bridges and roads quickly after an earthquake",
         "防災,インフラ,ドローン")

STARTUPS = [
    ("株式会社ソナエテック", "https://sonaetech.example.jp",
     "防災データの可視化と住民向けアプリを開発するスタートアップ。",
     [("sonaetech@example.jp", "佐藤 美咲"), ("sonaetech-cto@example.jp", "鈴木 健太")]),
    ("合同会社まちのデータ研究所", "https://machidata.example.jp",
     "センサーと機械学習で河川・インフラを見守る研究開発型の企業。",
     [("machidata@example.jp", "高橋 翔")]),
    ("一般社団法人シビックテック防災ネット", "https://civic-bosai.example.jp",
     "市民エンジニアが集まり、避難支援のオープンソースを作るシビックテック団体。",
     [("civic-bosai@example.jp", "田中 由紀")]),
]

# challenge index, startup index, question, answer (None: not answered yet)
QUESTIONS = [
    (0, 0, "建物の構造・築年数のデータは提供いただけますか。",
     "都市計画基礎調査の建物データ（構造・階数）を、実証地区に限り提供できます。"
     "個人が特定される情報は含みません。"),
    (0, 2, "住民向け表示は既存の防災アプリへの組み込みでもよいですか。",
     "はい、可能です。都の防災アプリとの連携方法は採択後に協議します。"),
    (1, 1, "水位計データの更新間隔と、過去データの提供期間を教えてください。",
     "水位は10分間隔で、過去5年分を CSV で提供します。"),
    (2, 2, "個別避難計画の情報を事業者側のサーバーに保存してもよいですか。",
     "都の定める情報セキュリティ基準を満たすクラウドであれば可能です。詳細は募集要項の別紙をご覧ください。"),
    (3, 0, "施設側の入力は、施設職員の個人スマートフォンを想定してよいですか。", None),
]


# Each milestone of TIMELINE_KEYS as (days from today, hour) in Tokyo, per contest state.
# Screening: the judges' scorecards (two to twelve days old) come after the deadline.
PHASES = {
    "open": ((-14, 10), (10, 17), (21, 17), (35, 17), (49, 13), (50, 17)),
    "screening": ((-45, 10), (-30, 17), (-16, 17), (7, 17), (21, 13), (22, 17)),
}
STATE = "screening"


def timeline_for(state: str, today: date) -> dict[str, datetime]:
    """The demo's dates for a contest in ``state``, from ``today`` in Tokyo."""
    return {key: datetime.combine(today + timedelta(days=days), time(hour), tzinfo=zone(TZ))
            for key, (days, hour) in zip(TIMELINE_KEYS, PHASES[state], strict=True)}


def use_phase(contest: Contest, state: str, today: date | None = None) -> None:
    """Put the contest in ``state`` with dates that agree with it."""
    today = today or utcnow().astimezone(zone(TZ)).date()
    contest.state = state
    for key, moment in timeline_for(state, today).items():
        setattr(contest, key, moment)


def _contest() -> Contest:
    contest = Contest(
        title_ja="都市防災ピッチコンテスト2026", title_en="Urban Disaster Prevention Pitch 2026",
        description_ja=DESCRIPTION_JA, description_en=DESCRIPTION_EN,
        theme="都市防災 / Urban disaster prevention",
        judges_per_pitch=3, shortlist_size=5, blind_screening=True, method="mean")
    use_phase(contest, STATE)
    contest.rounds = [default_round(*spec) for spec in DEFAULT_ROUNDS]
    db.session.add(contest)
    return contest


def _challenge(contest, bureau, staff, spec, published_at) -> Challenge:
    code, title, title_en, tags, budget, summary, situation, wanted, outcome = spec
    challenge = Challenge(
        contest=contest, bureau=bureau, status="published", title=title, title_en=title_en,
        summary=summary, situation=situation, wanted=wanted, outcome=outcome,
        budget_yen=budget, pilot_period="採択後 約6か月（2026年度内）", tags=tags,
        data_links="https://portal.data.metro.tokyo.lg.jp/",
        contact=f"{bureau.name_ja} 防災担当（{staff.email}）",
        created_by_id=staff.id, published_at=published_at)
    db.session.add(challenge)
    return challenge


def build(world) -> None:
    bureaus = {bureau.code: bureau for bureau in world.objects["bureaus"]}
    staff = world.objects["bureau_staff"]
    db.session.flush()
    contest = _contest()
    published_at = contest.application_opens
    challenges = [_challenge(contest, bureaus[spec[0]], staff[spec[0]], spec, published_at)
                  for spec in CHALLENGES]
    code, title, title_en, tags = DRAFT
    db.session.add(Challenge(contest=contest, bureau=bureaus[code], status="draft", title=title,
                             title_en=title_en, tags=tags, created_by_id=staff[code].id,
                             summary="（作成中）ドローンと画像解析で被害を把握する提案を募集予定。"))
    startups, members, askers = [], [], []
    for name, website, description, people in STARTUPS:
        startup = Startup(name=name, website=website, description=description)
        team = [User(email=email, name=person, role=Role.STARTUP, startup=startup,
                     password_hash=world.password_hash) for email, person in people]
        db.session.add_all([startup, *team])
        startups.append(startup)
        members.extend(team)
        askers.append(team[0])
        world.logins.extend(("startup", member.email) for member in team)
    db.session.flush()
    for index, (challenge_no, startup_no, body, answer) in enumerate(QUESTIONS):
        challenge = challenges[challenge_no]
        asked = contest.application_opens + timedelta(days=2 + index, hours=3)
        db.session.add(Question(
            challenge=challenge, asker_id=askers[startup_no].id, body=body,
            answer=answer, created_at=asked,
            answered_by_id=staff[CHALLENGES[challenge_no][0]].id if answer else None,
            answered_at=asked + timedelta(days=1) if answer else None))
    world.objects.update(contest=contest, challenges=challenges, startups=startups,
                         startup_members=members)
