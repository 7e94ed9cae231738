// swift-tools-version:6.0
// Benchmarks live in their own package so they never slow the main build or the tests.
// Run everything (Swift suite, NumPy and Mesa side by side) with Benchmarks/run-all.sh, or just the
// full model with:  swift run -c release --package-path Benchmarks govsim-bench
// See docs/performance.md.
import PackageDescription

let package = Package(
    name: "govsim-benchmarks",
    dependencies: [.package(name: "govsim", path: "..")],
    targets: [
        .executableTarget(
            name: "govsim-bench",
            dependencies: [.product(name: "GovSim", package: "govsim"), .product(name: "GovSimExperiments", package: "govsim")]
        ),
    ]
)
