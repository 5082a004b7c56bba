"""Every record the audit log writes has a Vietnamese and an English name for itself
and for each field it records: a model without labels fails here, so a new capability
names its records in its own audit_labels.py (registered in portal/registry.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.audit import audited_columns, is_audited
from portal.audit_labels import field_label, record_label, registered_labels
from portal.extensions import db
from portal.msgids import Msgid

CATALOGUE = (
    Path(__file__).resolve().parent.parent / "portal/translations/en/LC_MESSAGES/messages.po"
)


def audited_models() -> list[type]:
    return sorted(
        (m.class_ for m in db.Model.registry.mappers if is_audited(m.class_)),
        key=lambda model: model.__name__,
    )


@pytest.fixture(scope="module")
def english() -> dict[tuple[str | None, str], str]:
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    return {(m.context, m.id): m.string for m in catalogue if m.id and m.string and not m.fuzzy}


def _has_english(msgid: Msgid, english: dict) -> bool:
    key = msgid if isinstance(msgid, tuple) else (None, msgid)
    return bool(english.get(key))


def unlabelled(records: list[tuple[str, list[str]]], english: dict) -> list[str]:
    """Of (object type, audited columns) pairs, what lacks a Vietnamese or English name."""
    missing = []
    for name, columns in records:
        label = record_label(name)
        if not label or not _has_english(label, english):
            missing.append(f"{name}: {label or 'no label'}")
        for column in columns:
            label = field_label(name, column)
            if not label or not _has_english(label, english):
                missing.append(f"{name}.{column}: {label or 'no label'}")
    return missing


def test_every_audited_model_and_column_is_named_in_both_languages(app, english):
    records = [(model.__name__, audited_columns(model)) for model in audited_models()]
    assert len(records) > 40
    missing = unlabelled(records, english)
    assert not missing, "Without a Vietnamese or English label:\n" + "\n".join(missing)


def test_a_model_without_labels_is_caught(app, english):
    """The check sees an audited model its capability forgot to name, and a field
    that no label covers; fields every record shares are named once for all."""
    missing = unlabelled([("UnnamedRecord", ["unit_id", "colour"]), ("Unit", ["kind"])], english)
    assert missing == ["UnnamedRecord: no label", "UnnamedRecord.colour: no label"]


def test_labels_name_only_models_that_exist(app):
    models = {m.class_.__name__ for m in db.Model.registry.mappers}
    assert set(registered_labels()) <= models


def test_technical_tables_are_not_audited(app):
    audited = {model.__tablename__ for model in audited_models()}
    assert "audit_log" not in audited and "mail_messages" not in audited
    assert "submission_tokens" not in audited
