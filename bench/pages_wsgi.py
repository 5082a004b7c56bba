"""The application bench/pages.py serves with gunicorn: the portal exactly as wsgi.py
builds it, plus the two yardsticks of the benchmark: a bare Flask view (/__bare/, a
second Flask app with nothing in it) and the floor page (/__floor: signed in, the
base layout, no content)."""

from flask import Flask, render_template
from flask_login import login_required
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from portal import create_app


def add_yardsticks(portal: Flask) -> Flask:
    @portal.get("/__floor")
    @login_required
    def floor():
        return render_template("base.html")

    bare = Flask("bare")

    @bare.get("/")
    def bare_view():
        return "ok"

    portal.wsgi_app = DispatcherMiddleware(portal.wsgi_app, {"/__bare": bare})
    return portal


app = add_yardsticks(create_app())
