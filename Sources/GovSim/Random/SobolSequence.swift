import CGSL

/// GSL's Sobol quasi-random sequence in [0, 1)^d (d ≤ 40). GSL starts at (½, …, ½), not at
/// the origin, so no point needs skipping.
public final class SobolSequence {
    private let q: UnsafeMutablePointer<gsl_qrng>
    public let dimensions: Int

    /// The largest dimension GSL's Sobol generator supports.
    public static let maxDimensions = 40

    public init(dimensions: Int) {
        precondition((1...SobolSequence.maxDimensions).contains(dimensions), "Sobol dimensions must be 1–40")
        GSLSetup.once
        guard let q = gsl_qrng_alloc(govsim_qrng_type_sobol(), UInt32(dimensions)) else {
            fatalError("gsl_qrng_alloc failed: out of memory")
        }
        self.q = q
        self.dimensions = dimensions
    }

    deinit { gsl_qrng_free(q) }

    /// The next point.
    public func next() -> [Double] {
        var x = [Double](repeating: 0, count: dimensions)
        x.withUnsafeMutableBufferPointer { _ = gsl_qrng_get(q, $0.baseAddress) }
        return x
    }
}
