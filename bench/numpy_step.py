"""NumPy peer of one Cerebellum.step() (src/brain/cerebellum.ts), timed for bench/run.js.

Reads a job as JSON on stdin (resolved CerebellumParams, channel names, the input stream,
warm-up and timing settings), builds the circuit, runs the stream and prints one JSON line.

It is NOT bit-identical to the TypeScript engine (its own RNG and wiring; exact top-k), but it
does the same work per step: the same arrays, with the same sizes and dtypes, in the same phases
and order:

  1. mossy       OU rate noise n (M); rates x = [bg + gain*c[src] + n]+; onsets
                 o = gain*[c - c_prev]+ taken from the noise-free channel.
  2. basis       gamma cascades, B leaky integrators of `order` stages for each fibre that
                 carries a channel (background fibres see no onsets; the engine skips them too),
                 driven by o; units (M x (1+B), float32) = [x | scale * last stage].
  3. granule     drive h = sum_k units[inputs[:, k]] over an N x K int32 index array; select the
                 cells with h > threshold floor and, if more than k = round(f*N) pass, exactly the
                 k largest (np.argpartition), in increasing index order.  The engine also selects
                 exactly k (a 1024-bin histogram of the drives; the cut bin fills in index order),
                 so both pass the same number of cells on to phases 4 and 6.
  4. purkinje    pause = -sum over the active rows of (w - w0) / (f*N), w an N x P float32 matrix;
                 z = (1 - lesion)*G*pause + (v^T x^)/F with x^ = [x - bg]+ and v an M x P matrix.
  5. olive       e = errorGain * (s - z(t - delay)), z kept in a (delay+1) x P ring buffer.
  6. plasticity  PF->PC delayed credit: E = kappa . (error history, an (L+1) x P ring), with
                 kappa the normalised eligibility window; dw = -eta_LTD/LTP * E * dt applied to the
                 weight rows of the cells active L steps ago (an (L+1) x k ring of index lists),
                 clipped to [minWeight, maxWeight]; then MF->nucleus v += eta_n*dt*x^ (x) pause,
                 clipped to [0, maxWeight], for fibres with x^ > 0.

One difference in the engine's favour: it also skips the cascades of channel fibres that have
gone quiet; this file updates all of their stages every step (vectorised; 16k floats at the bench
sizes, a small cost next to the granule gather).
"""

import math

import numpy as np
from peer_common import run

F32 = np.float32


def js_round(x):
    """Math.round for x >= 0 (Python's round() rounds half to even)."""
    return int(math.floor(x + 0.5))


def gamma_peak(order, tau):
    k = order - 1
    log_factorial = sum(math.log(i) for i in range(2, k + 1))
    return math.exp(k * math.log(k) - k - log_factorial) / tau


def learning_window(p):
    """kappa(tau), tau = 0..L: src/circuit/eligibility.ts."""
    rule = p["plasticity"]["pfPurkinje"]
    peak = js_round(rule["windowPeakMs"] / p["dtMs"])
    if rule["rule"] == "shift":
        kappa = np.zeros(peak + 1)
        kappa[peak] = 1.0
        return kappa
    a = rule["windowShape"]
    values = []
    tau = 0
    while True:
        if peak == 0:
            v = 1.0 if tau == 0 else 0.0
        else:
            v = (tau / peak) ** a * math.exp(a * (1 - tau / peak))
        values.append(v)
        if tau > peak and v < 0.005:
            break
        tau += 1
    kappa = np.array(values)
    return kappa / kappa.sum()


