"""The profile forms (both edit a versioned record: no lost update)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Email, Length, NumberRange, Optional

from portal.fields import VersionedForm, VnDateField, WholeNumberField
from portal.profiles.models import PersonGender


def _text(label, limit: int = 255):
    return StringField(label, validators=[Optional(), Length(max=limit)])


def _area(label, rows: int = 4):
    return TextAreaField(
        label, validators=[Optional(), Length(max=20000)], render_kw={"rows": rows}
    )


def _count(label):
    return WholeNumberField(label, validators=[Optional(), NumberRange(min=0, max=100000)])


class UnitProfileForm(VersionedForm):
    address = _text(_l("Địa chỉ trụ sở"), 500)
    telephone = _text(_l("Điện thoại"), 64)
    email = StringField(
        _l("Thư điện tử"),
        validators=[Optional(), Email(_l("Địa chỉ email không hợp lệ.")), Length(max=255)],
    )
    website = _text(_l("Trang thông tin điện tử"))
    founded_on = VnDateField(_l("Ngày thành lập"), validators=[Optional()])
    history = _area(_l("Quá trình thành lập và phát triển"))
    functions = _area(_l("Chức năng, nhiệm vụ"))
    organisation = _area(_l("Cơ cấu tổ chức"))
    staff_total = _count(_l("Tổng số cán bộ, công chức, viên chức, người lao động"))
    staff_female = _count(_l("Số nữ"))
    staff_party_members = _count(_l("Số đảng viên"))
    party_organisation = _area(_l("Tổ chức Đảng (Đảng bộ, Chi bộ)"), 2)
    trade_union = _area(_l("Công đoàn"), 2)
    youth_union = _area(_l("Đoàn Thanh niên"), 2)
    veterans_association = _area(_l("Hội Cựu chiến binh"), 2)
    women_union = _area(_l("Hội Phụ nữ (Ban Nữ công)"), 2)
    organisations_work = _area(_l("Công tác xây dựng Đảng, đoàn thể; hoạt động xã hội, từ thiện"))
    submit = SubmitField(_l("Lưu"))


class PersonProfileForm(VersionedForm):
    birth_date = VnDateField(_l("Ngày sinh"), validators=[Optional()])
    gender = SelectField(
        _l("Giới tính"),
        choices=[("", "—")] + [(g.value, g.label) for g in PersonGender],
        validators=[Optional()],
    )
    ethnicity = _text(_l("Dân tộc"), 64)
    home_town = _text(_l("Quê quán"), 500)
    residence = _text(_l("Trú quán"), 500)
    party_position = _text(_l("Chức vụ Đảng"))
    government_position = _text(_l("Chức vụ chính quyền"))
    mass_position = _text(_l("Chức vụ đoàn thể"))
    professional_qualification = _text(_l("Trình độ chuyên môn, nghiệp vụ"))
    political_qualification = _text(_l("Trình độ lý luận chính trị"))
    academic_title = _text(_l("Học hàm, học vị"))
    duties = _area(_l("Quyền hạn, nhiệm vụ được giao hoặc đảm nhận"))
    submit = SubmitField(_l("Lưu"))
