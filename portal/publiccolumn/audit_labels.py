"""How the audit log names the stories of the public column."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "ExemplarStory": RecordLabels(
        N_("Bài viết chuyên mục điển hình"),
        {
            "summary": N_("Tóm tắt"),
            "body": N_("Nội dung"),
            "published_at": N_("Ngày đăng"),
            "photo_id": N_("Ảnh"),
            "author_id": N_("Tác giả"),
            "reviewed_by_id": N_("Người duyệt"),
            "reviewed_at": N_("Ngày duyệt"),
            "review_note": N_("Ý kiến của người duyệt"),
        },
    ),
}
