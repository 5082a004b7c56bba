"""The current year's demo inspections, dated back from "now": findings in every
state of the follow-up (open, answered, sent back, closed), one of them overdue.

Same shape as `inspections.INSPECTIONS`, with `days_ago` in place of the date; a
finding's due date is in days from now (negative: past)."""

from __future__ import annotations

from portal.inspections.models import (
    FindingSeverity,
    FindingStatus,
    InspectionMethod,
    InspectionScope,
)

S, M, SEV, ST = InspectionScope, InspectionMethod, FindingSeverity, FindingStatus

LIVE_INSPECTIONS = [
    {
        "unit": "khtc",
        "days_ago": 80,
        "members": [1],
        "method": M.ON_SITE,
        "scope": [S.EMULATION, S.REPORTS],
        "signed": True,
        "summary": "Phòng đã ban hành kế hoạch thi đua năm; sổ theo dõi nhân tố mới được cập "
        "nhật. Báo cáo 6 tháng gửi chậm.",
        "findings": [
            (
                SEV.MINOR,
                "Báo cáo 6 tháng về công tác điển hình gửi chậm 05 ngày.",
                "Phân công người theo dõi thời hạn báo cáo.",
                "Giao chuyên viên tổng hợp theo dõi, nhắc hạn trên Cổng.",
                "coordinator",
                -50,
                ST.CLOSED,
            ),
            (
                SEV.MAJOR,
                "Hồ sơ 01 điển hình chưa có nhận xét, đánh giá định kỳ.",
                "Đánh giá định kỳ theo tiêu chí của Sở.",
                "Tổ chức đánh giá, lưu biên bản vào hồ sơ điển hình.",
                "coordinator",
                10,
                ST.ANSWERED,
            ),
        ],
    },
    {
        "unit": "cntt",
        "days_ago": 45,
        "members": [2],
        "method": M.DOCUMENTS,
        "scope": [S.EXEMPLARS, S.PROPAGATION],
        "signed": True,
        "summary": "Kiểm tra qua hồ sơ chuyên mục điển hình trên Cổng thông tin của Sở do Trung "
        "tâm quản trị: cập nhật đều, thiếu bài về điển hình cá nhân.",
        "findings": [
            (
                SEV.MINOR,
                "Chuyên mục chưa có bài giới thiệu điển hình cá nhân trong năm.",
                "Đăng ít nhất 02 bài về điển hình cá nhân.",
                "",
                "coordinator",
                -5,
                ST.OPEN,
            ),
            (
                SEV.MAJOR,
                "Chưa sao lưu định kỳ dữ liệu hồ sơ điển hình trên Cổng.",
                "Lập lịch sao lưu hằng tuần, lưu biên bản kiểm tra.",
                "Đã lập lịch sao lưu.",
                "Tổ quản trị hệ thống",
                20,
                ST.SENT_BACK,
            ),
            (
                SEV.OBSERVATION,
                "Giao diện chuyên mục thân thiện, có phiên bản cho điện thoại.",
                "Tiếp tục duy trì.",
                "",
                "",
                None,
                ST.OPEN,
            ),
        ],
    },
    {
        "unit": "vpdkdd",
        "days_ago": 2,
        "members": [2],
        "method": M.ON_SITE,
        "scope": [S.EXEMPLARS],
        "signed": False,
        "summary": "Kiểm tra việc bồi dưỡng điển hình tập thể Tổ tiếp nhận hồ sơ một cửa; "
        "biên bản đang hoàn thiện.",
        "findings": [
            (
                SEV.MINOR,
                "Chưa cập nhật minh chứng kết quả bồi dưỡng quý III.",
                "Cập nhật minh chứng trên Cổng.",
                "",
                "coordinator",
                30,
                ST.OPEN,
            ),
        ],
    },
]
