"""Reports: an ``EvalReport`` as JSON, JUnit XML or Markdown, and two reports compared.

Each writer is a pure function returning text; the CLI decides where it goes.
"""

from __future__ import annotations

from summarizer.eval.reports.compare import Comparison, compare_reports, comparison_markdown
from summarizer.eval.reports.json_report import read_report, report_json
from summarizer.eval.reports.junit import junit_xml
from summarizer.eval.reports.markdown import markdown_report

__all__ = [
    "Comparison",
    "compare_reports",
    "comparison_markdown",
    "junit_xml",
    "markdown_report",
    "read_report",
    "report_json",
]
