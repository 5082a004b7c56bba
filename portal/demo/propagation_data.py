"""Demo propagation activities: what each demo unit did in 2023-2025 to spread its exemplars."""

from __future__ import annotations

from dataclasses import dataclass

# What each unit's work is about, and a peer it exchanged with (most units take part).
UNIT_TOPICS = {
    "vanphong": (
        "cải cách hành chính, chuyển đổi số trong công tác văn phòng",
        "Văn phòng Sở TN&MT tỉnh Quảng Trị",
    ),
    "thanhtra": (
        "tiếp công dân, giải quyết khiếu nại về đất đai",
        "Thanh tra Sở TN&MT tỉnh Hà Tĩnh",
    ),
    "khtc": (
        "quản lý tài chính công, tiết kiệm chi thường xuyên",
        "Phòng Kế hoạch - Tài chính Sở TN&MT tỉnh Quảng Trị",
    ),
    "qldd": (
        "cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "Phòng Quản lý đất đai Sở TN&MT Hà Tĩnh",
    ),
    "tnnks": ("quản lý tài nguyên nước, khoáng sản", "Sở TN&MT tỉnh Thừa Thiên Huế"),
    "moitruong": (
        "phân loại rác thải tại nguồn, chống rác thải nhựa",
        "Hội Liên hiệp Phụ nữ huyện Bố Trạch",
    ),
    "bienhaidao": ("bảo vệ tài nguyên biển và hải đảo", "Chi cục Biển và Hải đảo tỉnh Quảng Ngãi"),
    "cntt": ("xây dựng cơ sở dữ liệu tài nguyên và môi trường", "Trung tâm CNTT Sở TN&MT Đà Nẵng"),
    "vpdkdd": (
        "đăng ký đất đai theo cơ chế một cửa liên thông",
        "Văn phòng Đăng ký đất đai tỉnh Thừa Thiên Huế",
    ),
    "quantrac": ("quan trắc môi trường tự động, liên tục", "Trung tâm Quan trắc TN&MT Nghệ An"),
    "congdoan": ("phong trào “Giỏi việc nước, đảm việc nhà”", "Công đoàn Sở TN&MT tỉnh Quảng Trị"),
    "doanthanhnien": (
        "phong trào “Tuổi trẻ sáng tạo”, “Ngày Chủ nhật xanh”",
        "Đoàn Thanh niên Sở TN&MT tỉnh Hà Tĩnh",
    ),
}


@dataclass(frozen=True)
class DemoActivity:
    kind: str  # ActivityType value
    channel: str  # Channel value
    title: str  # may use {topic}, {unit}
    link: str
    audience: int | None
    cost: int | None
    description: str
    partner: bool = False  # the unit's peer is the partner
    features: bool = True  # features the unit's exemplars


TEMPLATES = [
    DemoActivity(
        "article",
        "traditional",
        "Lan tỏa gương điển hình trong {topic} (Báo Quảng Bình)",
        "https://baoquangbinh.vn/moi-truong/{year}/dien-hinh-tien-tien-{n}.htm",
        12500,
        2_500_000,
        "Bài viết giới thiệu kinh nghiệm, cách làm hay của điển hình đơn vị, đăng trên Báo "
        "Quảng Bình số ra ngày thứ Bảy; chi nhuận bút và phí đăng từ ngân sách nhà nước.",
    ),
    DemoActivity(
        "online_post",
        "online",
        "Tin: {unit} biểu dương điển hình tiên tiến về {topic}",
        "https://stnmt.quangbinh.gov.vn/tin-tuc/{year}/bieu-duong-dien-hinh-{n}",
        2800,
        300_000,
        "Tin bài kèm ảnh đăng trên Cổng thông tin điện tử Sở và chia sẻ qua nhóm Zalo cơ quan.",
    ),
    DemoActivity(
        "broadcast",
        "traditional",
        "Phóng sự “Người tốt, việc tốt” về {topic} phát trên QBTV",
        "https://qbtv.vn/video/{year}/nguoi-tot-viec-tot-{n}",
        60000,
        12_000_000,
        "Phóng sự 10 phút phát trong chuyên mục “Người tốt, việc tốt” của Đài Phát thanh và "
        "Truyền hình Quảng Bình, phát lại trên kênh YouTube QBTV.",
    ),
    DemoActivity(
        "exchange",
        "traditional",
        "Giao lưu, trao đổi kinh nghiệm về {topic}",
        "",
        45,
        8_500_000,
        "Buổi giao lưu giữa điển hình của đơn vị với cán bộ đơn vị bạn; trao đổi quy trình, "
        "biểu mẫu và bài học kinh nghiệm.",
        partner=True,
    ),
    DemoActivity(
        "study_visit",
        "traditional",
        "Tham quan, học tập mô hình {topic}",
        "",
        30,
        18_000_000,
        "Đoàn cán bộ tham quan, học tập mô hình hiệu quả của đơn vị bạn theo mục II.6 của Kế "
        "hoạch; kinh phí xe, công tác phí từ ngân sách nhà nước.",
        partner=True,
        features=False,
    ),
    DemoActivity(
        "meeting",
        "traditional",
        "Hội nghị biểu dương điển hình tiên tiến năm {year}",
        "",
        120,
        6_000_000,
        "Hội nghị tổng kết phong trào thi đua, biểu dương và trao giấy khen cho các tập thể, "
        "cá nhân điển hình; điển hình chia sẻ kinh nghiệm tại hội nghị.",
    ),
    DemoActivity(
        "special_column",
        "online",
        "Chuyên mục “Gương sáng ngành TN&MT”: {topic}",
        "https://stnmt.quangbinh.gov.vn/chuyen-muc/guong-sang/{year}-{n}",
        4200,
        1_000_000,
        "Bài trong chuyên mục “Gương sáng ngành Tài nguyên và Môi trường” do Văn phòng Sở và "
        "Trung tâm Công nghệ thông tin phối hợp thực hiện (mục III.2.a của Kế hoạch).",
    ),
]

# (month, day) of each activity in the year: spread over the year.
DATES = [(3, 14), (5, 22), (8, 9), (10, 17), (12, 5)]
