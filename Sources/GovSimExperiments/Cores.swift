import GovSim
#if canImport(Glibc)
import Glibc
#endif

/// Logical cores online (sysconf), without Foundation's ProcessInfo.
enum ProcessInfoCores {
    static var count: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}
