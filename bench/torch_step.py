"""PyTorch peer of one Cerebellum.step(): bench/numpy_step.py with its three heavy phases
(granule gather-sum, Purkinje row sums, weight-row updates) as torch CPU tensor operations on
tensors that share memory with the NumPy arrays (torch.from_numpy, no copies), on torch's
intra-op threads (every core by default). Reports itself unavailable when torch does not import
(Debian: apt-get install python3-torch)."""

import os

from peer_common import run, unavailable

try:
    import torch
except Exception as e:  # noqa: BLE001 - any import failure means "not here"
    unavailable(f"python3 -c 'import torch' failed: {type(e).__name__}: {e}")

import numpy as np
from numpy_step import Cerebellum


class TorchCerebellum(Cerebellum):
    def __init__(self, p, channel_count, seed):
        super().__init__(p, channel_count, seed)
        # torch defaults to the physical cores; use every core this process may run on, as the
        # other threaded peers do.
        torch.set_num_threads(len(os.sched_getaffinity(0)))
        self.t_units = torch.from_numpy(self.units_flat)
        # index_select wants int64 indices: one copy of the wiring, made once.
        self.t_inputs = torch.from_numpy(self.inputs.astype(np.int64))
        self.t_drive = torch.from_numpy(self.drive)
        self.t_w = torch.from_numpy(self.w)

    def granule_drive(self):
        g = torch.take(self.t_units, self.t_inputs)
        torch.sum(g, dim=1, out=self.t_drive)
        return self.drive

    def row_sum(self, active):
        rows = self.t_w.index_select(0, torch.from_numpy(active.astype(np.int64)))
        return rows.sum(dim=0, dtype=torch.float64).numpy()

    def row_update(self, past, dw, lo, hi):
        idx = torch.from_numpy(past.astype(np.int64))
        rows = self.t_w.index_select(0, idx)
        rows += torch.from_numpy(dw)
        rows.clamp_(lo, hi)
        self.t_w.index_copy_(0, idx, rows)


if __name__ == "__main__":
    run(
        TorchCerebellum,
        "torch",
        lambda: {"torch": torch.__version__, "threads": torch.get_num_threads()},
    )
