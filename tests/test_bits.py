"""Reading the catalog's bitsets: the positions of the set bits, in order."""

import random

import pytest

from app.search.bits import positions


@pytest.mark.parametrize(
    ("mask", "expected"),
    [(0, []), (1, [0]), (0b1011, [0, 1, 3]), (1 << 8, [8]), (1 << 70 | 1 << 7, [7, 70])],
)
def test_positions_of_small_masks(mask, expected):
    assert positions(mask) == expected


def test_positions_of_a_large_mask_match_the_bits_one_by_one():
    rng = random.Random(7)
    mask = sum(1 << i for i in range(20_000) if rng.random() < 0.3)
    expected = [i for i in range(20_000) if mask >> i & 1]
    found = positions(mask)
    assert found == expected
    assert all(type(i) is int for i in found[:5])  # plain ints: they index Python lists
