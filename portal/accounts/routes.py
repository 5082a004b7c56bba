"""Account pages: sign in and out, forgotten password, change password, all devices."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts import services, sessions, throttle
from portal.accounts.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    ResetPasswordForm,
    RevokeSessionsForm,
)
from portal.actions import attempt
from portal.urls import safe_next_url

bp = Blueprint("accounts", __name__, template_folder="templates")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next_url(request.args.get("next")))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    status = 200
    if form.validate_on_submit():
        email, address = form.email.data, request.remote_addr or ""
        refusal = throttle.login_refusal(email, address)
        user = None if refusal else services.authenticate(email, form.password.data)
        if user is not None:
            throttle.login_succeeded(email)
            attempt(services.record_login, user, form.password.data)
            sessions.start(user, remember=form.remember.data)
            return redirect(safe_next_url(form.next.data))
        if refusal is not None:
            attempt(services.record_login_failure, email, reason=f"throttled_{refusal.reason}")
            flash(_refusal_message(refusal), "error")
            status = 429
        else:
            locked = throttle.login_failed(email, address)
            attempt(services.record_login_failure, email, locked=locked)
            # One message whatever went wrong: the form never reveals whether an email exists.
            flash(_("Email hoặc mật khẩu không đúng."), "error")
    form.password.data = ""
    return render_template("accounts/login.html", form=form), status


def _refusal_message(refusal: throttle.Refusal) -> str:
    minutes = max(1, round(refusal.wait.total_seconds() / 60))
    if refusal.reason == "account":
        # Unknown emails are locked the same way: this says nothing about whether one exists.
        return _(
            "Tài khoản này tạm thời bị khóa vì đăng nhập sai nhiều lần. Vui lòng thử lại "
            "sau %(minutes)d phút, hoặc dùng “Quên mật khẩu?” để đặt lại mật khẩu.",
            minutes=minutes,
        )
    return _(
        "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng của bạn. Vui lòng thử lại sau "
        "%(minutes)d phút.",
        minutes=minutes,
    )


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        attempt(services.sign_out, current_user._get_current_object())
    sessions.end()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("accounts.login"))


@bp.post("/account/sessions/revoke")
@login_required
def revoke_sessions():
    form = RevokeSessionsForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        attempt(services.revoke_sessions, user, user, reason="all_devices")
        sessions.end()
        flash(_("Đã đăng xuất khỏi mọi thiết bị. Vui lòng đăng nhập lại."), "info")
        return redirect(url_for("accounts.login"))
    return redirect(url_for("accounts.change_password"))


@bp.route("/forgot-password", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        if not throttle.reset_address_allowed(request.remote_addr or ""):
            flash(_("Có quá nhiều yêu cầu từ địa chỉ mạng của bạn. Vui lòng thử lại sau."), "error")
            return render_template("accounts/forgot_password.html", form=form), 429
        if throttle.reset_account_allowed(form.email.data):
            attempt(services.request_password_reset, form.email.data)
        # The same answer whether or not the address has an account, or had its share.
        flash(
            _(
                "Nếu địa chỉ này có tài khoản trên cổng, một thư hướng dẫn đặt lại mật khẩu "
                "đã được gửi tới. Vui lòng kiểm tra hộp thư."
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = services.user_from_token(token)
    if user is None:
        flash(
            _(
                "Liên kết đặt mật khẩu không hợp lệ, đã hết hạn hoặc đã được dùng. "
                "Vui lòng yêu cầu lại."
            ),
            "error",
        )
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if (
        form.validate_on_submit()
        and attempt(services.change_password, user, form.new_password.data, form=form).ok
    ):
        # The owner proved it by email: a lock from someone else's guesses ends.
        throttle.login_succeeded(user.email)
        if current_user.is_authenticated:
            sessions.end()
        flash(_("Đã lưu mật khẩu mới. Vui lòng đăng nhập."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form, user=user)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    if (
        form.validate_on_submit()
        and attempt(
            services.change_own_password,
            user,
            form.current_password.data,
            form.new_password.data,
            form=form,
        ).ok
    ):
        # Every session ended with the old secret: this browser starts a new one.
        sessions.start(user, remember=False)
        flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc."), "success")
        return redirect(url_for("home.index"))
    return render_template(
        "accounts/change_password.html", form=form, revoke_form=RevokeSessionsForm()
    )
