"""The simple model shared by the Swift, NumPy and Mesa versions (docs/performance.md, "The simple model").

Constants are govsim's defaults for a new estate with no policy. Every implementation rounds the
district to whole cells of CELL residents.
"""

CELL = 1001                      # residents per cell (~385 households x 2.6)
K = 1.0 / 45.0                   # residents.adaptationDays = 45
BASE_HAPPINESS, BASE_SAFETY, BASE_TRUST = 64.0, 68.0, 55.0
W_TRUST, W_SAFETY = 0.3, 0.3     # trustOnHappiness, safetyOnHappiness
THRESHOLD = 60.0                 # satisfiedThreshold
SPREAD_H, SPREAD_S, SPREAD_T = 12.0, 10.0, 12.0
DISPUTE_RATE = 0.42 / 2.6 / 365  # disputes per resident per day: (0.15+0.2+0.01+0.06)/household-year / 2.6
INCIDENT_RATE = 13.1 / 1000 / 365  # incidents per resident per day: (8+4+0.3+0.8)/1000 residents-year
NEARBY_INCIDENT_WEIGHT = 6.0     # safety points per incident/1000 residents/month
CLIMATE_DAYS = 30.0
DISPUTE_SHOCK_H, DISPUTE_SHOCK_T = 10.0, 8.0    # openDisputePenalty, failedTrustLoss
INCIDENT_SHOCK_S, INCIDENT_SHOCK_H = 20.0, 10.0  # victimSafetyLoss, victimHappinessLoss
USUAL_INCIDENT_LEVEL = INCIDENT_RATE * 1000 * 30
TARGET_HAPPINESS = BASE_HAPPINESS - 50 * (W_TRUST + W_SAFETY)
TARGET_TRUST = BASE_TRUST


def cells_for(residents):
    return max(1, int(round(residents / CELL)))
