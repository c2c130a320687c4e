"""How closely two groupings of the same people agree, for checking our opinion groups
against red-dwarf's and against the planted ones."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def adjusted_rand(first: Sequence[int], second: Sequence[int]) -> float:
    """The adjusted Rand index from the contingency table (Hubert and Arabie): 1 for the
    same grouping whatever the labels, about 0 for chance."""
    _, a = np.unique(first, return_inverse=True)
    _, b = np.unique(second, return_inverse=True)
    table = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(table, (a, b), 1)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index, rows, cols = pairs(table), pairs(table.sum(1)), pairs(table.sum(0))
    expected = rows * cols / pairs(np.array([len(first)]))
    return (index - expected) / ((rows + cols) / 2 - expected)
