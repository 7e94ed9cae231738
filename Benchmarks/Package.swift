// swift-tools-version:6.0
// Benchmarks live in their own package so they never slow the main build or the tests.
// Run from the repository root:  scripts/bench   (or: swift run -c release --package-path Benchmarks govsim-bench)
import PackageDescription

let package = Package(
    name: "govsim-benchmarks",
    dependencies: [.package(name: "govsim", path: "..")],
    targets: [
        .executableTarget(
            name: "govsim-bench",
            dependencies: [.product(name: "GovSim", package: "govsim")]
        ),
    ]
)
