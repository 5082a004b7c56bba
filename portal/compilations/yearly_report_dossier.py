"""The compile job "yearly_report": every unit's annual report and self-assessment
result of a year into one Department report (Word, and PDF where LibreOffice is
installed) and statistics (Excel).
One step per unit writes that unit's row to disk; the last step builds the files."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

from sqlalchemy import select

from portal.annualreports.figures import (
    exemplar_figures,
    figures_for,
    inspection_figures,
    propagation_figures,
)
from portal.annualreports.models import AnnualReport
from portal.annualreports.sections import COMMENTARY_FIELDS, PROPOSALS_LABEL, SECTIONS
from portal.assessments.models import SelfAssessment
from portal.assessments.scoring import format_score
from portal.assessments.services import office_total, self_total
from portal.budget import services as budget
from portal.compilations import summaries
from portal.compilations.builders import Builder, Step
from portal.compilations.congress_dossier import pdf_step
from portal.compilations.models import Compilation
from portal.congress.records import issuer_of
from portal.documents.yearly_report import UnitYear, build_statistics, build_yearly_report
from portal.extensions import db
from portal.formatting import VN_TZ, format_vnd
from portal.models_base import as_utc
from portal.organizations.models import Organization, Unit
from portal.reviews.states import ReviewState

KIND = "yearly_report"
PARTS = "_parts"  # per-unit rows on disk, not part of the ZIP


def _units(compilation: Compilation) -> list[Unit]:
    return list(
        db.session.scalars(
            select(Unit)
            .where(Unit.organization_id == compilation.organization_id, Unit.is_active.is_(True))
            .order_by(Unit.name, Unit.id)
        )
    )


def _record(model, unit_id: int, compilation: Compilation):
    return db.session.scalar(
        select(model).where(
            model.unit_id == unit_id,
            model.period_id == compilation.period_id,
            model.year == compilation.year,
        )
    )


def _inputs(compilation: Compilation) -> dict:
    rows = []
    units = _units(compilation)
    for unit in units:
        for kind, model in (("annual_report", AnnualReport), ("self_assessment", SelfAssessment)):
            record = _record(model, unit.id, compilation)
            if record is not None:
                rows.append(
                    {
                        "kind": kind,
                        "id": record.id,
                        "unit_id": unit.id,
                        "state": str(record.state),
                        "updated_at": as_utc(record.updated_at).isoformat()
                        if record.updated_at
                        else None,
                    }
                )
    return {"year": compilation.year, "unit_ids": [unit.id for unit in units], "records": rows}


def unit_row(unit: Unit, compilation: Compilation) -> UnitYear:
    year = compilation.year
    report = _record(AnnualReport, unit.id, compilation)
    assessment = _record(SelfAssessment, unit.id, compilation)
    # Only an accepted report is quoted: a draft or returned one is not the unit's word.
    accepted = report if report is not None and report.state == ReviewState.ACCEPTED else None
    if accepted is not None:
        figures = figures_for(accepted)
    else:
        figures = {
            "exemplars": exemplar_figures(unit.id, year),
            "propagation": propagation_figures(unit.id, year),
            "inspections": inspection_figures(unit.id, year),
        }
    exemplars, propagation = figures["exemplars"], figures["propagation"]
    inspections = figures["inspections"]
    quota = exemplars.get("quota") or {}
    findings_status = inspections.get("findings_by_status", {})
    labels = {s.commentary_field: str(s.title) for s in SECTIONS}
    labels["proposals"] = str(PROPOSALS_LABEL)
    return UnitYear(
        unit_name=unit.name,
        report_state=str(report.state) if report else "",
        assessment_state=str(assessment.state) if assessment else "",
        self_total=format_score(self_total(assessment)) if assessment else "",
        office_total=format_score(office_total(assessment)) if assessment else "",
        exemplars_by_status=exemplars.get("by_status", {}),
        quota_count=quota.get("count"),
        quota_flag=quota.get("flag", ""),
        propagation_by_channel=propagation.get("by_channel", {}),
        propagation_audience=propagation.get("audience", 0),
        inspections=inspections.get("count", 0),
        findings_by_severity=inspections.get("findings_by_severity", {}),
        findings_open=sum(findings_status.get(s, 0) for s in ("open", "answered", "sent_back")),
        commentary=[(labels.get(f, f), getattr(accepted, f) or "") for f in COMMENTARY_FIELDS]
        if accepted
        else [],
    )


def report_date(compilation: Compilation) -> date:
    """The latest acceptance of the year's reports, else 31/12 of the year."""
    moments = db.session.scalars(
        select(AnnualReport.accepted_at).where(
            AnnualReport.period_id == compilation.period_id,
            AnnualReport.year == compilation.year,
            AnnualReport.accepted_at.is_not(None),
        )
    ).all()
    dates = [as_utc(m).astimezone(VN_TZ).date() for m in moments]
    return max(dates) if dates else date(compilation.year, 12, 31)


def _unit_step(unit_id: int, position: int, compilation_id: int, label: str) -> Step:
    def run(workdir: Path) -> list[str]:
        compilation = db.session.get(Compilation, compilation_id)
        row = unit_row(db.session.get(Unit, unit_id), compilation)
        part = workdir / PARTS / f"{position:04d}.json"
        part.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps(asdict(row), ensure_ascii=False), encoding="utf-8")
        return []

    return Step(label, run)


def _final_step(compilation_id: int) -> Step:
    def run(workdir: Path) -> list[str]:
        compilation = db.session.get(Compilation, compilation_id)
        rows = [
            UnitYear(**json.loads(p.read_text(encoding="utf-8")))
            for p in sorted((workdir / PARTS).glob("*.json"))
        ]
        issuer = issuer_of(db.session.get(Organization, compilation.organization_id))
        year = compilation.year
        on = report_date(compilation)
        budget_table = (
            budget.REPORT_HEADERS,
            budget.report_rows(compilation.organization_id, year, _units(compilation), format_vnd),
        )
        report = build_yearly_report(
            rows, issuer, year, on, workdir / f"bao-cao-nam-{year}.docx", budget=budget_table
        )
        stats = build_statistics(rows, year, workdir / f"thong-ke-nam-{year}.xlsx")
        files = [report, stats]
        return [str(p.relative_to(workdir)) for p in files]

    return Step("Báo cáo tổng hợp và thống kê của Sở", run)


def _steps(compilation: Compilation) -> list[Step]:
    steps = [
        _unit_step(unit.id, position, compilation.id, f"Số liệu của {unit.name}")
        for position, unit in enumerate(_units(compilation), 1)
    ]
    steps.append(_final_step(compilation.id))
    steps.append(pdf_step(expected_files=1))  # the report's PDF copy, when LibreOffice is here
    return steps


BUILDER = Builder(
    label="Báo cáo tổng hợp năm của Sở",
    inputs=_inputs,
    steps=_steps,
    needs_year=True,
    describe=summaries.yearly_summary,
)
