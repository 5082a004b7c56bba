"""The application factory and the configuration it reads."""

import pytest

import config
from portal import create_app


def test_testing_config():
    app = create_app("testing")
    assert app.testing
    assert app.config["BABEL_DEFAULT_LOCALE"] == "vi"
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_production_refuses_default_secret(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(config, "load_dotenv", lambda *a, **k: None)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")


def test_production_accepts_real_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-secret-value")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/p.db")
    monkeypatch.setenv("PORTAL_BASE_URL", "https://tdkt.example.vn")
    app = create_app("production")
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_postgres_url_uses_psycopg(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    assert config.load("development").SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u@h/db"


def test_home_redirects_anonymous(client):
    response = client.get("/")
    assert response.status_code == 302


def test_unknown_page_is_404_in_portal_style(client):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)
