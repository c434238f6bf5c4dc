"""Rewrite the output of every example in README.md and docs/*.md from what the command prints now.

    python scripts/regenerate_docs.py            # every page
    python scripts/regenerate_docs.py docs/x.md  # some pages
    python scripts/regenerate_docs.py --check    # change nothing; exit 1 if a page is out of date

Run it from an environment where `networks` is installed (`pip install -e ".[test]"`). The examples run
exactly as tests/test_docs.py runs them (tests/docs_examples.py); running it twice changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.docs_examples import ROOT, Runner, pages, regenerate, scratch_directory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("pages", nargs="*", type=Path, help="pages to regenerate (default: all)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a page is out of date")
    arguments = parser.parse_args()
    chosen = [page.resolve() for page in arguments.pages] or pages()
    stale: list[str] = []
    with scratch_directory() as scratch:
        runner = Runner(Path(scratch))
        for page in chosen:
            before, after = regenerate(page, runner)
            if before != after:
                stale.append(str(page.relative_to(ROOT)))
                if not arguments.check:
                    page.write_text(after, encoding="utf-8")
    verb = "out of date" if arguments.check else "rewritten"
    for name in stale:
        print(f"{name}: {verb}")
    print(f"{len(chosen)} pages, {runner.count} examples run, {len(stale)} {verb}")
    return 1 if arguments.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
