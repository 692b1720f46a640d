"""``python -m summarizer.eval.check_gold [SUITE]``: check every gold file of a suite.

Validates the manifest and every gold file against their models, checks that the manifest
and ``gold/`` list the same ids, and that every support quote is verbatim in its article.
Prints each problem with its file and line; exits 0 when there are none, 2 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

from summarizer.errors import GoldFileError
from summarizer.eval.dataset import check_suite


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    suite = Path(arguments[0]) if arguments else Path("evals")
    problems = check_suite(suite)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} file(s) with problems in {suite}", file=sys.stderr)
        return GoldFileError.exit_code
    print(f"{suite}: every gold file is valid and every support quote is verbatim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
