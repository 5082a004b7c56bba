"""Demo criteria of every demo period, drawn from the plan (II.2, III.1): one set for
collectives, one for individuals. Idempotent: an existing set is left alone."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from portal.criteria.models import CriteriaAudience, CriteriaItem, CriteriaSet
from portal.criteria.services import current_set
from portal.extensions import db
from portal.organizations.models import Organization
from portal.periods.models import PlanPeriod

# (title, guidance, weight, max score, required)
COLLECTIVE_ITEMS = [
    (
        "Hoàn thành xuất sắc nhiệm vụ chính trị, chuyên môn được giao",
        "Hoàn thành 100% chỉ tiêu, nhiệm vụ kế hoạch năm; nhiều nhiệm vụ hoàn thành vượt tiến "
        "độ, chất lượng cao.",
        "3",
        10,
        True,
    ),
    (
        "Có mô hình, cách làm hay, sáng kiến được áp dụng hiệu quả",
        "Có ít nhất 01 sáng kiến, giải pháp hoặc mô hình mới được Hội đồng sáng kiến công nhận "
        "và áp dụng trong ngành tài nguyên và môi trường.",
        "2",
        10,
        True,
    ),
    (
        "Tổ chức tốt các phong trào thi đua yêu nước",
        "Phát động, triển khai, sơ kết, tổng kết phong trào thi đua theo kế hoạch; có nhân tố "
        "mới được phát hiện, bồi dưỡng.",
        "1.5",
        10,
        True,
    ),
    (
        "Sức lan tỏa và ảnh hưởng tích cực",
        "Kinh nghiệm, cách làm được các phòng, đơn vị khác học tập, tham quan; được báo chí, "
        "chuyên trang, chuyên mục của Sở giới thiệu.",
        "1.5",
        10,
        True,
    ),
    (
        "Tuyên truyền, nhân rộng điển hình tiên tiến",
        "Kết hợp hình thức truyền thống và trực tuyến; số tin, bài, chuyên mục về điển hình "
        "tiên tiến của đơn vị.",
        "1",
        10,
        True,
    ),
    (
        "Nội bộ đoàn kết, chấp hành tốt kỷ luật, kỷ cương",
        "Chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; không có cá "
        "nhân vi phạm kỷ luật.",
        "1",
        10,
        True,
    ),
    (
        "Đẩy mạnh cải cách hành chính, chuyển đổi số",
        "Giải quyết hồ sơ, thủ tục hành chính đúng hạn; ứng dụng công nghệ thông tin trong "
        "chỉ đạo, điều hành.",
        "1",
        10,
        False,
    ),
]
INDIVIDUAL_ITEMS = [
    (
        "Hoàn thành xuất sắc nhiệm vụ được giao",
        "Được đánh giá, xếp loại hoàn thành xuất sắc nhiệm vụ; khối lượng, chất lượng công "
        "việc vượt yêu cầu.",
        "3",
        10,
        True,
    ),
    (
        "Có sáng kiến, giải pháp công tác hiệu quả",
        "Có sáng kiến, đề tài, giải pháp được công nhận và áp dụng, mang lại hiệu quả thiết "
        "thực cho cơ quan, đơn vị.",
        "2",
        10,
        True,
    ),
    (
        "Gương mẫu, là tấm gương để đồng nghiệp học tập, làm theo",
        "Có phẩm chất đạo đức tốt; tiên phong trong các phong trào thi đua; được tập thể đơn vị "
        "suy tôn.",
        "1.5",
        10,
        True,
    ),
    (
        "Sức lan tỏa, ảnh hưởng trong cơ quan và ngành",
        "Kinh nghiệm, cách làm được chia sẻ, giao lưu, trao đổi với các đơn vị cùng chuyên môn, "
        "lĩnh vực.",
        "1.5",
        10,
        True,
    ),
    (
        "Tích cực tham gia tuyên truyền, nhân rộng điển hình",
        "Tham gia viết tin, bài, báo cáo điển hình; truyền đạt kinh nghiệm tại hội nghị, buổi "
        "giao lưu.",
        "1",
        10,
        True,
    ),
    (
        "Chấp hành tốt kỷ luật, kỷ cương hành chính",
        "Chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và nội quy cơ quan; "
        "không vi phạm kỷ luật.",
        "1",
        10,
        True,
    ),
    (
        "Tích cực học tập, nâng cao trình độ",
        "Tham gia đầy đủ các lớp tập huấn, bồi dưỡng chuyên môn, nghiệp vụ, lý luận chính trị.",
        "0.5",
        10,
        False,
    ),
]
SETS = {
    CriteriaAudience.COLLECTIVE: (
        "Tiêu chuẩn tập thể điển hình tiên tiến giai đoạn {period}",
        COLLECTIVE_ITEMS,
    ),
    CriteriaAudience.INDIVIDUAL: (
        "Tiêu chuẩn cá nhân điển hình tiên tiến giai đoạn {period}",
        INDIVIDUAL_ITEMS,
    ),
}


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    periods = db.session.scalars(
        db.select(PlanPeriod).where(PlanPeriod.organization_id == org.id)
    ).all()
    for period in periods:
        for audience, (title, items) in SETS.items():
            if current_set(period.id, audience) is None:
                _create_set(org, period, audience, title.format(period=period.name), items)
    db.session.flush()


def _create_set(org, period, audience, title, items) -> CriteriaSet:
    criteria_set = CriteriaSet(
        organization_id=org.id,
        period_id=period.id,
        audience=audience,
        version=1,
        title=title,
        is_current=True,
    )
    for position, (item_title, guidance, weight, max_score, required) in enumerate(items, 1):
        criteria_set.items.append(
            CriteriaItem(
                position=position,
                title=item_title,
                guidance=guidance,
                weight=Decimal(weight),
                max_score=max_score,
                required=required,
            )
        )
    db.session.add(criteria_set)
    return criteria_set
