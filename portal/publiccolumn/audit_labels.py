"""How the audit log names the stories of the public column."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "ExemplarStory": RecordLabels(
        N_("Bài viết chuyên mục điển hình"),
        {
            "summary": N_("Tóm tắt"),
            "body": N_("Nội dung"),
            "published_at": NC_("audit", "Ngày đăng"),
            "photo_id": NC_("audit", "Ảnh"),
            "author_id": NC_("audit", "Tác giả"),
            "reviewed_by_id": N_("Người duyệt"),
            "reviewed_at": NC_("audit", "Ngày duyệt"),
            "review_note": NC_("audit", "Ý kiến của người duyệt"),
        },
    ),
}
