"""The ``summarizer`` command: a thin layer that parses options, calls the library, prints.

Only this layer turns exceptions into one-line messages and exit codes.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

import typer
from rich.console import Console

from summarizer.cli import batch as batch_commands
from summarizer.cli import brief as brief_commands
from summarizer.cli import cache as cache_commands
from summarizer.cli import eval as eval_commands
from summarizer.cli import schema as schema_commands
from summarizer.cli import serve as serve_commands
from summarizer.controls import terminal_line
from summarizer.errors import (
    INTERNAL_ERROR,
    INTERRUPTED,
    STDOUT_CLOSED,
    StdoutClosed,
    SummarizerError,
)

app = typer.Typer(
    name="summarizer",
    help="Typed, evidence-grounded briefs of news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
brief_commands.register(app)
batch_commands.register(app)
cache_commands.register(app)
eval_commands.register(app)
schema_commands.register(app)
serve_commands.register(app)

_stderr = Console(stderr=True, soft_wrap=True, highlight=False)


def _base_named(name: str) -> Any:
    """click's exception class ``name``, wherever this typer takes click from: recent typers
    vendor it privately, and only ``typer.BadParameter``, a subclass, is public."""
    return next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == name)


_UsageError = _base_named("UsageError")
_ClickException = _base_named("ClickException")


def _say(line: str) -> None:
    """One line on stderr, with what came from an article or a feed shown, not obeyed."""
    _stderr.print(terminal_line(line), markup=False)


class _OneLineHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _say(f"summarizer: {record.levelname.lower()}: {record.getMessage()}")


def configure_logging(level: int = logging.WARNING) -> None:
    root = logging.getLogger("summarizer")
    root.handlers[:] = [_OneLineHandler()]
    root.setLevel(level)
    root.propagate = False
    # instructor logs every failed attempt at ERROR; summarizer reports the outcome itself.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the app and maps errors to one line and an exit code.

    Usage errors (exit 2) are one line too: click runs outside its standalone mode, which
    would print them as a usage line and a framed box.
    """
    configure_logging()
    try:
        code = app(args=argv, prog_name="summarizer", standalone_mode=False)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except _UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError":
            return 2  # typer printed the help while making the error
        _say(f"summarizer: error: {usage_error_line(error)}")
        return int(error.exit_code)
    except _ClickException as error:
        _say(f"summarizer: error: {error.format_message()}")
        return int(error.exit_code)
    except typer.Abort:
        _stderr.print("summarizer: interrupted", markup=False)
        return INTERRUPTED
    except SummarizerError as error:
        _say(f"summarizer: error: {error}")
        return error.exit_code
    except KeyboardInterrupt:
        _stderr.print("summarizer: interrupted", markup=False)
        return INTERRUPTED
    except StdoutClosed:
        # Whoever read standard output has gone (``summarizer brief a.txt | head``): say
        # nothing more to it, not even at exit, when Python flushes it again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return STDOUT_CLOSED
    except Exception as error:  # a bug: one line and its own exit code, never a traceback
        _say(
            f"summarizer: error: internal error, please report it: {type(error).__name__}: "
            f"{' '.join(str(error).split())[:200]}"
        )
        return INTERNAL_ERROR
    if code == INTERRUPTED:
        # typer turns a Ctrl-C inside a command into Exit(130), which comes back as the code.
        _stderr.print("summarizer: interrupted", markup=False)
    return code if isinstance(code, int) else 0


def usage_error_line(error: Any) -> str:
    """``No such option: --formt (Possible options: --format, --out). See 'summarizer brief
    --help'.``: click's message and where to look, on one line."""
    message = " ".join(error.format_message().split())
    if not message.endswith((".", "?", "!")):
        message += "."
    ctx = getattr(error, "ctx", None)
    return message if ctx is None else f"{message} See '{ctx.command_path} --help'."


def run() -> None:
    sys.exit(main())
