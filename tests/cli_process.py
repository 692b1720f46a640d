"""Run the ``summarizer`` command in a fresh process per run, fast, under limits.

Starting Python and importing summarizer takes seconds: too long to pay for each of dozens of
hostile inputs. So a helper process imports the CLI and warms both engines once (their
lazily built tables and imports), then forks one child per run. The helper is
single-threaded, which makes forking safe, and each child is a real process with
its own stdin, stdout, stderr, environment, working directory, address-space limit and
timeout. It runs what the console script runs (``summarizer.cli.run``), and an exception that
escapes is printed the way the interpreter prints it, so a test sees any traceback a user
would.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MEMORY_LIMIT = 2 * 1024**3
"""Address space each run may map (RLIMIT_AS): importing the CLI maps about 450 MB."""

_HELPER = r"""
import json, os, resource, sys, time, traceback

from summarizer.cli import run
from summarizer.engines.openai_compat import OpenAIEngine
from summarizer.pipeline import summarize
from summarizer.settings import Settings

summarize("The ministry said on Monday that it had warmed up the extractive engine.")
OpenAIEngine(Settings(base_url="http://127.0.0.1:9/v1"))._openai.chat.completions


def child(job):
    for fd, path, flags in (
        (0, job["stdin"], os.O_RDONLY),
        (1, job["stdout"], os.O_WRONLY | os.O_TRUNC),
        (2, job["stderr"], os.O_WRONLY | os.O_TRUNC),
    ):
        opened = os.open(path, flags)
        os.dup2(opened, fd)
        os.close(opened)
    os.chdir(job["cwd"])
    os.environ.clear()
    os.environ.update(job["env"])
    resource.setrlimit(resource.RLIMIT_AS, (job["memory_limit"], job["memory_limit"]))
    sys.argv = ["summarizer", *job["args"]]
    code = 1
    try:
        run()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def wait(pid, timeout):
    deadline = time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024, False
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            _, status, usage = os.wait4(pid, 0)
            return None, usage.ru_maxrss * 1024, True
        time.sleep(0.01)


while line := sys.stdin.readline():
    job = json.loads(line)
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        child(job)
    code, max_rss, timed_out = wait(pid, job["timeout"])
    print(json.dumps({"exit_code": code, "max_rss": max_rss, "timed_out": timed_out}), flush=True)
"""


@dataclass(frozen=True)
class CliRun:
    exit_code: int | None
    """None when the run was killed for overrunning its timeout."""
    stdout: str
    stderr: str
    max_rss_bytes: int
    timed_out: bool

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


class _Helper:
    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _HELPER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._lock = threading.Lock()
        atexit.register(self.close)

    def run(self, job: dict[str, Any]) -> dict[str, Any]:
        stdin, stdout = self._pipes()
        with self._lock:
            stdin.write(json.dumps(job) + "\n")
            stdin.flush()
            answer = stdout.readline()
        if not answer:
            raise RuntimeError("the CLI helper process died; see stderr")
        result: dict[str, Any] = json.loads(answer)
        return result

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        return self._process.stdin, self._process.stdout

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)


_helper: _Helper | None = None


def run_cli(
    args: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    stdin: Path | None = None,
    timeout: float = 120.0,
    memory_limit: int = MEMORY_LIMIT,
) -> CliRun:
    """Run ``summarizer ARGS`` in a new process; ``env`` defaults to this process's."""
    global _helper
    if _helper is None:
        _helper = _Helper()
    with tempfile.TemporaryDirectory(prefix="summarizer-cli-") as scratch:
        out, err = Path(scratch, "stdout"), Path(scratch, "stderr")
        out.touch()
        err.touch()
        result = _helper.run(
            {
                "args": list(args),
                "env": dict(os.environ if env is None else env),
                "cwd": str(cwd or Path.cwd()),
                "stdin": str(stdin or os.devnull),
                "stdout": str(out),
                "stderr": str(err),
                "timeout": timeout,
                "memory_limit": memory_limit,
            }
        )
        return CliRun(
            exit_code=result["exit_code"],
            stdout=out.read_text(encoding="utf-8", errors="replace"),
            stderr=err.read_text(encoding="utf-8", errors="replace"),
            max_rss_bytes=result["max_rss"],
            timed_out=result["timed_out"],
        )
