"""Wait until the machine is quiet before a measured page visit.

A real visit starts on an idle browser. In the benchmark, a first visit opens a new
browser context right after the previous one was closed (which keeps the CPUs busy
for a moment), and the first return visit follows the first visit while that page
still works in the background (the service worker has just taken over, and Python
imports the PDF stack while the page is idle). A visit at such a moment measures
that leftover work as well. So before each visit the benchmark waits until the
CPUs are quiet. The measure is machine-wide: another program's work counts too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Linux's counters of CPU time since boot (all CPUs together on the first line).
PROC_STAT = Path("/proc/stat")
#: Quiet: the CPUs together are busy less than this share of the time ...
BUSY_LIMIT = 0.15
#: ... over this many consecutive samples ...
QUIET_SAMPLES = 2
#: ... taken this far apart.
SAMPLE_SECONDS = 0.25
#: Never wait longer than this (another program may keep the machine busy).
MAX_WAIT_SECONDS = 10.0
#: Without ``/proc/stat`` (not Linux): a fixed pause instead.
FALLBACK_SECONDS = 2.0


def cpu_times(stat: Path = PROC_STAT) -> tuple[int, int] | None:
    """(total, idle) jiffies of all CPUs, or None where ``stat`` cannot be read."""
    try:
        first = stat.read_text(encoding="ascii").splitlines()[0].split()
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    if not first or first[0] != "cpu":
        return None
    try:
        values = [int(value) for value in first[1:]]
    except ValueError:
        return None
    if len(values) < 5:
        return None
    # user nice system idle iowait irq softirq steal; guest and guest_nice (after
    # those) are already counted in user and nice. Idle and iowait are not busy.
    return sum(values[:8]), values[3] + values[4]


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """The share of CPU time spent busy between two :func:`cpu_times` readings
    (1.0 when no time has passed: nothing shows the CPUs were quiet)."""
    total = after[0] - before[0]
    if total <= 0:
        return 1.0
    return 1.0 - (after[1] - before[1]) / total


@dataclass(frozen=True)
class Wait:
    """How long :func:`wait_until_quiet` waited, and whether the CPUs got quiet."""

    seconds: float
    quiet: bool


def wait_until_quiet(sleep: Callable[[float], None],
                     read: Callable[[], tuple[int, int] | None] = cpu_times,
                     clock: Callable[[], float] = time.monotonic) -> Wait:
    """Sleep (with ``sleep(seconds)``) until the CPUs are quiet.

    Gives up after :data:`MAX_WAIT_SECONDS`; where the CPU counters cannot be read
    (at the start or later), pauses :data:`FALLBACK_SECONDS` instead. Either way the
    result says the CPUs were not seen quiet.
    """
    started = clock()
    before = read()
    if before is None:
        sleep(FALLBACK_SECONDS)
        return Wait(clock() - started, quiet=False)
    quiet = 0
    while quiet < QUIET_SAMPLES and clock() - started < MAX_WAIT_SECONDS:
        sleep(SAMPLE_SECONDS)
        after = read()
        if after is None:
            sleep(FALLBACK_SECONDS)
            return Wait(clock() - started, quiet=False)
        quiet = quiet + 1 if busy_share(before, after) < BUSY_LIMIT else 0
        before = after
    return Wait(clock() - started, quiet=quiet >= QUIET_SAMPLES)
