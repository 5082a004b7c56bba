"""Forms of the consideration pages: rounds, nominations, ballots, rules and titles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from portal.consideration.catalogue import QUORUM_BASIS, QUORUM_PERCENT
from portal.consideration.models import (
    RoundStatus,
    ThresholdComparison,
    TitleAudience,
    VoteBase,
    VoteChoice,
)
from portal.exemplars.models import ExemplarKind
from portal.fields import VersionedForm, VnDateField, VnTimeField
from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.submissions import OnceForm


def options(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class RoundForm(OnceForm, VersionedForm):
    title = StringField(_l("Tên phiên bình xét"), validators=[DataRequired(), Length(max=500)])
    period_id = SelectField(_l("Kỳ kế hoạch"), coerce=int)
    year = IntegerField(
        _l("Năm xét thành tích"), validators=[DataRequired(), NumberRange(min=2000, max=2100)]
    )
    meeting_date = VnDateField(_l("Ngày họp Hội đồng"), validators=[DataRequired()])
    meeting_time = VnTimeField(_l("Giờ họp"), validators=[Optional()])
    location = StringField(_l("Địa điểm họp"), validators=[Optional(), Length(max=255)])
    minutes_number = StringField(
        _l("Số biên bản (để trống: tự cấp khi kết thúc phiên)"),
        validators=[Optional(), Length(max=50)],
    )
    submit = SubmitField(_l("Lưu"))


class CancelRoundForm(PortalForm):
    """Cancel an open round and open a new one with the same nominations."""

    reason = TextAreaField(
        _l("Lý do hủy phiên"), validators=[DataRequired(), Length(min=5, max=5000)]
    )
    meeting_date = VnDateField(_l("Ngày họp của phiên mới"), validators=[DataRequired()])
    submit = SubmitField(_l("Hủy phiên và mở phiên mới"))


class NominationForm(OnceForm, VersionedForm):
    award_title_id = SelectField(_l("Danh hiệu, hình thức khen thưởng"), coerce=int)
    exemplar_id = SelectField(_l("Điển hình tiên tiến"), coerce=int, default=0)
    nominee_user_id = SelectField(_l("Hoặc cán bộ"), coerce=int, default=0)
    nominee_name = StringField(
        _l("Hoặc tên tập thể/cá nhân khác"), validators=[Optional(), Length(max=255)]
    )
    nominee_kind = SelectField(
        _l("Tập thể hay cá nhân (khi nhập tên)"),
        choices=options([("", _l("— Chọn —")), *ExemplarKind.choices()]),
        default="",
    )
    unit_id = SelectField(_l("Đơn vị"), coerce=int, default=0)
    achievements = TextAreaField(
        _l("Thành tích, lý do đề nghị"), validators=[Optional(), Length(max=20000)]
    )
    unregistered_reason = TextAreaField(
        _l("Lý do đề nghị khi không đăng ký thi đua đầu năm"),
        description=_l(
            "Bắt buộc khi người, tập thể được đề nghị không có trong bản đăng ký thi đua đầu "
            "năm đã được chấp nhận; lý do được ghi vào biên bản họp Hội đồng."
        ),
        validators=[Optional(), Length(max=4000)],
    )
    submit = SubmitField(_l("Lưu đề nghị"))


class BallotForm(PortalForm):
    """Only the CSRF token: the radios are one per nomination, read by `parse_ballot`."""

    submit = SubmitField(_l("Ghi nhận phiếu"))


def ballot_field(nomination_id: int) -> str:
    return f"vote-{nomination_id}"


def parse_ballot(data: Mapping[str, str], nomination_ids: Iterable[int]) -> dict[int, VoteChoice]:
    """The choices submitted for the round's nominations; blanks are left as they were."""
    choices: dict[int, VoteChoice] = {}
    for nomination_id in nomination_ids:
        value = (data.get(ballot_field(nomination_id)) or "").strip()
        if not value:
            continue
        try:
            choices[nomination_id] = VoteChoice(value)
        except ValueError:
            raise ValueError(value) from None
    return choices


class VotingRuleForm(OnceForm, VersionedForm):
    award_title_id = SelectField(_l("Áp dụng cho danh hiệu"), coerce=int)
    comparison = SelectField(
        _l("Cách tính"),
        choices=options(ThresholdComparison.choices()),
    )
    threshold_percent = IntegerField(
        _l("Tỷ lệ (% tổng số thành viên Hội đồng)"),
        validators=[DataRequired(), NumberRange(min=1, max=100)],
    )
    effective_from = VnDateField(_l("Hiệu lực từ ngày"), validators=[DataRequired()])
    effective_to = VnDateField(
        _l("Đến hết ngày (để trống nếu chưa hết hiệu lực)"), validators=[Optional()]
    )
    legal_basis = StringField(_l("Căn cứ pháp lý"), validators=[DataRequired(), Length(max=500)])
    base = SelectField(
        _l("Cơ sở tính tỷ lệ"),
        choices=options(VoteBase.choices()),
        default=VoteBase.ALL_MEMBERS.value,
    )
    base_basis = StringField(
        _l("Căn cứ của cơ sở tính tỷ lệ (để trống: theo căn cứ pháp lý của quy định)"),
        validators=[Optional(), Length(max=500)],
    )
    quorum_percent = IntegerField(
        _l("Số thành viên dự họp tối thiểu (% tổng số thành viên; 0: không quy định)"),
        default=QUORUM_PERCENT,
        validators=[Optional(), NumberRange(min=0, max=100)],
    )
    quorum_basis = StringField(
        _l("Căn cứ của số thành viên dự họp tối thiểu"),
        default=QUORUM_BASIS,
        validators=[Optional(), Length(max=500)],
    )
    needs_verification = BooleanField(_l("Cần kiểm tra lại"))
    note = TextAreaField(_l("Ghi chú"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Lưu quy định"))

    def validate_effective_to(self, field: VnDateField) -> None:
        if field.data and self.effective_from.data and field.data < self.effective_from.data:
            raise ValidationError(_l("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))


class AwardTitleForm(OnceForm, VersionedForm):
    code = StringField(
        _l("Mã"),
        validators=[
            DataRequired(),
            Length(max=32),
            Regexp(r"^[A-Za-z0-9_]+$", message=_l("Chỉ dùng chữ không dấu, số và dấu gạch dưới.")),
        ],
    )
    name = StringField(
        _l("Tên danh hiệu, hình thức khen thưởng"), validators=[DataRequired(), Length(max=255)]
    )
    audience = SelectField(_l("Đối tượng"), choices=options(TitleAudience.choices()))
    sort_order = IntegerField(_l("Thứ tự hiển thị"), default=100, validators=[Optional()])
    is_active = BooleanField(_l("Đang sử dụng"), default=True)
    submit = SubmitField(_l("Lưu"))


class RoundFilterForm(FilterForm):
    """The list of rounds: by status, year, words of the title."""

    status = SelectField(choices=["", *(s.value for s in RoundStatus)])
    year = IntegerField()
    q = StringField(validators=[Length(max=200)])


class RuleFilterForm(FilterForm):
    """The voting rules: of one title (0: the default rule), or those to verify."""

    title = IntegerField()
    verify = StringField(validators=[Length(max=32)])


class TitleFilterForm(FilterForm):
    """The award titles, by words of their name."""

    q = StringField(validators=[Length(max=200)])
