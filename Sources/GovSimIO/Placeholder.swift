import GovSim
