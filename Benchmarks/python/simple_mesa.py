"""The simple model in Mesa: one Agent per resident, one model step per day."""
import mesa

from simple_model import *


def clamp(x):
    return 0.0 if x < 0.0 else 100.0 if x > 100.0 else x


class Resident(mesa.Agent):
    def __init__(self, model, cell, oh, os, ot):
        super().__init__(model)
        self.cell = cell
        self.oh, self.os, self.ot = oh, os, ot
        self.t = clamp(BASE_TRUST + ot)
        self.s = clamp(BASE_SAFETY - NEARBY_INCIDENT_WEIGHT * USUAL_INCIDENT_LEVEL + os)
        self.h = clamp(BASE_HAPPINESS + oh + W_TRUST * (self.t - 50) + W_SAFETY * (self.s - 50))

    def step(self):
        m, c = self.model, self.cell
        tr = clamp(self.t + K * (TARGET_TRUST + self.ot - self.t))
        sf = clamp(self.s + K * (m.target_s[c] + self.os - self.s))
        hp = clamp(self.h + K * (TARGET_HAPPINESS + self.oh + W_TRUST * tr + W_SAFETY * sf - self.h))
        self.t, self.s, self.h = tr, sf, hp
        m.sum_t[c] += tr
        m.sum_s[c] += sf
        m.sum_h[c] += hp
        if hp >= THRESHOLD:
            m.satisfied[c] += 1


class City(mesa.Model):
    def __init__(self, residents, seed=7):
        super().__init__(rng=seed)
        self.cells = cells_for(residents)
        self.by_cell = []
        for c in range(self.cells):
            self.by_cell.append([
                Resident(self, c, SPREAD_H * self.random.gauss(0, 1), SPREAD_S * self.random.gauss(0, 1),
                         SPREAD_T * self.random.gauss(0, 1))
                for _ in range(CELL)
            ])
        self.level = [USUAL_INCIDENT_LEVEL] * self.cells
        self.target_s = [0.0] * self.cells
        self.sum_t = [0.0] * self.cells
        self.sum_s = [0.0] * self.cells
        self.sum_h = [0.0] * self.cells
        self.satisfied = [0] * self.cells

    def step(self):
        poisson, pick = self.rng.poisson, self.random.randrange
        for c in range(self.cells):
            people = self.by_cell[c]
            for _ in range(poisson(DISPUTE_RATE * CELL)):
                r = people[pick(CELL)]
                r.h = clamp(r.h - DISPUTE_SHOCK_H)
                r.t = clamp(r.t - DISPUTE_SHOCK_T)
            incidents = poisson(INCIDENT_RATE * CELL)
            for _ in range(incidents):
                r = people[pick(CELL)]
                r.s = clamp(r.s - INCIDENT_SHOCK_S)
                r.h = clamp(r.h - INCIDENT_SHOCK_H)
            self.level[c] += (1 / CLIMATE_DAYS) * (incidents * 1000 / CELL * 30 - self.level[c])
            self.target_s[c] = BASE_SAFETY - NEARBY_INCIDENT_WEIGHT * self.level[c]
            self.sum_t[c] = self.sum_s[c] = self.sum_h[c] = 0.0
            self.satisfied[c] = 0
        self.agents.do("step")

    def outcome(self):
        n = self.cells * CELL
        return 100 * sum(self.satisfied) / n, sum(self.sum_s) / n
