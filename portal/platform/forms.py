"""The platform administrator's form: a new organization and its first Office account."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from portal.submissions import OnceForm

REQUIRED = _l("Vui lòng nhập thông tin này.")


class NewOrganizationForm(OnceForm):
    name = StringField(
        _l("Tên Sở (cơ quan)"),
        validators=[DataRequired(REQUIRED), Length(max=255)],
        description=_l("Ví dụ: Sở Tư pháp tỉnh Quảng Bình."),
    )
    slug = StringField(
        _l("Tên rút gọn (địa chỉ chuyên mục công khai)"),
        validators=[Optional(), Length(max=64)],
        description=_l("Để trống để tạo từ tên Sở; chữ thường không dấu, ví dụ: so-tu-phap."),
    )
    office_name = StringField(
        _l("Họ và tên cán bộ Văn phòng Sở"),
        validators=[DataRequired(REQUIRED), Length(max=255)],
    )
    office_email = EmailField(
        _l("Email của cán bộ Văn phòng Sở"),
        validators=[
            DataRequired(REQUIRED),
            Email(_l("Địa chỉ email không hợp lệ.")),
            Length(max=255),
        ],
        description=_l("Cổng gửi thư mời đến địa chỉ này để cán bộ tự đặt mật khẩu."),
    )
    submit = SubmitField(_l("Tạo Sở và tài khoản Văn phòng Sở"))
