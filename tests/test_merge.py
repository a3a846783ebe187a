"""Two versions of a session merged by what they mean: the rules, on tables as read."""

from datetime import UTC, date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from flashcli.merge import merge

T0, T1, T2 = (datetime(2026, 12, 1, h, 0, tzinfo=UTC) for h in (9, 10, 11))


def session(**fields: Any) -> dict[str, Any]:
    base = {"schema": 1, "id": "2026-12-01-ada", "role": "mentee", "partner": {"name": "Ada"}}
    return {**base, "created": T0, "updated": T0, **fields}


def without_uids(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in e.items() if k != "uid"} for e in entries]


def test_a_field_changed_on_one_side_takes_that_side() -> None:
    base = session(where="Café", goal="Plan")
    ours = {**base, "where": "Library", "updated": T1}
    theirs = {**base, "goal": "Plan my move", "updated": T2}
    merged = merge(base, ours, theirs)
    assert (merged["where"], merged["goal"], merged["updated"]) == ("Library", "Plan my move", T2)
    assert "conflicts" not in merged


def test_a_field_changed_on_both_sides_keeps_the_later_and_sets_the_other_aside() -> None:
    base = session(where="Café")
    ours = {**base, "where": "Library", "updated": T2}
    theirs = {**base, "where": "Online", "updated": T1}
    merged = merge(base, ours, theirs)
    assert merged["where"] == "Library" and merged["conflicts"] == {"where": "Online"}
    swapped = merge(base, {**ours, "updated": T0}, {**theirs, "updated": T2})
    assert swapped["where"] == "Online" and swapped["conflicts"] == {"where": "Library"}


def test_notes_and_actions_are_a_union_and_one_taken_away_stays_away() -> None:
    kept, dropped = {"at": T0, "text": "Kept"}, {"at": T0, "text": "Dropped"}
    base = session(notes=[kept, dropped], actions=[{"text": "Old"}])
    ours = {**base, "notes": [kept, {"at": T2, "text": "Ours"}], "actions": [{"text": "Old"}]}
    theirs = {**base, "notes": [kept, dropped, {"at": T1, "text": "Theirs"}]}
    theirs["actions"] = [{"text": "Old"}, {"text": "New"}]
    merged = merge(base, ours, theirs)
    assert [n["text"] for n in merged["notes"]] == ["Kept", "Theirs", "Ours"]  # by time
    assert [a["text"] for a in merged["actions"]] == ["Old", "New"]


def test_an_action_done_on_either_side_is_done_and_a_new_due_date_stands() -> None:
    base = session(actions=[{"text": "Plan", "due": date(2026, 12, 8)}, {"text": "Call"}])
    ours = {
        **base,
        "actions": [{"text": "Plan", "due": date(2026, 12, 8), "done": T1}, {"text": "Call"}],
    }
    theirs = {
        **base,
        "actions": [
            {"text": "Plan", "due": date(2026, 12, 15)},
            {"text": "Call", "owner": "partner"},
        ],
    }
    merged = merge(base, ours, theirs)
    assert without_uids(merged["actions"]) == [
        {"text": "Plan", "due": date(2026, 12, 15), "done": T1},
        {"text": "Call", "owner": "partner"},
    ]


def test_ticks_are_a_union_less_an_untick_on_one_side() -> None:
    base = session(ticked=["a", "b"], topics=["One"])
    ours = {**base, "ticked": ["a", "b", "c"], "topics": ["One", "Two"]}
    theirs = {**base, "ticked": ["a"], "topics": ["One", "Three"]}
    merged = merge(base, ours, theirs)
    assert merged["ticked"] == ["a", "c"] and merged["topics"] == ["One", "Two", "Three"]


def test_without_an_ancestor_both_values_of_a_field_that_differs_are_kept() -> None:
    ours = session(where="Library", updated=T2, notes=[{"at": T0, "text": "A"}], ticked=["x"])
    theirs = session(where="Online", updated=T1, notes=[{"at": T1, "text": "B"}], goal="Plan")
    merged = merge(None, ours, theirs)
    assert merged["where"] == "Library" and merged["conflicts"] == {"where": "Online"}
    assert merged["goal"] == "Plan" and merged["ticked"] == ["x"]
    assert [n["text"] for n in merged["notes"]] == ["A", "B"]


def test_keys_flash_does_not_know_are_merged_like_the_rest() -> None:
    base = session(mine="x")
    merged = merge(base, {**base, "mine": "y"}, {**base, "theirs_only": 1})
    assert merged["mine"] == "y" and merged["theirs_only"] == 1


notes = st.lists(
    st.fixed_dictionaries({"at": st.sampled_from([T0, T1, T2]), "text": st.text(max_size=5)}),
    max_size=4,
)


