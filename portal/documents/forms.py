"""Forms of the document settings: the organization's abbreviation and signers
(the Office), a unit's abbreviation, head and deputy (the Office, the coordinator)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import Length, Optional

from portal.documents.signers import SignerKind
from portal.fields import VersionedForm

CODE_HELP = _l("Chữ in hoa không dấu, ví dụ: STNMT; dùng trong số văn bản: Số: .../TTr-STNMT.")


def _text(label, length: int = 255, description=None) -> StringField:
    return StringField(label, validators=[Optional(), Length(max=length)], description=description)


class UnitSignersForm(VersionedForm):
    document_code = _text(_l("Ký hiệu đơn vị trong số văn bản"), 32, CODE_HELP)
    head_name = _text(_l("Họ tên Thủ trưởng đơn vị"))
    head_position = _text(
        _l("Chức vụ Thủ trưởng đơn vị"), description=_l("Ví dụ: Trưởng phòng, Giám đốc Trung tâm.")
    )
    deputy_name = _text(_l("Họ tên cấp phó"))
    deputy_position = _text(_l("Chức vụ cấp phó"))
    deputy_signs = BooleanField(
        _l("Cấp phó ký thay Thủ trưởng (KT.)"),
        description=_l("Văn bản của đơn vị ghi “KT.” trước chức vụ của Thủ trưởng."),
    )
    submit = SubmitField(_l("Lưu"))


class DocumentSettingsForm(VersionedForm):
    document_code = _text(_l("Ký hiệu của Sở trong số văn bản"), 32, CODE_HELP)
    proposal_authority = _text(_l("Thẩm quyền ký (ví dụ: KT. GIÁM ĐỐC)"), 64)
    proposal_position = _text(_l("Chức vụ người ký"))
    proposal_name = _text(_l("Họ tên người ký"))
    yearly_report_authority = _text(_l("Thẩm quyền ký (ví dụ: KT. GIÁM ĐỐC)"), 64)
    yearly_report_position = _text(_l("Chức vụ người ký"))
    yearly_report_name = _text(_l("Họ tên người ký"))
    certification_authority = _text(_l("Thẩm quyền ký (ví dụ: KT. GIÁM ĐỐC)"), 64)
    certification_position = _text(_l("Chức vụ người ký"))
    certification_name = _text(_l("Họ tên người ký"))
    submit = SubmitField(_l("Lưu"))

    def signer_values(self) -> dict[str, tuple[str, str, str]]:
        return {
            kind: tuple(
                getattr(self, f"{kind}_{part}").data or ""
                for part in ("authority", "position", "name")
            )
            for kind in SignerKind
        }
