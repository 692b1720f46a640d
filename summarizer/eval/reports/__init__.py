"""Reports: an ``EvalReport`` as JSON, JUnit XML, Markdown or HTML, and two reports compared.

Each writer is a pure function returning text; the CLI decides where it goes.
"""

from __future__ import annotations

from summarizer.eval.reports.compare import Comparison, compare_reports, comparison_markdown
from summarizer.eval.reports.html import DocumentSource, comparison_html, html_report
from summarizer.eval.reports.json_report import read_report, report_json
from summarizer.eval.reports.junit import junit_xml
from summarizer.eval.reports.markdown import markdown_report

__all__ = [
    "Comparison",
    "DocumentSource",
    "compare_reports",
    "comparison_html",
    "comparison_markdown",
    "html_report",
    "junit_xml",
    "markdown_report",
    "read_report",
    "report_json",
]
