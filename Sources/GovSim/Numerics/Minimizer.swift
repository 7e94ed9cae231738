import CGSL

/// Derivative-free minimisation with GSL's Nelder–Mead simplex (`nmsimplex2`).
public enum Minimizer {
    public struct Result: Sendable {
        public var x: [Double]
        public var value: Double
        public var evaluations: Int
        /// Whether the simplex shrank below the size tolerance (else the budget ran out).
        public var converged: Bool
    }

    private final class Box {
        let f: ([Double]) -> Double
        var evaluations = 0
        init(_ f: @escaping ([Double]) -> Double) { self.f = f }
    }

    /// Minimises `f` from `start`, with initial simplex steps `steps`, until the simplex's
    /// characteristic size is below `sizeTolerance` or `maxEvaluations` calls were made.
    public static func nelderMead(_ f: @escaping ([Double]) -> Double, start: [Double], steps: [Double],
                                  sizeTolerance: Double = 1e-3, maxEvaluations: Int = 200,
                                  onIteration: ((_ evaluations: Int, _ best: Double) -> Void)? = nil) -> Result {
        GSLSetup.once
        let n = start.count
        let box = Box(f)
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        var function = gsl_multimin_function(
            f: { v, params in
                let box = Unmanaged<Box>.fromOpaque(params!).takeUnretainedValue()
                box.evaluations += 1
                let x = (0..<Int(v!.pointee.size)).map { gsl_vector_get(v, $0) }
                let y = box.f(x)
                return y.isFinite ? y : Double.greatestFiniteMagnitude
            },
            n: n, params: unmanaged.toOpaque())
        let x = gsl_vector_alloc(n)!, step = gsl_vector_alloc(n)!
        defer { gsl_vector_free(x); gsl_vector_free(step) }
        for i in 0..<n {
            gsl_vector_set(x, i, start[i])
            gsl_vector_set(step, i, steps[i])
        }
        let s = gsl_multimin_fminimizer_alloc(govsim_fminimizer_nmsimplex2(), n)!
        defer { gsl_multimin_fminimizer_free(s) }
        gsl_multimin_fminimizer_set(s, &function, x, step)
        var converged = false
        while box.evaluations < maxEvaluations {
            guard gsl_multimin_fminimizer_iterate(s) == GSL_SUCCESS else { break }
            onIteration?(box.evaluations, s.pointee.fval)
            if gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), sizeTolerance) == GSL_SUCCESS {
                converged = true
                break
            }
        }
        let best = (0..<n).map { gsl_vector_get(s.pointee.x, $0) }
        return Result(x: best, value: s.pointee.fval, evaluations: box.evaluations, converged: converged)
    }
}
