"""The Department Office's administration: units, people, staff import, the audit log."""
