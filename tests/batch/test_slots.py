"""The tasks a batch keeps in flight: lowered to Wiro's limit on code 96, probed one
higher only after as many Runs as it allows went through."""

from __future__ import annotations

from generator.runtime._batch_slots import MAX_BATCH_CONCURRENCY, Slots


def learnt(allowed: int) -> Slots:
    """Slots past their slow start (a refusal seen), `allowed` at once."""
    return Slots(allowed=allowed, slow_start=False)


def filled(slots: Slots, count: int) -> Slots:
    for _ in range(count):
        slots.take()
        slots.started()
    return slots


def test_it_starts_with_one_task() -> None:
    assert Slots.starting(None).allowed == 1


def test_each_started_task_adds_a_slot_until_the_first_refusal() -> None:
    assert filled(Slots.starting(None), 5).allowed == 6


def test_the_slow_start_stops_at_the_cap() -> None:
    assert filled(Slots.starting(3), 10).allowed == 3


def test_without_a_cap_it_grows_to_the_most_it_ever_runs() -> None:
    assert filled(Slots.starting(None), 500).allowed == MAX_BATCH_CONCURRENCY


def test_a_refusal_lowers_the_slots_to_the_limit_wiro_states() -> None:
    slots = filled(learnt(10), 3)
    slots.take()
    assert slots.refused(limit=2) == 0.0  # tasks run: wait for one of them to end
    assert (slots.allowed, slots.free) == (2, False)


def test_a_refusal_without_a_stated_limit_keeps_what_runs() -> None:
    slots = filled(learnt(10), 3)
    slots.take()
    slots.refused(limit=None)
    assert slots.allowed == 3


def test_a_refusal_with_nothing_running_waits_with_backoff() -> None:
    slots = learnt(10)
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
    slots = filled(learnt(2), 2)
    assert slots.allowed == 3


def test_a_cap_is_never_exceeded() -> None:
    slots = filled(Slots.starting(2), 10)
    assert slots.allowed == 2


def test_below_the_stated_limit_it_climbs_back_at_once() -> None:
    slots = filled(learnt(10), 1)
    slots.take()
    slots.refused(limit=3)  # one of ours ran: 1 allowed, though Wiro allows 3
    filled(slots, 1)
    assert slots.allowed == 2


def test_above_the_stated_limit_it_probes_four_times_more_patiently() -> None:
    slots = filled(learnt(10), 2)
    slots.take()
    slots.refused(limit=2)
    filled(slots, 7)
    assert slots.allowed == 2
    filled(slots, 1)
    assert slots.allowed == 3