class Cerebellum:
    def __init__(self, p, channel_count, seed):
        self.p = p
        rng = np.random.default_rng(seed)
        self.rng = np.random.default_rng(seed + 1)  # noise
        dt = p["dtMs"]
        mo, ba, gr, pu = p["mossy"], p["basis"], p["granule"], p["purkinje"]
        M, B, order = mo["count"], ba["bumps"], ba["order"]
        N, K, P = gr["count"], gr["fanIn"], pu["count"]
        self.M, self.B, self.order, self.N, self.K, self.P = M, B, order, N, K, P

        # Mossy wiring: disjoint sets of fibresPerChannel fibres per channel, the rest background.
        fpc = mo["fibresPerChannel"]
        src = np.full(M, -1, np.int32)
        perm = rng.permutation(M)
        for c in range(channel_count):
            src[perm[c * fpc : (c + 1) * fpc]] = c
        self.driven = np.flatnonzero(src >= 0)
        self.src = src[self.driven]
        self.gain = rng.uniform(mo["gainMin"], mo["gainMax"], M).astype(F32)
        self.gain_driven = self.gain[self.driven]
        self.noise = np.zeros(M, F32)
        self.rate = np.zeros(M, F32)
        self.onset = np.zeros(M, F32)
        self.previous = np.zeros(channel_count)
        self.decay = math.exp(-dt / mo["noiseTauMs"])
        self.kick = mo["noiseSd"] * math.sqrt(1 - self.decay * self.decay)

        # Basis shape: log-spaced, jittered delays; gamma cascades of `order` stages.
        j = np.arange(B)
        span = math.log(ba["maxDelayMs"] / ba["minDelayMs"])
        nominal = ba["minDelayMs"] * np.exp(span * j / (B - 1) if B > 1 else 0 * j)
        d = np.maximum(dt, nominal * np.exp(ba["jitter"] * rng.standard_normal((M, B))))
        tau = d / (order - 1)
        self.leak = np.exp(-dt / tau).astype(F32)
        self.gain_in = (1 - self.leak).astype(F32)
        peak_height = ba["bumpGain"] * (ba["minDelayMs"] / d) ** ba["decay"]
        peaks = np.vectorize(lambda t: gamma_peak(order, t))(tau) if B > 0 else tau
        self.scale = (peak_height / (peaks * dt)).astype(F32)
        self.stages = np.zeros((order, self.driven.size, B), F32)
        self.leak, self.gain_in = self.leak[self.driven], self.gain_in[self.driven]
        self.scale = self.scale[self.driven]
        self.units = np.zeros((M, 1 + B), F32)
        self.units_flat = self.units.reshape(-1)

        # Granule wiring: N x K int32 unit indices, K distinct fibres per cell while K <= M.
        fibre = rng.integers(0, M, (N, K))
        if K <= M:
            while True:
                s = np.sort(fibre, axis=1)
                dup = np.flatnonzero((s[:, 1:] == s[:, :-1]).any(axis=1))
                if dup.size == 0:
                    break
                fibre[dup] = rng.integers(0, M, (dup.size, K))
        if B > 0:
            tonic = rng.random((N, K)) < ba["tonicProbability"]
            unit = np.where(tonic, 0, 1 + rng.integers(0, B, (N, K)))
        else:
            unit = 0
        self.inputs = np.ascontiguousarray(fibre * (1 + B) + unit, dtype=np.int32)
        self.drive = np.empty(N, F32)
        quantile = gr["golgi"] == "quantile"
        self.target = max(1, js_round(gr["codingLevel"] * N)) if quantile else N
        self.count = 0

        # Purkinje cells and nuclei.
        self.w = np.full((N, P), pu["initialWeight"], F32)
        self.v = np.zeros((M, P), F32)
        self.norm = max(1, js_round(gr["codingLevel"] * N))
        self.cortex = (1 - p["lesion"]["cortexFraction"]) * pu["outputGain"]

        # Olive and plasticity histories.
        self.delay = js_round(p["olive"]["feedbackDelayMs"] / dt)
        self.z_hist = np.zeros((self.delay + 1, P))
        self.z_head = -1
        self.kappa = learning_window(p)
        n = self.kappa.size
        self.lag = n - 1
        self.e_hist = np.zeros((n, P))
        self.a_hist = np.zeros((n, self.target), np.int32)
        self.a_count = np.zeros(n, np.int64)
        self.head = -1

    def step(self, context, teacher):
        p, dt = self.p, self.p["dtMs"]
        mo = p["mossy"]
        # 1. mossy
        noise = self.noise
        if self.kick > 0:
            noise[:] = self.decay * noise + self.kick * self.rng.standard_normal(self.M)
        drive = mo["background"] + noise
        value = context[self.src]
        drive[self.driven] += self.gain_driven * value
        rise = np.maximum(value - self.previous[self.src], 0)
        self.onset[self.driven] = self.gain_driven * rise
        np.maximum(drive, 0, out=self.rate)
        self.previous[:] = context
        rate, onset = self.rate, self.onset

        # 2. basis: every stage of every channel fibre's cascade
        x = onset[self.driven, None]
        for k in range(self.order):
            s = self.stages[k]
            s *= self.leak
            s += self.gain_in * x
            s[s < 1e-12] = 0
            x = s
        self.units[:, 0] = rate
        self.units[self.driven, 1:] = self.scale * x

        # 3. granule: gather-sum over the N x K inputs, then threshold floor and exact top-k
        # (np.take into a fresh array is the fastest gather measured; with int32 indices NumPy
        # converts them to intp on each call, a cost it pays for holding the engine's int32 layout)
        h = self.granule_drive()
        candidates = np.flatnonzero(h > p["granule"]["threshold"])
        if candidates.size > self.target:
            cut = candidates.size - self.target
            top = np.argpartition(h[candidates], cut)[cut:]
            active = np.sort(candidates[top])
        else:
            active = candidates
        self.count = active.size

        # 4. Purkinje cells and nuclei
        pu = p["purkinje"]
        total = self.row_sum(active) - active.size * pu["initialWeight"]
        pause = -total / self.norm
        z = self.cortex * pause
        mf = p["plasticity"]["mfNucleus"]
        x_hat = rate - mo["background"]
        pos = np.flatnonzero(x_hat > 0)
        x_pos = x_hat[pos]
        if mf["enabled"]:
            z += (x_pos @ self.v[pos]) / mo["fibresPerChannel"]

        # 5. olive
        self.z_head = (self.z_head + 1) % (self.delay + 1)
        self.z_hist[self.z_head] = z
        past_z = self.z_hist[(self.z_head - self.delay) % (self.delay + 1)]
        error = p["olive"]["errorGain"] * (teacher - past_z)

        # 6. plasticity
        rule = p["plasticity"]["pfPurkinje"]
        if rule["enabled"]:
            n = self.kappa.size
            self.head = (self.head + 1) % n
            self.a_hist[self.head, : active.size] = active
            self.a_count[self.head] = active.size
            self.e_hist[self.head] = error
            # E_p = sum_tau kappa(tau) e_p(t - L + tau): rotate kappa onto the ring's layout
            credit = np.roll(self.kappa, self.head + 1) @ self.e_hist
            dw = np.where(credit > 0, -rule["ltd"] * credit, -rule["ltp"] * credit) * dt
            old = (self.head + 1) % n  # the slot written L steps ago
            past = self.a_hist[old, : self.a_count[old]]
            lo, hi = rule["minWeight"], rule["maxWeight"]
            if past.size > 0 and dw.any():
                self.row_update(past, dw.astype(F32), lo, hi)
            if rule["nonAssociativeLtp"] > 0 and active.size > 0:
                rows = self.w[active] + rule["nonAssociativeLtp"] * dt
                self.w[active] = np.clip(rows, lo, hi)
        if mf["enabled"]:
            v = self.v[pos] + (mf["rate"] * dt) * np.outer(x_pos, pause)
            self.v[pos] = np.clip(v, 0, mf["maxWeight"])
        return z

    # The three phases the peers (numba_step.py, torch_step.py) replace with their own.
    def granule_drive(self):
        """h = sum_k units[inputs[:, k]] (float32, N)."""
        g, h = np.take(self.units_flat, self.inputs), self.drive
        np.add(g[:, 0], g[:, 1], out=h) if self.K > 1 else np.copyto(h, g[:, 0])
        for k in range(2, self.K):
            np.add(h, g[:, k], out=h)
        return h

    def row_sum(self, active):
        """sum over the active rows of w, per column, in float64 (P)."""
        rows = np.take(self.w, active, axis=0)
        return np.add.reduce(rows, axis=0, dtype=np.float64)

    def row_update(self, past, dw, lo, hi):
        """w[past] = clip(w[past] + dw, lo, hi), dw float32 (P)."""
        rows = np.take(self.w, past, axis=0)
        rows += dw
        np.clip(rows, lo, hi, out=rows)
        self.w[past] = rows


def main():
    run(Cerebellum, "numpy")


if __name__ == "__main__":
    main()
