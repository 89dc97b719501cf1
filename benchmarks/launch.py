"""Runs one command and writes its wall time and resource usage as JSON to REPORT.

    python -I -S benchmarks/launch.py REPORT COMMAND [ARGUMENT...]

measure.py starts every measured command through this small process, not from the
benchmark's own: Linux counts the memory a child had before `exec` into its `ru_maxrss`
(with vfork, its parent's peak), so a child of a large process reports at least that
parent's peak. Uses the standard library only; exits with the command's status.
"""

import json
import os
import sys
import time


def main(report: str, command: list[str]) -> int:
    started = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    with open(report, "w") as file:
        json.dump(
            {
                "seconds": seconds,
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "max_rss_kib": usage.ru_maxrss,
            },
            file,
        )
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
