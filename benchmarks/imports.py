"""Start-up costs against bare start-up: `import wiro_tools`, one `get_tool()`, `wirogen --help`,
and the package's own `python -m wiro_tools run SLUG --help` (one tool module, no httpx).

Each is `python -c "..."` (or the `wirogen` script) with the same interpreter, flags, site
and PYTHONPATH; the commands take turns, so drift on the machine hits them alike. One
untimed round first writes the `.pyc` files, as an installed package would have them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .generation import WIROGEN
from .measure import Command, Sample, environment, run_measured

BARE = "bare start-up"
IMPORT = "import"
GET_TOOL = "get_tool"
HELP = "wirogen --help"
RUN_HELP = "python -m wiro_tools run SLUG --help"


def time_imports(tree: Path, slug: str, repeats: int) -> dict[str, list[Sample]]:
    """Samples of each snippet, run with `tree` (holding `wiro_tools`) on PYTHONPATH."""
    snippets = {
        BARE: "pass",
        IMPORT: "import wiro_tools",
        GET_TOOL: f"import wiro_tools; wiro_tools.get_tool({slug!r})",
    }
    commands: dict[str, Command] = {
        name: [sys.executable, "-c", code] for name, code in snippets.items()
    }
    commands[HELP] = [WIROGEN, "--help"]
    commands[RUN_HELP] = [sys.executable, "-m", "wiro_tools", "run", slug, "--help"]
    env = environment(PYTHONPATH=tree)
    for command in commands.values():
        run_measured(command, cwd=tree, env=env)
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            samples[name].append(run_measured(command, cwd=tree, env=env))
    return samples
