"""How the audit log names registrations and their lines."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "Registration": RecordLabels(
        N_("Đăng ký thi đua"),
        {
            "period_id": N_("Kỳ kế hoạch"),
            "year": N_("Năm đăng ký"),
            "deadline_id": N_("Thời hạn đăng ký"),
            "note": N_("Ghi chú của đơn vị"),
            "late": N_("Nộp sau thời hạn"),
            "late_acceptance_reason": N_("Lý do chấp nhận bản nộp muộn"),
        },
    ),
    "RegistrationEntry": RecordLabels(
        N_("Dòng đăng ký thi đua"),
        {
            "registration_id": N_("Đăng ký thi đua"),
            "award_title_id": N_("Danh hiệu, hình thức khen thưởng"),
            "kind": N_("Tập thể hay cá nhân"),
            "nominee_key": N_("Mã người, tập thể đăng ký"),
            "user_id": N_("Cá nhân"),
            "exemplar_id": N_("Điển hình tiên tiến"),
            "name": N_("Tên tập thể, cá nhân"),
        },
    ),
}
