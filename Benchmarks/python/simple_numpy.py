"""The simple model, vectorised with NumPy: whole-district array operations, Float32 scores."""
import numpy as np

from simple_model import *


class NumpyModel:
    def __init__(self, residents, seed=7):
        self.cells = cells_for(residents)
        self.n = n = self.cells * CELL
        self.rng = np.random.default_rng(seed)
        f32 = np.float32
        z = self.rng.standard_normal((3, n)).astype(f32)
        self.oh, self.os, self.ot = f32(SPREAD_H) * z[0], f32(SPREAD_S) * z[1], f32(SPREAD_T) * z[2]
        self.level = np.full(self.cells, USUAL_INCIDENT_LEVEL)
        s0 = BASE_SAFETY - NEARBY_INCIDENT_WEIGHT * USUAL_INCIDENT_LEVEL
        self.t = np.clip(f32(BASE_TRUST) + self.ot, 0, 100)
        self.s = np.clip(f32(s0) + self.os, 0, 100)
        self.h = np.clip(f32(BASE_HAPPINESS) + self.oh + f32(W_TRUST) * (self.t - 50) + f32(W_SAFETY) * (self.s - 50), 0, 100)
        self.tmp = np.empty(n, dtype=f32)
        self.tmp2 = np.empty(n, dtype=f32)
        self.starts = np.arange(self.cells) * CELL
        self.cell_satisfied = np.zeros(self.cells)
        self.cell_safety = np.zeros(self.cells)

    def _shock(self, rate, a, da, b, db):
        counts = self.rng.poisson(rate * CELL, size=self.cells)
        total = int(counts.sum())
        if total:
            victims = np.repeat(self.starts, counts) + self.rng.integers(0, CELL, size=total)
            np.subtract.at(a, victims, np.float32(da))
            np.subtract.at(b, victims, np.float32(db))
            a[victims] = np.maximum(a[victims], 0)
            b[victims] = np.maximum(b[victims], 0)
        return counts

    def step(self):
        h, s, t, tmp, tmp2 = self.h, self.s, self.t, self.tmp, self.tmp2
        k = np.float32(K)
        self._shock(DISPUTE_RATE, h, DISPUTE_SHOCK_H, t, DISPUTE_SHOCK_T)
        incidents = self._shock(INCIDENT_RATE, s, INCIDENT_SHOCK_S, h, INCIDENT_SHOCK_H)
        self.level += (1 / CLIMATE_DAYS) * (incidents * (1000 / CELL * 30) - self.level)
        target_s = (BASE_SAFETY - NEARBY_INCIDENT_WEIGHT * self.level).astype(np.float32)
        # trust: t = clamp(t + k (tT + ot - t))
        np.subtract(self.ot, t, out=tmp); tmp += np.float32(TARGET_TRUST); tmp *= k; t += tmp
        np.clip(t, 0, 100, out=t)
        # safety, with the cell's target
        np.subtract(self.os, s, out=tmp)
        tmp.reshape(self.cells, CELL).__iadd__(target_s[:, None])
        tmp *= k; s += tmp
        np.clip(s, 0, 100, out=s)
        # happiness: h = clamp(h + k (tH + oh + wT t + wS s - h))
        np.multiply(t, np.float32(W_TRUST), out=tmp)
        np.multiply(s, np.float32(W_SAFETY), out=tmp2); tmp += tmp2
        tmp += self.oh; tmp -= h; tmp += np.float32(TARGET_HAPPINESS); tmp *= k; h += tmp
        np.clip(h, 0, 100, out=h)
        # the cells' sums and satisfied counts
        hc = h.reshape(self.cells, CELL)
        self.cell_sum_h = hc.sum(axis=1)
        self.cell_sum_t = t.reshape(self.cells, CELL).sum(axis=1)
        self.cell_safety = s.reshape(self.cells, CELL).sum(axis=1) / CELL
        self.cell_satisfied = np.count_nonzero(hc >= np.float32(THRESHOLD), axis=1) / CELL

    def outcome(self):
        return 100 * float(self.cell_satisfied.mean()), float(self.cell_safety.mean())
