import GovSimCLI
