"""Numba peer of one Cerebellum.step(): bench/numpy_step.py with its three heavy phases (granule
gather-sum, Purkinje row sums, weight-row updates) as @njit loops, parallel over cells / rows
with Numba's threads (NUMBA_NUM_THREADS, default: every core). The rest stays NumPy. Reports
itself unavailable when numba does not import (Debian: apt-get install python3-numba)."""

import os

from peer_common import run, unavailable

try:
    import numba
    from numba import njit, prange
except Exception as e:  # noqa: BLE001 - any import failure means "not here"
    unavailable(f"python3 -c 'import numba' failed: {type(e).__name__}: {e}")

import numpy as np
from numpy_step import Cerebellum


@njit(parallel=True, fastmath=False, cache=False)
def _drive(units, inputs, out):
    n, k = inputs.shape
    for i in prange(n):
        s = np.float32(0)
        for j in range(k):
            s += units[inputs[i, j]]
        out[i] = s


@njit(parallel=True, cache=False)
def _row_sum(w, active, out):
    # Split the rows into one chunk per thread; each sums its rows, then the chunks are added.
    p = w.shape[1]
    chunks = numba.get_num_threads()
    part = np.zeros((chunks, p))
    n = active.size
    for c in prange(chunks):
        for j in range(c * n // chunks, (c + 1) * n // chunks):
            r = active[j]
            for q in range(p):
                part[c, q] += w[r, q]
    for q in range(p):
        out[q] = 0.0
        for c in range(chunks):
            out[q] += part[c, q]


@njit(parallel=True, cache=False)
def _row_update(w, past, dw, lo, hi):
    p = w.shape[1]
    for j in prange(past.size):
        r = past[j]
        for q in range(p):
            v = w[r, q] + dw[q]
            w[r, q] = lo if v < lo else hi if v > hi else v


class NumbaCerebellum(Cerebellum):
    def __init__(self, p, channel_count, seed):
        super().__init__(p, channel_count, seed)
        self.sum = np.zeros(self.P)

    def granule_drive(self):
        _drive(self.units_flat, self.inputs, self.drive)
        return self.drive

    def row_sum(self, active):
        _row_sum(self.w, active.astype(np.int64), self.sum)
        return self.sum

    def row_update(self, past, dw, lo, hi):
        _row_update(self.w, past, dw, np.float32(lo), np.float32(hi))


if __name__ == "__main__":
    run(
        NumbaCerebellum,
        "numba",
        lambda: {"numba": numba.__version__, "threads": numba.get_num_threads()},
    )
