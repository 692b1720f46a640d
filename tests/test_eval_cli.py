"""``summarizer eval``: exit codes 0/1/2, the three reports, gates, baselines and comparisons."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from summarizer.cli import main
from summarizer.eval.dataset import load_suite
from summarizer.eval.gates import baseline_gates
from summarizer.eval.manifest import Split
from summarizer.eval.oracle import oracle_brief
from summarizer.eval.results import EvalReport
from summarizer.testing.fake_openai import FakeOpenAI, Reply

from .eval_support import DOCUMENT, HAJJ, ROOT, ROUHANI, copy_suite

FIELDS = ["brief", "actors", "stances", "threats", "uncertainties", "bluf"]


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    """Three real gold files (two dev, one test) with their articles and a manifest."""
    return copy_suite(tmp_path)


@pytest.fixture
def perfect(suite: Path, tmp_path: Path) -> Path:
    """A directory of briefs that match the gold exactly."""
    directory = tmp_path / "perfect"
    directory.mkdir()
    for sample in load_suite(suite).samples:
        brief = oracle_brief(sample.gold, sample.article)
        (directory / f"{sample.id}.json").write_text(brief.model_dump_json(), encoding="utf-8")
    return directory


def without_actors(source: Path, target: Path) -> Path:
    """A copy of a predictions directory whose briefs list no actors, stances or threats."""
    target.mkdir()
    for path in source.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        data.update(actors=[], stances=[], threats=[])
        (target / path.name).write_text(json.dumps(data), encoding="utf-8")
    return target


def run_eval(*arguments: str | Path) -> int:
    return main(["eval", *(str(argument) for argument in arguments)])


def compare(runs: Path, before: str, after: str, *options: str) -> int:
    """``eval --compare`` of the reports in ``runs/before`` and ``runs/after``, to ``runs/cmp``."""
    return run_eval(
        "--compare", runs / before / "report.json", runs / after / "report.json",
        "--out", runs / "cmp", *options,
    )  # fmt: skip


def read(out: Path) -> EvalReport:
    return EvalReport.model_validate_json((out / "report.json").read_text(encoding="utf-8"))


def test_perfect_briefs_pass_and_write_the_three_reports(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"

    code = run_eval("--suite", suite, "--predictions", perfect, "--out", out)

    assert code == 0
    report = read(out)
    assert set(report.splits) == {"dev", "test"}
    assert report.splits[Split.dev].fields["actors"].f1 == 1.0
    assert report.gap["actors.f1"] == 0.0
    cases = ElementTree.parse(out / "junit.xml").getroot().iter("testcase")
    names = {(case.get("classname"), case.get("name")) for case in cases}
    assert {(f"eval.dev.{HAJJ}", field) for field in FIELDS} <= names
    assert (f"eval.test.{DOCUMENT}", "actors") in names
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert f"### {HAJJ} (dev)" in markdown
    assert "| matched (predicted → gold) | missed (gold) | spurious (predicted) |" in markdown
    printed = capsys.readouterr().out
    assert "uncertainties" in printed
    assert "schema-valid rate" in printed


def test_predicted_quotes_are_checked_again_not_taken_at_their_word(
    suite: Path, perfect: Path, tmp_path: Path
) -> None:
    forged = tmp_path / "forged"
    forged.mkdir()
    for path in perfect.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        quotes = [e for field in FIELDS[1:5] for item in data[field] for e in item["evidence"]]
        quotes[0].update(quote="This sentence is not in the article at all.", verified=True)
        (forged / path.name).write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out"

    code = run_eval("--suite", suite, "--predictions", forged, "--out", out,
                    "--fail-under", "brief.grounding_rate=1.0")  # fmt: skip

    assert code == 1
    documents = read(out).documents
    assert all(doc.grounding.hits == doc.grounding.total - 1 for doc in documents)
    assert read(out).splits[Split.dev].grounding_rate < 1.0


def test_the_reports_say_where_missed_items_were_lost(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"

    assert run_eval("--suite", suite, "--predictions", without_actors(perfect, tmp_path / "p"),
                    "--out", out) == 0  # fmt: skip

    stances = read(out).splits[Split.dev].fields["stances"]
    assert stances.fn > 0
    assert stances.losses["quote"] == stances.fn  # no stance predicted, so none quoted
    markdown = (out / "report.md").read_text(encoding="utf-8")
    row = f"| stances | dev | {stances.fn} | {stances.fn} | actor 0, position 0, topic 0 | 0 |"
    assert row in markdown
    missed = [label for doc in read(out).documents for label in doc.fields["stances"].missed]
    assert len(missed) == stances.fn + read(out).splits[Split.test].fields["stances"].fn
    assert all(f"| {label} (not quoted) |" in markdown for label in missed)
    assert "missed items, by where they were lost" in capsys.readouterr().out


def test_a_failed_gate_exits_one_and_fails_its_junit_testcases(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    worse = without_actors(perfect, tmp_path / "worse")
    out = tmp_path / "out"

    code = run_eval(
        "--suite", suite, "--predictions", worse, "--out", out, "--fail-under", "actors.f1=0.8"
    )

    assert code == 1
    assert "gate(s) failed: dev.actors.f1 0.000 < 0.800" in capsys.readouterr().err
    report = read(out)
    assert [gate.status for gate in report.gates] == ["failed", "failed"]
    root = ElementTree.parse(out / "junit.xml").getroot()
    failed = {
        (case.get("classname"), case.get("name"))
        for case in root.iter("testcase")
        if case.find("failure") is not None
    }
    assert (f"eval.dev.{HAJJ}", "actors") in failed
    assert (f"eval.dev.{HAJJ}", "uncertainties") not in failed
    assert ("gates", "dev.actors.f1 >= 0.800") in failed


def test_a_split_qualified_gate_applies_to_that_split_only(
    suite: Path, perfect: Path, tmp_path: Path
) -> None:
    worse = without_actors(perfect, tmp_path / "worse")
    out = tmp_path / "out"

    code = run_eval(
        "--suite", suite, "--predictions", worse, "--out", out, "--split", "dev",
        "--fail-under", "test.actors.f1=0.8", "--fail-under", "dev.uncertainties.f1=0.9",
    )  # fmt: skip

    assert code == 0
    assert set(read(out).splits) == {"dev"}
    statuses = {gate.key: gate.status for gate in read(out).gates}
    assert statuses == {"test.actors.f1": "skipped", "dev.uncertainties.f1": "passed"}


def test_gates_come_from_the_config_file_and_the_command_line_overrides_them(
    suite: Path, perfect: Path, tmp_path: Path
) -> None:
    worse = without_actors(perfect, tmp_path / "worse")
    (suite / "gates.yaml").write_text("fail_under:\n  actors.recall: 0.5\n", encoding="utf-8")

    assert run_eval("--suite", suite, "--predictions", worse, "--out", tmp_path / "a") == 1
    relaxed = ("--fail-under", "actors.recall=0")
    assert (
        run_eval("--suite", suite, "--predictions", worse, "--out", tmp_path / "b", *relaxed) == 0
    )


def test_an_invalid_or_missing_prediction_counts_against_schema_validity_without_crashing(
    suite: Path, perfect: Path, tmp_path: Path
) -> None:
    (perfect / f"{HAJJ}.json").write_text('{"bluf": "Only a BLUF."}', encoding="utf-8")
    (perfect / f"{ROUHANI}.json").unlink()
    out = tmp_path / "out"

    assert run_eval("--suite", suite, "--predictions", perfect, "--out", out) == 0

    report = read(out)
    assert report.splits[Split.dev].schema_valid_rate == 0.0
    assert report.splits[Split.test].schema_valid_rate == 1.0
    documents = {document.id: document for document in report.documents}
    assert "not a valid brief" in (documents[HAJJ].error or "")
    assert "no prediction file" in (documents[ROUHANI].error or "")
    assert documents[HAJJ].fields["uncertainties"].tp == 0
    junit = (out / "junit.xml").read_text(encoding="utf-8")
    assert junit.count("invalid brief") == 2 * len(FIELDS)
    assert run_eval(
        "--suite", suite, "--predictions", perfect, "--out", out,
        "--fail-under", "brief.schema_valid_rate=1",
    ) == 1  # fmt: skip


def test_a_drop_from_the_baseline_beyond_max_drop_fails(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    worse = without_actors(perfect, tmp_path / "worse")
    assert run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "base") == 0
    baseline = tmp_path / "base" / "report.json"
    out = tmp_path / "out"

    same = run_eval(
        "--suite", suite, "--predictions", perfect, "--out", out,
        "--baseline", baseline, "--max-drop", "0.02",
    )  # fmt: skip
    dropped = run_eval(
        "--suite", suite, "--predictions", worse, "--out", out,
        "--baseline", baseline, "--max-drop", "0.02",
    )  # fmt: skip

    assert (same, dropped) == (0, 1)
    assert "dev.actors.f1 0.000 < 0.980" in capsys.readouterr().err


def test_a_baseline_metric_named_with_its_split_gates_that_split(
    suite: Path, perfect: Path, tmp_path: Path
) -> None:
    assert run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "base") == 0

    gates = baseline_gates(
        read(tmp_path / "base"), 0.02, ["test.actors.f1", "stances.f1"], "gates.yaml"
    )

    assert sorted((gate.split, gate.metric) for gate in gates) == [
        (Split.dev, "stances.f1"), (Split.test, "actors.f1"), (Split.test, "stances.f1"),
    ]  # fmt: skip
    assert all(gate.threshold == 0.98 for gate in gates)


def test_compare_prints_and_writes_the_difference_between_two_runs(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    worse = without_actors(perfect, tmp_path / "worse")
    run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "a")
    run_eval("--suite", suite, "--predictions", worse, "--out", tmp_path / "b")
    capsys.readouterr()

    code = compare(tmp_path, "a", "b")

    assert code == 0
    printed = capsys.readouterr().out
    assert "actors.f1" in printed
    assert HAJJ in printed
    markdown = (tmp_path / "cmp" / "compare.md").read_text(encoding="utf-8")
    assert "| dev | actors.f1 | 1.000 | 0.000 | -1.000 |" in markdown
    assert f"| {HAJJ} | dev | actors.f1 | 1.000 | 0.000 | -1.000 |" in markdown


def test_check_exits_zero_on_good_gold_and_two_on_bad(
    suite: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_eval("--check", "--suite", suite) == 0

    path = suite / "gold" / f"{HAJJ}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("reason: estimate", "reason: guess", 1),
        encoding="utf-8",
    )

    assert run_eval("--check", "--suite", suite) == 2
    assert f"{path}:" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments",
    [
        ("--fail-under", "actors.f1"),
        ("--fail-under", "actor.f1=0.5"),
        ("--split", "train"),
        ("--max-drop", "0.1"),
        ("--baseline", "missing-report.json", "--max-drop", "0.1"),
        ("--predictions", "no-such-directory"),
        ("--config", "no-such-gates.yaml"),
    ],
)
def test_bad_usage_exits_two(suite: Path, perfect: Path, arguments: tuple[str, ...]) -> None:
    assert run_eval("--suite", suite, "--predictions", perfect, *arguments) == 2


def test_a_fail_under_without_a_split_replaces_the_configured_gates_on_every_split(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (suite / "gates.yaml").write_text(
        "fail_under:\n  dev.actors.f1: 0.99\n  test.actors.f1: 0.99\n", encoding="utf-8"
    )
    worse = without_actors(perfect, tmp_path / "worse")

    strict = run_eval("--suite", suite, "--predictions", worse, "--out", tmp_path / "a")
    relaxed = run_eval("--suite", suite, "--predictions", worse, "--out", tmp_path / "b",
                       "--fail-under", "actors.f1=0.0")  # fmt: skip

    assert (strict, relaxed) == (1, 0)
    gates = read(tmp_path / "b").gates
    assert sorted((gate.key, gate.origin) for gate in gates) == [
        ("dev.actors.f1", "--fail-under"), ("test.actors.f1", "--fail-under"),
    ]  # fmt: skip
    assert "--fail-under" in capsys.readouterr().out  # the console says where a gate came from


def test_a_baseline_from_a_later_report_layout_is_refused(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "base") == 0
    later = tmp_path / "later.json"
    data = json.loads((tmp_path / "base" / "report.json").read_text(encoding="utf-8"))
    later.write_text(json.dumps({**data, "report_version": 99}), encoding="utf-8")

    code = run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "out",
                    "--baseline", later, "--max-drop", "0.02")  # fmt: skip

    assert code == 2
    assert "report_version" in capsys.readouterr().err


def test_a_baseline_without_any_max_drop_exits_two(
    suite: Path, perfect: Path, tmp_path: Path
) -> None:
    run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "a")
    baseline = tmp_path / "a" / "report.json"

    assert run_eval("--suite", suite, "--predictions", perfect, "--baseline", baseline) == 2


def test_a_bad_gold_file_exits_two(suite: Path, perfect: Path) -> None:
    path = suite / "gold" / f"{ROUHANI}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "extra: [", encoding="utf-8")

    assert run_eval("--suite", suite, "--predictions", perfect) == 2


def test_the_installed_command_exits_with_the_gate_result(
    suite: Path, perfect: Path, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "summarizer", "eval", "--suite", str(suite)]
    command += ["--predictions", str(perfect), "--out", str(tmp_path / "out")]

    passed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    worse = without_actors(perfect, tmp_path / "worse")
    gated = [*command, "--predictions", str(worse), "--fail-under", "stances.recall=0.5"]
    failed = subprocess.run(gated, capture_output=True, text=True, cwd=ROOT, check=False)

    assert passed.returncode == 0, passed.stderr
    assert failed.returncode == 1, failed.stderr
    assert (tmp_path / "out" / "junit.xml").is_file()


def test_an_engine_run_scores_its_briefs_with_tokens_and_cost(
    suite: Path, tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    out = tmp_path / "out"

    code = run_eval(
        "--suite", suite, "--out", out, "--engine", "openai", "--base-url", fake_openai.base_url,
        "--api-key", "sk-test", "--model", "gpt-4o-mini", "--split", "dev",
    )  # fmt: skip

    assert code == 0
    dev = read(out).splits[Split.dev]
    assert (dev.documents, dev.schema_valid_rate, dev.tokens.total) == (2, 1.0, 300)
    assert dev.cost_usd == pytest.approx(2 * (100 * 0.15 + 50 * 0.60) / 1e6)
    assert read(out).run.model == "gpt-4o-mini"


def test_an_engine_that_never_validates_is_scored_as_invalid_briefs(
    suite: Path, tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    fake_openai.fallback = lambda request: Reply.brief({"bluf": "No summary, no items."})
    out = tmp_path / "out"

    code = run_eval(
        "--suite", suite, "--out", out, "--engine", "openai", "--base-url", fake_openai.base_url,
        "--api-key", "sk-test", "--validation-retries", "0", "--split", "test",
    )  # fmt: skip

    assert code == 0
    report = read(out)
    assert report.splits[Split.test].schema_valid_rate == 0.0
    assert not report.documents[0].valid


def test_compare_warns_when_the_runs_scored_different_splits(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "all")
    run_eval(
        "--suite", suite, "--split", "dev", "--predictions", perfect, "--out", tmp_path / "dev"
    )
    capsys.readouterr()

    code = compare(tmp_path, "all", "dev")

    assert code == 0
    warned = capsys.readouterr().err
    assert "different splits (before: all, after: dev)" in warned
    assert "different documents" in warned
    markdown = (tmp_path / "cmp" / "compare.md").read_text(encoding="utf-8")
    assert "**Warning:** the runs scored different splits" in markdown
    compare(tmp_path, "all", "dev", "--format", "html")
    page = (tmp_path / "cmp" / "compare.html").read_text(encoding="utf-8")
    assert "Warning: the runs scored different splits (before: all, after: dev)" in page


def test_compare_of_two_runs_of_the_same_documents_has_no_warning(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    worse = without_actors(perfect, tmp_path / "worse")
    run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "a")
    run_eval("--suite", suite, "--predictions", worse, "--out", tmp_path / "b")
    capsys.readouterr()

    compare(tmp_path, "a", "b")

    assert "warning" not in capsys.readouterr().err.lower()
    assert "Warning" not in (tmp_path / "cmp" / "compare.md").read_text(encoding="utf-8")


def test_an_out_that_is_a_file_exits_two_before_any_brief_is_made(
    suite: Path, tmp_path: Path, fake_openai: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not after a whole model run, whose briefs --no-cache would throw away."""
    out = tmp_path / "reports"
    out.write_text("kept")

    code = run_eval(
        "--suite", suite, "--out", out, "--engine", "openai", "--base-url", fake_openai.base_url,
        "--api-key", "sk-test", "--no-cache",
    )  # fmt: skip

    assert code == 2
    assert fake_openai.requests == []
    assert f"--out {out}: is a file" in capsys.readouterr().err
    assert out.read_text() == "kept"


