import GovSimCLI

#if canImport(Glibc)
import Glibc
#endif

exit(GovSimTool.main(Array(CommandLine.arguments.dropFirst())))
