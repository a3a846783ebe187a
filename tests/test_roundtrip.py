"""Any session survives the trip through TOML unchanged, hand-added keys included."""

import tomllib
import unicodedata
from datetime import date, datetime, timedelta, timezone

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcli.models import INVISIBLE, Action, CheckIn, Note, Partner, Session

zones = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
stamps = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=zones
).map(lambda d: d.replace(microsecond=0))
# Text as the models keep it, made so directly (filtering most of it away makes hypothesis's
# health checks fail now and then on a busy machine): trimmed, and on one line, or over lines
# with no control character but tab and line feed.
# One-line text shows something and holds no format character (direction controls, zero
# widths: refused there, so that one name cannot pass for another).
one_line = (
    st.text(
        st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf")), min_size=1, max_size=80
    )
    .map(str.strip)
    .filter(lambda text: any(unicodedata.category(c) not in INVISIBLE for c in text))
)
free_text = (
    st.text(
        st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\n\t"),
        min_size=1,
        max_size=80,
    )
    .map(str.strip)
    .filter(bool)
)
extra_values = st.one_of(st.integers(-(10**6), 10**6), st.text(max_size=20), st.booleans())

sessions = st.builds(
    Session,
    id=st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,40}\Z"),
    role=st.sampled_from(["mentee", "mentor"]),
    partner=st.builds(
        Partner,
        name=one_line,
        email=st.none() | st.just("ada@example.org"),
        lang=st.none() | st.sampled_from(["fr", "es", "pt_BR"]),
    ),
    purpose=st.none() | st.sampled_from(["learning", "role", "perspective", "career", "other"]),
    programme=st.none() | one_line,
    reverse=st.booleans(),
    created=stamps,
    updated=stamps,
    when=st.none() | stamps,
    minutes=st.integers(10, 480),
    where=st.none() | one_line,
    goal=st.none() | one_line,
    success=st.none() | one_line,
    topics=st.lists(one_line, max_size=4),
    questions=st.lists(one_line, max_size=4),
    ticked=st.lists(st.sampled_from(["send-topics", "confidentiality"]), unique=True),
    ticked_at=st.dictionaries(st.sampled_from(["send-topics", "confidentiality"]), stamps),
    notes=st.lists(
        st.builds(
            Note,
            at=stamps,
            kind=st.sampled_from(["note", "question", "resource", "referral"]),
            text=free_text,
        ),
        max_size=4,
    ),
    actions=st.lists(
        st.builds(
            Action,
            text=one_line,
            owner=st.sampled_from(["me", "partner"]),
            due=st.none() | st.dates(date(2000, 1, 1), date(2100, 1, 1)),
            done=st.none() | stamps,
        ),
        max_size=4,
    ),
    checkins=st.lists(
        st.builds(
            CheckIn,
            at=stamps,
            score=st.integers(-2, 2),
            note=st.none() | free_text,
            next=st.none() | one_line,
        ),
        max_size=3,
    ),
    reminders=st.dictionaries(
        st.sampled_from(["thank", "decide", "prepare", "checkin:1", "overdue:a1", "ask:b2"]),
        st.just("dismissed") | stamps,
        max_size=3,
    ),
    feedback=st.none() | free_text,
    rating=st.none() | st.integers(1, 5),
    decision=st.none() | st.sampled_from(["yes", "no", "undecided"]),
    closed=st.none() | stamps,
)


@settings(max_examples=150)
@given(sessions, st.dictionaries(st.from_regex(r"\Ax_[a-z]{1,8}\Z"), extra_values, max_size=3))
def test_sessions_round_trip_through_toml(session: Session, extras: dict[str, object]) -> None:
    data = session.stored() | extras
    text = tomli_w.dumps(data)
    back = Session.load(tomllib.loads(text))
    assert back == Session.load(data)
    assert back.stored() == data
    assert tomli_w.dumps(back.stored()) == text