def test_a_baseline_of_other_articles_exits_two_instead_of_gating_nothing(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A baseline from the dev split held against a test run skipped every baseline gate, and
    passed."""
    worse = without_actors(perfect, tmp_path / "worse")
    assert run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "base",
                    "--split", "dev") == 0  # fmt: skip
    baseline = tmp_path / "base" / "report.json"

    code = run_eval(
        "--suite", suite, "--predictions", worse, "--out", tmp_path / "out", "--split", "test",
        "--baseline", baseline, "--max-drop", "0.02",
    )  # fmt: skip

    assert code == 2
    assert f"--baseline {baseline}: scored none of the articles" in capsys.readouterr().err
    assert not (tmp_path / "out" / "report.json").exists()


def test_a_baseline_that_scored_some_other_articles_is_used_with_a_warning(
    suite: Path, perfect: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_eval("--suite", suite, "--predictions", perfect, "--out", tmp_path / "base") == 0
    report = read(tmp_path / "base")
    report.documents[0].id = "an-article-labelled-since"
    baseline = tmp_path / "baseline.json"
    baseline.write_text(report.model_dump_json(), encoding="utf-8")

    code = run_eval(
        "--suite", suite, "--predictions", perfect, "--out", tmp_path / "out",
        "--baseline", baseline, "--max-drop", "0.02",
    )  # fmt: skip

    assert code == 0
    assert "scored other articles than this run (1 only there, 1 only here)" in (
        capsys.readouterr().err
    )
