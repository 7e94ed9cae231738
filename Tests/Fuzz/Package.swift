// swift-tools-version:6.0
// The coverage-guided fuzzer (libFuzzer) over govsim's readers: scenario files, shard files,
// run and comparison journals, sweep point files and run/compare result folders. It lives in its
// own package so it never touches the main build or tests. Build and run it with scripts/fuzz
// (docs/reliability.md); without `-sanitize=fuzzer` the same executable replays inputs given as
// files, e.g.  swift run --package-path Tests/Fuzz govsim-fuzz Tests/Fuzz/corpus/*
import PackageDescription

let package = Package(
    name: "govsim-fuzz",
    dependencies: [.package(name: "govsim", path: "../..")],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "govsim-fuzz",
            dependencies: ["CFuzzDriver", .product(name: "GovSim", package: "govsim"), .product(name: "GovSimIO", package: "govsim"), .product(name: "GovSimReport", package: "govsim")]
        ),
    ]
)
