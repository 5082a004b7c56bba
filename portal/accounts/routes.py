"""Account pages: sign in and out, forgotten password, change password."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts import services
from portal.accounts.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    ResetPasswordForm,
)
from portal.actions import attempt
from portal.extensions import limiter
from portal.urls import safe_next_url

bp = Blueprint("accounts", __name__, template_folder="templates")


def _login_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    _login_limit,
    methods=["POST"],
    # Only failed attempts count: a successful sign-in redirects.
    deduct_when=lambda response: response.status_code != 302,
)
def login():
    if current_user.is_authenticated:
        return redirect(safe_next_url(request.args.get("next")))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            attempt(services.record_login, user)
            login_user(user, remember=form.remember.data)
            return redirect(safe_next_url(form.next.data))
        # One message whatever went wrong: the form never reveals whether an email exists.
        flash(_("Email hoặc mật khẩu không đúng."), "error")
    form.password.data = ""
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/forgot-password", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        attempt(services.send_password_reset, form.email.data)
        # The same answer whether or not the address has an account.
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
    if form.validate_on_submit():
        attempt(services.change_password, user, form.new_password.data)
        if current_user.is_authenticated and current_user.id != user.id:
            logout_user()
        flash(_("Đã lưu mật khẩu mới. Vui lòng đăng nhập."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form, user=user)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if (
        form.validate_on_submit()
        and attempt(
            services.change_own_password,
            current_user._get_current_object(),
            form.current_password.data,
            form.new_password.data,
            form=form,
        ).ok
    ):
        flash(_("Đã đổi mật khẩu."), "success")
        return redirect(url_for("home.index"))
    return render_template("accounts/change_password.html", form=form)
