"""The default rubric of a new contest's rounds: the six criteria a Japanese pitch contest
scores 1 to 5 (5段階評価), each with what every score means, in Japanese and English."""

from pitch.domain.contest_rules import Criterion


def _guide(*levels: str) -> str:
    """One line per score from 1 up: "1: …"."""
    return "\n".join(f"{score}: {text}" for score, text in enumerate(levels, start=1))


DEFAULT_RUBRIC: tuple[Criterion, ...] = (
    Criterion(
        key="novelty",
        label_ja="新規性",
        label_en="Novelty",
        description_ja="既存の行政サービスや市場の解決策と比べた、アイデアや技術の新しさ。",
        description_en="How new the idea or technology is next to existing public services "
        "and market solutions.",
        guide_ja=_guide(
            "既存の解決策とほぼ同じ",
            "既存の解決策に小さな改良を加えた程度",
            "既存の解決策にない明確な新しさがある",
            "国内の行政分野では前例が少ない",
            "国内外にほとんど前例のない独自の提案",
        ),
        guide_en=_guide(
            "Much the same as existing solutions",
            "A small improvement on existing solutions",
            "Clearly new in some respects",
            "Few precedents in Japanese public services",
            "Original, with hardly any precedent in Japan or abroad",
        ),
    ),
    Criterion(
        key="feasibility",
        label_ja="実現可能性",
        label_en="Feasibility",
        description_ja="技術・体制・スケジュールの面で、実証実験の期間内に実現できる見込み。",
        description_en="How likely it is to be delivered within the pilot period, in "
        "technology, organisation and schedule.",
        guide_ja=_guide(
            "実現の見通しが立っていない",
            "大きな課題が残り、実現は不確か",
            "課題はあるが、解決の道筋が示されている",
            "実績や検証に裏付けられ、実現の見込みが高い",
            "同様の導入実績があり、すぐにでも実施できる",
        ),
        guide_en=_guide(
            "No credible path to delivery",
            "Major open issues; delivery is uncertain",
            "Issues remain, but a path to solving them is shown",
            "Backed by a track record or tests; likely to be delivered",
            "Proven in similar deployments; could start right away",
        ),
    ),
    Criterion(
        key="social_impact",
        label_ja="社会的インパクト",
        label_en="Social impact",
        description_ja="都民の生活や行政サービスにもたらす効果の大きさと広がり。",
        description_en="The size and reach of the benefit for residents and public services.",
        guide_ja=_guide(
            "効果がほとんど見込めない",
            "限られた範囲に小さな効果がある",
            "一定の範囲に明確な効果がある",
            "多くの都民や行政分野に大きな効果がある",
            "都全体や他の自治体にも波及する大きな効果がある",
        ),
        guide_en=_guide(
            "Hardly any benefit expected",
            "A small benefit for a narrow group",
            "A clear benefit for a fair number of people",
            "A large benefit for many residents or services",
            "A large benefit that could spread city-wide and to other governments",
        ),
    ),
    Criterion(
        key="challenge_fit",
        label_ja="課題との適合性",
        label_en="Fit with the challenge",
        description_ja="局が提示した行政課題と求める成果に、どれだけ的確に応えているか。",
        description_en="How precisely it answers the bureau's challenge and the outcome sought.",
        guide_ja=_guide(
            "課題とほとんど関係がない",
            "課題の一部にしか応えていない",
            "課題の主要な部分に応えている",
            "課題と求める成果にほぼ全面的に応えている",
            "課題の背景まで捉え、求める成果を上回る",
        ),
        guide_en=_guide(
            "Barely related to the challenge",
            "Answers only part of the challenge",
            "Answers the main part of the challenge",
            "Answers nearly all of the challenge and the outcome sought",
            "Grasps the background and goes beyond the outcome sought",
        ),
    ),
    Criterion(
        key="team",
        label_ja="チーム",
        label_en="Team",
        description_ja="提案を実行するチームの経験・専門性・体制。",
        description_en="The experience, skills and capacity of the team that would deliver it.",
        guide_ja=_guide(
            "実行に必要な体制がない",
            "重要な役割や専門性が欠けている",
            "必要な役割はそろっている",
            "経験が豊富で、役割分担が明確",
            "十分な実績があり、行政との協働経験もある",
        ),
        guide_en=_guide(
            "No team able to deliver it",
            "Key roles or skills are missing",
            "The necessary roles are covered",
            "Experienced, with clear roles",
            "A strong track record, including work with government",
        ),
    ),
    Criterion(
        key="cost_effectiveness",
        label_ja="費用対効果",
        label_en="Cost-effectiveness",
        description_ja="見積もられた費用に対して期待される効果と、継続時の費用の妥当性。",
        description_en="The benefit expected for the estimated cost, and whether running "
        "costs are reasonable.",
        guide_ja=_guide(
            "費用が効果に見合わない",
            "費用に対して効果が小さい",
            "費用と効果が釣り合っている",
            "費用に対して効果が大きい",
            "少ない費用で大きな効果があり、継続時の費用も低い",
        ),
        guide_en=_guide(
            "The cost is out of proportion to the benefit",
            "Little benefit for the cost",
            "Cost and benefit are in balance",
            "A large benefit for the cost",
            "A large benefit at low cost, with low running costs",
        ),
    ),
)
