"""The tasks a batch keeps in flight: lowered to Wiro's limit on code 96, probed one
higher only after as many Runs as it allows went through."""

from __future__ import annotations

from generator.runtime._batch_slots import DEFAULT_BATCH_CONCURRENCY, Slots


def filled(slots: Slots, count: int) -> Slots:
    for _ in range(count):
        slots.take()
        slots.started()
    return slots


def test_without_a_cap_it_starts_at_the_default() -> None:
    assert Slots.starting(None).allowed == DEFAULT_BATCH_CONCURRENCY


def test_a_refusal_lowers_the_slots_to_the_limit_wiro_states() -> None:
    slots = filled(Slots(allowed=10), 3)
    slots.take()
    assert slots.refused(limit=2) == 0.0  # tasks run: wait for one of them to end
    assert (slots.allowed, slots.free) == (2, False)


def test_a_refusal_without_a_stated_limit_keeps_what_runs() -> None:
    slots = filled(Slots(allowed=10), 3)
    slots.take()
    slots.refused(limit=None)
    assert slots.allowed == 3


def test_a_refusal_with_nothing_running_waits_with_backoff() -> None:
    slots = Slots(allowed=10)
    slots.take()
    first = slots.refused(limit=1)
    slots.take()
    second = slots.refused(limit=1)
    assert 0.5 <= first <= 1.0 and 1.0 <= second <= 2.0
    assert slots.allowed == 1


def test_an_ended_task_frees_its_slot() -> None:
    slots = filled(Slots.starting(1), 1)
    assert not slots.free
    slots.ended()
    assert slots.free


def test_after_as_many_runs_as_allowed_it_probes_one_more() -> None:
    slots = filled(Slots(allowed=2), 2)
    assert slots.allowed == 3


def test_a_cap_is_never_exceeded() -> None:
    slots = filled(Slots.starting(2), 10)
    assert slots.allowed == 2
