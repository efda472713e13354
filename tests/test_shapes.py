"""network/shapes.py: which hidden-layer shapes are trained and drawn, and how they are named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lecture.choices import hidden_kind
from network.errors import NetworkInputError
from network.shapes import (
    HIDDEN_LAYERS,
    HIDDEN_WIDTH,
    check_hidden,
    dashed,
    parse_hidden,
    sizes_with_hidden,
)

RULE = "allowed are 1 to 4 hidden layers of 2–128 neurons each"


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("32", (32,)),
        ("16,16", (16, 16)),
        ("16, 16, 16", (16, 16, 16)),
        ("128,2,64,8", (128, 2, 64, 8)),
    ],
)
def test_widths_are_read(text: str, hidden: tuple[int, ...]) -> None:
    assert parse_hidden(text) == hidden
    assert sizes_with_hidden(hidden) == (784, *hidden, 10)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "--hidden '0': has a hidden layer of 0 neurons; " + RULE),
        ("1", "has a hidden layer of 1 neurons"),
        ("129", "has a hidden layer of 129 neurons"),
        ("16,16,16,16,16", "--hidden '16,16,16,16,16': has 5 hidden layers; " + RULE),
        ("16,x", "--hidden '16,x': give the hidden widths as whole numbers separated by commas"),
        ("", "give the hidden widths as whole numbers"),
        ("16,,16", "give the hidden widths as whole numbers"),
        ("-16", "give the hidden widths as whole numbers"),
        ("1.5", "give the hidden widths as whole numbers"),
        ("١٦", "give the hidden widths as whole numbers"),  # Arabic-Indic digits: not ASCII
    ],
)
def test_bad_widths_are_refused_naming_the_rule(text: str, message: str) -> None:
    with pytest.raises(NetworkInputError, match=None) as info:
        parse_hidden(text)
    assert message in str(info.value)


@given(st.text(max_size=30))
def test_any_text_is_read_or_refused_cleanly(text: str) -> None:
    """Whatever a user types, the answer is a valid shape or one NetworkInputError."""
    try:
        hidden = parse_hidden(text)
    except NetworkInputError as exc:
        assert "\n" not in str(exc)
    else:
        assert len(hidden) in HIDDEN_LAYERS and all(n in HIDDEN_WIDTH for n in hidden)


@given(st.lists(st.integers(HIDDEN_WIDTH.start, HIDDEN_WIDTH.stop - 1), min_size=1, max_size=4))
def test_every_allowed_shape_round_trips(hidden: list[int]) -> None:
    assert parse_hidden(",".join(map(str, hidden))) == tuple(hidden)
    assert check_hidden(hidden, "x") == tuple(hidden)


def test_shapes_are_named() -> None:
    assert dashed((784, 16, 16, 10)) == "784-16-16-10"
    assert [hidden_kind(h) for h in [(32,), (16, 16), (16, 16, 16), (32, 16)]] == [
        "one",
        "same",
        "same",
        "mixed",
    ]
