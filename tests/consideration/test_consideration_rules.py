"""The catalogue of titles and rules, and the rule chosen by the meeting date."""

from __future__ import annotations

from datetime import date

import pytest

from portal.consideration.catalogue import DECREE_91, DECREE_98, DECREE_152, ensure_catalogue
from portal.consideration.models import AwardTitle, ThresholdComparison, TitleAudience, VotingRule
from portal.consideration.rules import applicable_rule, save_rule, save_title
from portal.extensions import db
from portal.rules import RuleError
from tests.factories import award_title


def test_catalogue_seeds_titles_and_rules_once(world):
    assert ensure_catalogue(world.org.id) is True
    db.session.commit()
    assert ensure_catalogue(world.org.id) is False
    names = set(
        db.session.scalars(
            db.select(AwardTitle.name).where(AwardTitle.organization_id == world.org.id)
        )
    )
    for expected in (
        "Chiến sĩ thi đua cơ sở",
        "Chiến sĩ thi đua cấp tỉnh (cấp Bộ)",
        "Chiến sĩ thi đua toàn quốc",
        "Lao động tiên tiến",
        "Tập thể lao động tiên tiến",
        "Tập thể lao động xuất sắc",
        "Cờ thi đua cấp tỉnh",
        "Cờ thi đua của Chính phủ",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Bằng khen của Bộ trưởng",
        "Giấy khen của Giám đốc Sở",
        "Anh hùng Lao động",
    ):
        assert expected in names
    to_verify = db.session.scalars(
        db.select(VotingRule).where(VotingRule.needs_verification.is_(True))
    ).all()
    # Decree 152/2025 (from 01/07/2025) and Decree 91/2017 (before 01/01/2024): 6 titles each.
    assert len(to_verify) == 12
    assert {r.legal_basis for r in to_verify} == {DECREE_152, DECREE_91}
    assert all(r.note for r in to_verify)
    assert all("phapluatcongdong.vn" in r.note for r in to_verify if r.legal_basis == DECREE_91)
    # Another organization gets its own catalogue.
    assert ensure_catalogue(world.other_org.id) is True


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("CSTD_CS", 80),
        ("CO_TINH", 80),
        ("CO_CP", 80),
        ("CSTD_TINH", 90),
        ("CSTD_TQ", 90),
        ("AHLD", 90),
    ],
)
def test_rule_by_date_switches_from_decree_98_to_152(world, code, percent):
    award = award_title(world, code)
    before = applicable_rule(world.org.id, award.id, date(2025, 6, 30))
    after = applicable_rule(world.org.id, award.id, date(2025, 7, 1))
    assert before.legal_basis == DECREE_98 and before.needs_verification is False
    assert after.legal_basis == DECREE_152 and after.needs_verification is True
    assert before.threshold_percent == after.threshold_percent == percent
    assert before.comparison == ThresholdComparison.AT_LEAST


def test_titles_without_statutory_threshold_use_the_default_majority(world):
    for code in ("LDTT", "TTLDXS", "BK_UBND", "GK_GD"):
        rule = applicable_rule(world.org.id, award_title(world, code).id, date(2025, 3, 1))
        assert rule.award_title_id is None
        assert (rule.comparison, rule.threshold_percent) == (ThresholdComparison.MORE_THAN, 50)
        later = applicable_rule(world.org.id, award_title(world, code).id, date(2026, 3, 1))
        assert later.id == rule.id


def test_office_rule_for_a_title_overrides_the_default(world):
    award = award_title(world, "GK_GD")
    save_rule(
        VotingRule(
            organization_id=world.org.id,
            award_title_id=award.id,
            comparison=ThresholdComparison.AT_LEAST,
            threshold_percent=70,
            effective_from=date(2025, 1, 1),
            legal_basis="Quy chế của Sở",
        )
    )
    assert applicable_rule(world.org.id, award.id, date(2024, 12, 31)).award_title_id is None
    assert applicable_rule(world.org.id, award.id, date(2025, 1, 1)).threshold_percent == 70


def test_no_rule_before_the_catalogue_starts(world):
    award = award_title(world, "CSTD_CS")
    assert applicable_rule(world.org.id, award.id, date(2017, 9, 14)) is None
    # 2023 (the plan period starts then): Decree 91/2017, flagged to verify.
    rule = applicable_rule(world.org.id, award.id, date(2023, 6, 1))
    assert rule.legal_basis == DECREE_91 and rule.needs_verification


def test_other_organizations_rules_are_never_applied(world):
    ensure_catalogue(world.other_org.id)
    award = award_title(world, "CSTD_CS")
    foreign = db.session.scalars(
        db.select(VotingRule).where(VotingRule.organization_id == world.other_org.id)
    ).all()
    rule = applicable_rule(world.org.id, award.id, date(2025, 1, 1))
    assert rule.organization_id == world.org.id
    assert rule.id not in {r.id for r in foreign}


def test_overlapping_rules_for_the_same_title_are_refused(world):
    award = award_title(world, "CSTD_CS")
    clash = VotingRule(
        organization_id=world.org.id,
        award_title_id=award.id,
        comparison=ThresholdComparison.AT_LEAST,
        threshold_percent=75,
        effective_from=date(2025, 1, 1),
        effective_to=date(2025, 12, 31),
        legal_basis="Thử",
    )
    with pytest.raises(RuleError) as error:
        save_rule(clash)
    assert error.value.field == "effective_from"
    default_clash = VotingRule(
        organization_id=world.org.id,
        award_title_id=None,
        comparison=ThresholdComparison.MORE_THAN,
        threshold_percent=60,
        effective_from=date(2030, 1, 1),
        legal_basis="Thử",
    )
    with pytest.raises(RuleError):
        save_rule(default_clash)


def test_rule_dates_and_percent_are_checked(world):
    ensure_catalogue(world.org.id)
    with pytest.raises(RuleError):
        save_rule(
            VotingRule(
                organization_id=world.org.id,
                threshold_percent=0,
                comparison=ThresholdComparison.AT_LEAST,
                effective_from=date(2030, 1, 1),
                legal_basis="x",
            )
        )
    with pytest.raises(RuleError):
        save_rule(
            VotingRule(
                organization_id=world.org.id,
                threshold_percent=60,
                comparison=ThresholdComparison.AT_LEAST,
                effective_from=date(2030, 1, 1),
                effective_to=date(2029, 1, 1),
                legal_basis="x",
            )
        )


def test_a_title_code_is_normalised_and_unique_within_the_organization(world):
    def title(org, code, name="Bằng khen"):
        return AwardTitle(organization_id=org.id, code=code, name=name, audience=TitleAudience.BOTH)

    first = save_title(title(world.org, " bk_tw "))
    db.session.commit()
    assert first.code == "BK_TW"
    with pytest.raises(RuleError) as error:
        save_title(title(world.org, "bk_tw", "Khác"))
    assert error.value.field == "code"
    db.session.rollback()
    first.name = "Bằng khen của Bộ trưởng"
    assert save_title(first) is first  # its own code is no clash
    assert save_title(title(world.other_org, "BK_TW")).id is not None  # another department
    db.session.rollback()  # the service never commits
    assert db.session.get(AwardTitle, first.id).name == "Bằng khen"
