import GovSimIO
