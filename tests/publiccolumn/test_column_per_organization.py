"""Each organization has its public column at /<slug>/chuyen-muc-dien-hinh/: another
organization's story or photo is not found there, the old address leads to the one
column or lists the organizations, and the Office chooses its slug."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, func, select, text

import config
from portal.audit import AuditLog
from portal.evidence.services import save_upload
from portal.extensions import db
from portal.organizations.models import Organization
from portal.organizations.slugs import slugify, unique_slug
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from tests.factories import make_organization
from tests.publiccolumn.conftest import PNG
from tests.test_migrations import redis_url


def _photo(story):
    from io import BytesIO

    from werkzeug.datastructures import FileStorage

    upload = FileStorage(BytesIO(PNG), filename="anh.png", content_type="image/png")
    story.photo = save_upload(upload, story.unit_id, "exemplar_story", story.id, None)
    db.session.commit()
    return story


@pytest.fixture
def two_columns(world, make_story):
    """A published story with a photo in each organization."""
    ours = _photo(make_story(world.unit_a, "Bài của Sở TN&MT", status=StoryStatus.PUBLISHED))
    theirs = _photo(
        make_story(world.foreign_unit, "Bài của Sở Nội vụ", status=StoryStatus.PUBLISHED)
    )
    return ours, theirs


def test_each_column_lists_only_its_organizations_stories(client, world, two_columns):
    ours = client.get("/so-tnmt/chuyen-muc-dien-hinh/").get_data(as_text=True)
    theirs = client.get("/so-noi-vu/chuyen-muc-dien-hinh/").get_data(as_text=True)
    assert "Bài của Sở TN&amp;MT" in ours and "Bài của Sở Nội vụ" not in ours
    assert "Bài của Sở Nội vụ" in theirs and "Bài của Sở TN&amp;MT" not in theirs
    assert world.other_org.name in theirs


def test_a_story_or_photo_of_another_organization_is_404_under_a_slug(client, two_columns):
    ours, theirs = two_columns
    for path in ("", "/anh"):
        assert client.get(f"/so-tnmt/chuyen-muc-dien-hinh/{ours.id}{path}").status_code == 200
        assert client.get(f"/so-tnmt/chuyen-muc-dien-hinh/{theirs.id}{path}").status_code == 404
        assert client.get(f"/so-noi-vu/chuyen-muc-dien-hinh/{ours.id}{path}").status_code == 404
        assert client.get(f"/so-noi-vu/chuyen-muc-dien-hinh/{theirs.id}{path}").status_code == 200
    assert client.get("/khong-co-so-nay/chuyen-muc-dien-hinh/").status_code == 404


def test_the_old_address_lists_the_organizations_when_there_are_several(client, world):
    response = client.get("/chuyen-muc-dien-hinh/")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert 'href="/so-tnmt/chuyen-muc-dien-hinh/"' in text
    assert 'href="/so-noi-vu/chuyen-muc-dien-hinh/"' in text


def test_the_old_address_leads_to_the_column_of_the_only_organization(app, client):
    org = make_organization("Sở Tư pháp tỉnh Quảng Bình")
    assert org.slug == "so-tu-phap-tinh-quang-binh"
    response = client.get("/chuyen-muc-dien-hinh/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        "/so-tu-phap-tinh-quang-binh/chuyen-muc-dien-hinh/"
    )


def test_an_old_story_address_leads_to_its_organizations_column(client, two_columns):
    ours, theirs = two_columns
    response = client.get(f"/chuyen-muc-dien-hinh/{theirs.id}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/so-noi-vu/chuyen-muc-dien-hinh/{theirs.id}")


def test_the_offices_pages_link_to_the_new_address(world, login_as, two_columns):
    ours, _ = two_columns
    client = login_as(world.office)
    for url in ("/stories/manage", "/stories/", f"/stories/{ours.id}"):
        assert "/so-tnmt/chuyen-muc-dien-hinh/" in client.get(url).get_data(as_text=True), url


# The slug -------------------------------------------------------------------------


def test_slugs_are_lowercase_ascii_without_diacritics():
    assert slugify("Sở Đào tạo & Phát triển – Quảng Bình") == "so-dao-tao-phat-trien-quang-binh"
    assert len(slugify("Sở " + "Tài nguyên và Môi trường " * 5)) <= 40
    assert unique_slug("Sở Tư pháp", {"so-tu-phap", "so-tu-phap-2"}) == "so-tu-phap-3"


def test_a_new_organization_gets_an_unused_slug(app):
    first = make_organization("Sở Y tế")
    second = make_organization("Sở Y Tế")
    assert (first.slug, second.slug) == ("so-y-te", "so-y-te-2")


def test_the_office_changes_the_slug(world, login_as):
    client = login_as(world.office)
    page = client.get("/admin/organization").get_data(as_text=True)
    assert 'value="so-tnmt"' in page and "/so-tnmt/chuyen-muc-dien-hinh/" in page
    before = db.session.scalar(select(func.count(AuditLog.id)))
    response = client.post("/admin/organization", data={"slug": "stnmt-quang-binh"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organization, world.org.id).slug == "stnmt-quang-binh"
    assert db.session.scalar(select(func.count(AuditLog.id))) > before
    assert client.get("/stnmt-quang-binh/chuyen-muc-dien-hinh/").status_code == 200
    assert client.get("/so-tnmt/chuyen-muc-dien-hinh/").status_code == 404


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Sở-TNMT", "chữ thường không dấu"),
        ("so--tnmt", "chữ thường không dấu"),
        ("-so", "chữ thường không dấu"),
        ("so tnmt", "chữ thường không dấu"),
        ("s" * 41, "tối đa 40 ký tự"),
        ("so-noi-vu", "Đã có sở khác dùng tên rút gọn này"),
        ("admin", "trùng với một địa chỉ của cổng"),
        ("stories", "trùng với một địa chỉ của cổng"),
        ("", "Vui lòng nhập"),
    ],
)
def test_a_bad_slug_is_refused_on_its_field(world, login_as, slug, message):
    client = login_as(world.office)
    response = client.post("/admin/organization", data={"slug": slug})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Organization, world.org.id).slug == "so-tnmt"


def test_only_the_office_edits_its_own_organization(world, login_as):
    for user in (world.coordinator_a, world.council, world.viewer):
        assert login_as(user).post("/admin/organization", data={"slug": "x-y"}).status_code == 403
    login_as(world.foreign_office).post("/admin/organization", data={"slug": "noi-vu-moi"})
    db.session.expire_all()
    assert db.session.get(Organization, world.org.id).slug == "so-tnmt"
    assert db.session.get(Organization, world.other_org.id).slug == "noi-vu-moi"


def test_create_admin_sets_the_slug(app, runner):
    password = ["--password", "sen-no-giua-dam-2025"]
    args = ["create-admin", "--email", "vp@tp.vn", "--name", "Văn Phòng", *password]
    result = runner.invoke(args=[*args, "--organization", "Sở Tư pháp"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        args=[*args[:2], "vp2@xd.vn", *args[3:], "--organization", "Sở Xây dựng", "--slug", "sxd"]
    )
    assert result.exit_code == 0, result.output
    bad = runner.invoke(
        args=[*args[:2], "vp3@ct.vn", *args[3:], "--organization", "Sở Công Thương", "--slug", "Sở"]
    )
    assert bad.exit_code != 0 and "chữ thường" in bad.output
    slugs = dict(list(db.session.execute(select(Organization.name, Organization.slug))))
    assert slugs == {"Sở Tư pháp": "so-tu-phap", "Sở Xây dựng": "sxd"}


def test_the_migration_gives_existing_organizations_a_slug(tmp_path, redis_server):
    url = f"sqlite:///{tmp_path / 'slugs.db'}"
    env = dict(os.environ)
    env.pop("PORTAL_ENV", None)
    env.update(
        DATABASE_URL=url, PORTAL_INSTANCE_DIR=str(tmp_path), REDIS_URL=redis_url(redis_server)
    )

    def upgrade(*target: str) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade", *target],
            cwd=config.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr[-3000:]

    upgrade("0003")
    engine = create_engine(url)
    with engine.begin() as conn:
        for name in ("Sở Nội vụ", "Sở Nội Vụ", "Đài Phát thanh"):
            conn.execute(
                text(
                    "insert into organizations (name, short_name, province, parent_body,"
                    " document_code, created_at, updated_at) values"
                    " (:name, '', '', '', '', current_timestamp, current_timestamp)"
                ),
                {"name": name},
            )
    upgrade()
    with engine.connect() as conn:
        slugs = conn.execute(text("select slug from organizations order by id")).scalars().all()
    engine.dispose()
    assert slugs == ["so-noi-vu", "so-noi-vu-2", "dai-phat-thanh"]


def test_stories_of_both_organizations_exist(two_columns):
    # The fixture's two stories belong to two organizations (what the tests above rely on).
    ours, theirs = two_columns
    assert ours.unit.organization_id != theirs.unit.organization_id
    assert db.session.scalar(select(func.count(ExemplarStory.id))) == 2