@given(notes, notes, notes)
def test_no_note_added_on_either_side_is_ever_lost(base: Any, ours: Any, theirs: Any) -> None:
    merged = merge(session(notes=base), session(notes=ours), session(notes=theirs))
    kept = {(n["at"], n["text"]) for n in merged.get("notes", [])}
    was = {(n["at"], n["text"]) for n in base}
    added = {(n["at"], n["text"]) for n in ours + theirs} - was
    assert added <= kept


def test_two_actions_with_the_same_text_added_on_each_side_are_two_actions() -> None:
    base = session()
    mine = {"text": "Send the plan", "uid": "u-mine"}
    partners = {"text": "Send the plan", "owner": "partner", "due": date(2026, 12, 8), "uid": "u2"}
    merged = merge(base, {**base, "actions": [mine]}, {**base, "actions": [partners]})
    assert merged["actions"] == [mine, partners]


def test_entries_without_uids_read_on_two_machines_are_one_entry_each() -> None:
    """An older file: both machines give its entries the same uids, so nothing doubles."""
    old = [{"text": "Call Sam"}, {"text": "Call Sam"}]  # two of the same, kept as two
    base = session(actions=old, notes=[{"at": T0, "text": "Hello"}])
    ours = {**base, "actions": [*old, {"text": "Mine", "uid": "m"}]}
    theirs = {**base, "notes": [{"at": T0, "text": "Hello"}, {"at": T1, "text": "Later"}]}
    merged = merge(base, ours, theirs)
    assert [a["text"] for a in merged["actions"]] == ["Call Sam", "Call Sam", "Mine"]
    assert len({a["uid"] for a in merged["actions"]}) == 3
    assert [n["text"] for n in merged["notes"]] == ["Hello", "Later"]
    assert merge(None, ours, theirs)["actions"] == merged["actions"]  # no ancestor: the same


def test_an_action_reopened_on_one_side_only_stays_open() -> None:
    done = {"text": "Plan", "uid": "a", "done": T1}
    base = session(actions=[done])
    merged = merge(base, {**base, "actions": [{"text": "Plan", "uid": "a"}]}, base)
    assert "done" not in merged["actions"][0]
    both = merge(base, {**base, "actions": [{**done, "done": T2}]}, {**base, "actions": [done]})
    assert both["actions"][0]["done"] == T2  # done again later on one side: that side


def test_an_action_reworded_on_both_sides_keeps_the_later_and_sets_the_other_aside() -> None:
    base = session(actions=[{"text": "Plan", "uid": "a"}])
    ours = {**base, "updated": T2, "actions": [{"text": "Plan the move", "uid": "a"}]}
    theirs = {**base, "updated": T1, "actions": [{"text": "Plan it", "uid": "a"}]}
    merged = merge(base, ours, theirs)
    assert merged["actions"] == [{"text": "Plan the move", "uid": "a"}]
    assert merged["conflicts"] == {"actions.a.text": "Plan it"}


def test_times_without_an_offset_and_odd_values_never_stop_a_merge() -> None:
    """A hand edit may leave `updated` without an offset (flash reads it as local time)."""
    naive = datetime(2026, 12, 1, 11, 30)  # 10:30 UTC in Paris (the tests' zone)
    ours = session(updated=naive, where="Library", notes=[{"at": naive, "text": "A"}])
    theirs = session(updated=T1, where="Online", notes=[{"at": T0, "text": "B"}, {"text": 3}])
    merged = merge(None, ours, theirs)
    assert merged["updated"] == naive  # after T1, 10:00 UTC
    assert merged["where"] == "Library" and merged["conflicts"] == {"where": "Online"}
    assert [n["text"] for n in merged["notes"]] == ["B", "A", 3]  # 09:00, 10:30, no time


actions = st.lists(
    st.fixed_dictionaries(
        {"text": st.sampled_from(["Call", "Plan"]), "uid": st.sampled_from(["a", "b", "c", "d"])},
        optional={"done": st.sampled_from([T0, T1]), "due": st.just(date(2026, 12, 8))},
    ),
    max_size=4,
    unique_by=lambda a: a["uid"],
)


@given(actions, actions, actions)
def test_every_action_added_on_either_side_is_kept_and_none_twice(
    base: Any, ours: Any, theirs: Any
) -> None:
    merged = merge(session(actions=base), session(actions=ours), session(actions=theirs))
    uids = [a["uid"] for a in merged.get("actions", [])]
    assert len(uids) == len(set(uids))
    was = {a["uid"] for a in base}
    assert {a["uid"] for a in ours + theirs} - was <= set(uids)
    kept_on_both = {a["uid"] for a in ours} & {a["uid"] for a in theirs}
    assert kept_on_both <= set(uids)  # only what one side took away goes
