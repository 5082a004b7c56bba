"""The Exemplar Portal (Cổng điển hình tiên tiến): the application factory."""

from __future__ import annotations

import logging

from flask import Flask

import config as portal_config
from portal import urls


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    from portal.evidence.upload_limit import PortalRequest

    app = Flask(__name__, instance_relative_config=False)
    app.request_class = PortalRequest  # a file over the limit is refused on its form
    settings = portal_config.load(config_name)
    app.config.update(settings.as_dict())
    if overrides:
        app.config.update(overrides)
    urls.set_public_address(app.config)
    trust_proxy(app)
    settings.INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    cache_compiled_templates(app, settings.INSTANCE_DIR / "jinja")
    register_extensions(app)
    register_capabilities(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    logging.basicConfig(level=logging.INFO)
    return app


def trust_proxy(app: Flask) -> None:
    """Behind PROXY_FIX_X_FOR reverse proxies, take the client's address and scheme
    from their X-Forwarded-For / X-Forwarded-Proto headers (the last N hops only: a
    client cannot choose its address by sending the header itself)."""
    hops = int(app.config.get("PROXY_FIX_X_FOR", 0))
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def cache_compiled_templates(app: Flask, directory) -> None:
    """Compiled templates kept on disk between processes (each gunicorn worker, each
    RQ work horse starts warm). Set before anything touches `app.jinja_env`."""
    from jinja2 import FileSystemBytecodeCache

    directory.mkdir(parents=True, exist_ok=True)
    app.jinja_options = {
        **app.jinja_options,
        "bytecode_cache": FileSystemBytecodeCache(str(directory)),
    }


def register_extensions(app: Flask) -> None:
    from portal import i18n, security_headers
    from portal.extensions import babel, bootstrap, csrf, db, limiter, login_manager, mail, migrate
    from portal.jobs.connection import redis_for, storage_uri

    db.init_app(app)
    migrate.init_app(app, db, directory=str(portal_config.BASE_DIR / "migrations"))
    csrf.init_app(app)
    mail.init_app(app)
    bootstrap.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    if app.config.get("RATELIMIT_ENABLED", True) and "RATELIMIT_STORAGE_URI" not in app.config:
        app.config["RATELIMIT_STORAGE_URI"] = storage_uri(redis_for(app))
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"
    security_headers.init_app(app)

    from flask_login import user_loaded_from_cookie

    from portal.accounts import sessions, throttle

    throttle.install(app)
    # A session names "<id>:<session secret>:<stamp>": see portal/accounts/sessions.py.
    login_manager.user_loader(sessions.load)
    user_loaded_from_cookie.connect(sessions.keep_alive, app)


def register_capabilities(app: Flask) -> None:
    """Models, blueprints and every extension point, as portal/registry.py lists them."""
    from portal import registry

    registry.register(app)


def register_errorhandlers(app: Flask) -> None:
    from portal import errors

    errors.register(app)


def register_template_helpers(app: Flask) -> None:
    from portal import formatting, navigation, submissions

    formatting.register(app)
    navigation.register(app)
    # A create form written out by hand (no form class) carries its one-time token too.
    app.jinja_env.globals["submission_token"] = submissions.new_token
    # base.html reads the locale; Flask-Babel 4 does not put it in templates itself.
    from flask_babel import get_locale

    app.jinja_env.globals.setdefault("get_locale", get_locale)


def register_commands(app: Flask) -> None:
    from portal import cli, demo

    cli.register(app)
    demo.register(app)  # scaffolding: `flask demo` seeds the demo department
