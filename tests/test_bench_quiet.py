"""The benchmark's wait for a quiet machine (bench/quiet.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import quiet


def test_cpu_times_reads_total_and_idle_with_iowait(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    # The last two (guest, guest_nice) are already part of user and nice.
    stat.write_text("cpu  100 5 50 800 20 0 5 0 30 7\ncpu0 50 2 25 400 10 0 2 0 15 3\n")
    assert quiet.cpu_times(stat) == (980, 820)


@pytest.mark.parametrize("text", ["", "intr 1 2 3\n", "cpu  1 2 x 4 5\n", "cpu  1 2 3\n"])
def test_cpu_times_is_none_for_what_it_cannot_read(tmp_path: Path, text: str) -> None:
    stat = tmp_path / "stat"
    stat.write_text(text)
    assert quiet.cpu_times(stat) is None
    assert quiet.cpu_times(tmp_path / "missing") is None


def test_busy_share() -> None:
    assert quiet.busy_share((1000, 800), (1100, 875)) == pytest.approx(0.25)
    # No time passed: nothing shows the CPUs were quiet.
    assert quiet.busy_share((1000, 800), (1000, 800)) == 1.0


class FakeMachine:
    """CPU counters that are busy for the given shares, one per sample, then idle."""

    def __init__(self, shares: list[float]) -> None:
        self.shares = shares
        self.now = 0.0
        self.total = 0
        self.idle = 0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        share = self.shares.pop(0) if self.shares else 0.0
        self.total += 100
        self.idle += round(100 * (1 - share))

    def read(self) -> tuple[int, int]:
        return self.total, self.idle

    def clock(self) -> float:
        return self.now


def test_waits_until_two_quiet_samples_in_a_row() -> None:
    machine = FakeMachine([0.6, 0.5, 0.05, 0.5, 0.1, 0.0])
    waited = quiet.wait_until_quiet(machine.sleep, machine.read, machine.clock)
    # busy, busy, quiet, busy, quiet, quiet: six samples.
    assert waited == quiet.Wait(pytest.approx(6 * quiet.SAMPLE_SECONDS), quiet=True)


def test_a_machine_that_stays_busy_is_waited_for_at_most_the_limit() -> None:
    machine = FakeMachine([0.9] * 1000)
    waited = quiet.wait_until_quiet(machine.sleep, machine.read, machine.clock)
    assert not waited.quiet
    assert waited.seconds >= quiet.MAX_WAIT_SECONDS
    assert waited.seconds < quiet.MAX_WAIT_SECONDS + quiet.SAMPLE_SECONDS


def test_without_cpu_counters_a_fixed_pause() -> None:
    machine = FakeMachine([])
    waited = quiet.wait_until_quiet(machine.sleep, lambda: None, machine.clock)
    assert machine.slept == [quiet.FALLBACK_SECONDS]
    assert waited == quiet.Wait(quiet.FALLBACK_SECONDS, quiet=False)


def test_counters_that_vanish_midway_still_give_the_fixed_pause() -> None:
    machine = FakeMachine([0.9])
    readings = iter([(0, 0), None])
    waited = quiet.wait_until_quiet(machine.sleep, lambda: next(readings), machine.clock)
    assert machine.slept == [quiet.SAMPLE_SECONDS, quiet.FALLBACK_SECONDS]
    assert waited == quiet.Wait(quiet.SAMPLE_SECONDS + quiet.FALLBACK_SECONDS, quiet=False)
