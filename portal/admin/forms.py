"""Forms of the Office's administration screens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import EmailField, IntegerField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from portal.accounts.models import Role
from portal.fields import VersionedForm, VnDateField, optional_int
from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.organizations.models import UnitKind
from portal.submissions import OnceForm

REQUIRED = _l("Vui lòng nhập thông tin này.")


def choices(pairs, blank: object | None = None) -> list[SelectChoice]:
    """Options from (value, label) pairs, after an optional empty first option."""
    options = [SelectChoice(str(value), label) for value, label in pairs]
    return [SelectChoice("", blank), *options] if blank is not None else options


def role_choices(blank: object | None = None) -> list[SelectChoice]:
    return choices(Role.choices(), blank)


def unit_choices(units, blank: object) -> list[SelectChoice]:
    return choices(((u.id, u.name) for u in units), blank)


class UnitForm(OnceForm, VersionedForm):
    name = StringField(_l("Tên đơn vị"), validators=[DataRequired(REQUIRED), Length(max=255)])
    kind = SelectField(
        _l("Loại đơn vị"),
        choices=choices(UnitKind.choices()),
        default=UnitKind.DIVISION.value,
    )
    submit = SubmitField(_l("Lưu"))


class OrganizationForm(VersionedForm):
    slug = StringField(
        _l("Tên rút gọn (địa chỉ chuyên mục công khai)"),
        validators=[DataRequired(REQUIRED), Length(max=64)],
        description=_l("Chữ thường không dấu, chữ số và dấu gạch nối, ví dụ: so-tu-phap."),
    )
    submit = SubmitField(_l("Lưu"))


class UserForm(VersionedForm):
    full_name = StringField(_l("Họ và tên"), validators=[DataRequired(REQUIRED), Length(max=255)])
    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(REQUIRED),
            Email(_l("Địa chỉ email không hợp lệ.")),
            Length(max=255),
        ],
    )
    position = StringField(_l("Chức vụ"), validators=[Optional(), Length(max=255)])
    phone = StringField(_l("Điện thoại"), validators=[Optional(), Length(max=32)])
    submit = SubmitField(_l("Lưu"))


class RoleFields:
    """A role and, for unit roles, the unit it applies to."""

    role = SelectField(_l("Vai trò"), choices=role_choices())
    unit_id = SelectField(_l("Đơn vị"), choices=[], coerce=optional_int, validate_choice=False)

    def set_units(self, units, blank: object) -> None:
        self.unit_id.choices = unit_choices(units, blank)
        self._unit_ids = {u.id for u in units}

    def validate_unit_id(self, field) -> None:
        if field.data is not None and field.data not in self._unit_ids:
            raise ValidationError(_l("Đơn vị không thuộc Sở."))
        try:
            role = Role(self.role.data)
        except ValueError:
            return  # no role chosen (or an unknown one, refused by the role field)
        if role.is_unit_role and field.data is None:
            raise ValidationError(_l("Vai trò này gắn với một đơn vị: vui lòng chọn đơn vị."))
        if not role.is_unit_role and field.data is not None:
            raise ValidationError(_l("Vai trò này áp dụng cho toàn Sở, không gắn với đơn vị."))


class NewUserForm(OnceForm, RoleFields, UserForm):
    role = SelectField(_l("Vai trò ban đầu"), choices=role_choices(_l("— Chưa giao —")))
    submit = SubmitField(_l("Tạo tài khoản"))


class RoleForm(RoleFields, PortalForm):
    submit = SubmitField(_l("Giao vai trò"))


class ImportForm(PortalForm):
    file = FileField(
        _l("Tệp danh sách (CSV hoặc Excel .xlsx)"),
        validators=[
            FileRequired(_l("Vui lòng chọn tệp.")),
            FileAllowed(["csv", "xlsx"], _l("Chỉ nhận tệp CSV hoặc Excel (.xlsx).")),
        ],
    )
    submit = SubmitField(_l("Xem trước"))


ACTIVE_FILTERS = {"active": True, "inactive": False, "all": None}


class UserFilterForm(FilterForm):
    """The list of people: words of the name, a unit, a role, active or not (active
    unless asked)."""

    q = StringField(validators=[Length(max=200)])
    unit = IntegerField()
    role = SelectField(choices=["", *(r.value for r in Role.in_organization())])
    active = SelectField(choices=list(ACTIVE_FILTERS), default="active")

    def filters(self) -> dict:
        role = self.value("role")
        active_key = self.value("active") or "active"
        return {
            "search": (self.value("q") or "").strip(),
            "unit_id": self.value("unit"),
            "role": Role(role) if role else None,
            "active": ACTIVE_FILTERS[active_key],
            "active_key": active_key,
        }


class AuditFilterForm(FilterForm):
    """Who (words of a name or email; `actor`, an id, for links from a person's page),
    what kind of record, which action, unit and days."""

    person = StringField(_l("Người thực hiện"), validators=[Length(max=200)])
    actor = IntegerField(validators=[Optional()])
    object_type = SelectField(_l("Loại hồ sơ"), validate_choice=False)
    action = SelectField(
        _l("Thao tác"),
        choices=choices(
            [("create", _l("Tạo mới")), ("update", _l("Sửa")), ("delete", _l("Xóa"))], _l("Tất cả")
        ),
        validate_choice=False,
    )
    unit = SelectField(_l("Đơn vị"), coerce=optional_int, validate_choice=False)
    date_from = VnDateField(_l("Từ ngày"), validators=[Optional()])
    date_to = VnDateField(_l("Đến ngày"), validators=[Optional()])
