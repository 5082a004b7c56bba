"""Demo exemplars of the current plan's first year (2026): new candidates and
exemplars being fostered, so that the units' quota of this year is not empty.
Recognition comes at the year-end review, so none is recognised yet."""

from __future__ import annotations

from portal.demo.exemplars_data import (
    HELP_TECH,
    M_CCHC,
    M_DD,
    M_GVN,
    M_MT,
    Action,
    Evaluation,
    Step,
    collective,
    individual,
)

EXEMPLARS = [
    collective(
        "vanphong",
        "Tổ Một cửa Văn phòng Sở",
        2026,
        "12/03/2026",
        "Hành chính, một cửa",
        M_CCHC,
        "Trả kết quả đúng hạn 100% hồ sơ; thí điểm nhận hồ sơ qua ứng dụng định danh điện tử.",
        steps=[
            Step("06/04/2026", "fostering", "Đưa vào diện bồi dưỡng theo Kế hoạch năm 2026."),
            Action(
                "technical",
                "Hỗ trợ kết nối phần mềm một cửa với ứng dụng định danh điện tử",
                "30/06/2026",
                "done",
                "Kết nối vận hành từ tháng 7/2026.",
            ),
            Evaluation("15/09/2026", (4, 4, 3, 3), 0.78, "", HELP_TECH),
        ],
    ),
    individual(
        "khtc",
        2026,
        "20/04/2026",
        "Kế hoạch, tài chính",
        M_CCHC,
        "Chủ trì số hóa hồ sơ thanh quyết toán; rút ngắn 40% thời gian thẩm định dự toán.",
        position="Chuyên viên",
        staff=1,
        steps=[Step("02/06/2026", "fostering")],
    ),
    collective(
        "quantrac",
        "Tổ Quan trắc tự động",
        2026,
        "05/05/2026",
        "Quan trắc môi trường",
        M_MT,
        "Vận hành 12 trạm quan trắc tự động, dữ liệu truyền liên tục về Sở và Bộ.",
        steps=[
            Step("01/07/2026", "fostering"),
            Action(
                "training",
                "Cử 02 kỹ thuật viên tham gia lớp hiệu chuẩn thiết bị",
                "31/10/2026",
                "done",
                "Hoàn thành, có chứng chỉ.",
            ),
        ],
    ),
    collective(
        "vpdkdd",
        "Chi nhánh Văn phòng Đăng ký đất đai thị xã Ba Đồn",
        2026,
        "18/06/2026",
        "Đăng ký đất đai",
        M_DD,
        "Giải quyết trước hạn 95% hồ sơ đăng ký biến động đất đai.",
    ),
    individual(
        "congdoan",
        2026,
        "08/03/2026",
        "Công tác nữ công",
        M_GVN,
        "Vận động 100% nữ đoàn viên tham gia phong trào; tổ chức 04 buổi sinh hoạt chuyên đề.",
        position="Ủy viên Ban nữ công",
        staff=2,
    ),
    individual(
        "bienhaidao",
        2026,
        "14/08/2026",
        "Biển và hải đảo",
        M_MT,
        "Đề xuất quy trình giám sát rác thải nhựa ven biển bằng thiết bị bay không người lái.",
        position="Chuyên viên",
        staff=1,
    ),
]
