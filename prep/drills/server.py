"""The warm grader for the TUI: `python -m prep.drills.server`.

The TUI process never loads torch (3 s, 200 MB), so it keeps this process instead:
it holds a Grader (and its sandbox) with torch loaded, and answers one JSON line
per request, {"slug", "source", "exercises", "seed" (optional)}, with the report as one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from prep.drills.catalog import get_drill
from prep.drills.grader import Grader
from prep.drills.report import ERROR, Report
from prep.errors import PrepError

# Warming up loads torch here and in the sandbox at once: on a two-core machine that is both cores for a second
# or two, while the user is answering cards. Below the TUI in priority, the warm-up never delays a keypress;
# when the user waits on a check the TUI is idle, so grading is not slowed.
NICENESS = 10


def main() -> None:
    os.nice(NICENESS)  # the sandbox it starts inherits it
    replies = sys.stdout
    sys.stdout = sys.stderr  # nothing else may write on the reply channel
    grader = Grader()
    grader.start()
    import torch  # noqa: F401 - the cases' oracles need it: load it while the sandbox starts

    grader.wait_ready()
    print(json.dumps({"ready": True}), file=replies, flush=True)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                drill = get_drill(request["slug"], Path(request["exercises"]) if request.get("exercises") else None)
                report = grader.check(drill, Path(request["source"]), seed=request.get("seed"))
            except PrepError as error:
                report = Report(drill=request.get("slug", "?"), status=ERROR, reason=str(error))
            print(json.dumps(report.as_dict()), file=replies, flush=True)
    finally:
        grader.close()


if __name__ == "__main__":
    main()
