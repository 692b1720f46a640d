"""``report.json``: the report model serialised, and read back for --baseline and --compare."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from summarizer.errors import ConfigError
from summarizer.eval.results import EvalReport


def report_json(report: EvalReport) -> str:
    return report.model_dump_json(indent=2) + "\n"


def read_report(path: Path) -> EvalReport:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read ({error})") from error
    try:
        return EvalReport.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(report)"
        raise ConfigError(
            f"{path}: not a report.json written by `summarizer eval` ({where}: {first['msg']})"
        ) from None
