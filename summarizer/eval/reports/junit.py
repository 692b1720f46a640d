"""``junit.xml``: one testcase per gate, and one per document and field.

A document's testcase fails when its brief was invalid, or when its own score is below a
gate from the config or the command line (``gates.document_failures``). The ``brief``
testcase carries the document's latency as its time.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, indent, tostring

from summarizer.eval.gates import document_failures
from summarizer.eval.manifest import Split
from summarizer.eval.reports._format import number
from summarizer.eval.results import DocumentResult, EvalReport, GateStatus


def junit_xml(report: EvalReport) -> str:
    root = Element("testsuites", name="summarizer eval")
    gates = SubElement(root, "testsuite", name="gates")
    for gate in report.gates:
        case = SubElement(
            gates, "testcase", classname="gates", name=f"{gate.key} >= {gate.threshold:.3f}"
        )
        if gate.status is GateStatus.failed:
            SubElement(
                case, "failure", message=f"{gate.key} is {number(gate.value)} ({gate.origin})"
            )
        elif gate.status is GateStatus.skipped:
            SubElement(case, "skipped", message=f"the {gate.split} split was not run")
    for split in Split:
        documents = [doc for doc in report.documents if doc.split is split]
        if documents:
            suite = SubElement(root, "testsuite", name=f"eval.{split}")
            for document in documents:
                _document_cases(suite, document, report)
    for suite in root:
        cases = list(suite)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(case.find("failure") is not None for case in cases)))
        suite.set("skipped", str(sum(case.find("skipped") is not None for case in cases)))
    indent(root)
    return tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _document_cases(suite: Element, document: DocumentResult, report: EvalReport) -> None:
    failures = document_failures(document, report.gates)
    names = ["brief", *document.fields]
    names += [name for name, text in document.texts.items() if text.rouge_l is not None]
    for name in names:
        case = SubElement(
            suite, "testcase", classname=f"eval.{document.split}.{document.id}", name=name
        )
        if name == "brief" and document.latency_ms is not None:
            case.set("time", f"{document.latency_ms / 1000:.3f}")
        if not document.valid:
            SubElement(case, "failure", message=f"invalid brief: {document.error}")
        elif name in failures:
            SubElement(case, "failure", message="; ".join(failures[name]))
