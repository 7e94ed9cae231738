// swift-tools-version:6.0
// govsim: agent-based simulator and policy-evaluation sandbox for grassroots social governance.
// Dependencies run one way: govsim (executable) → GovSimCLI → GovSimReport → GovSimIO → GovSim (model, engine) → CGSL.
import PackageDescription

let package = Package(
    name: "govsim",
    products: [
        .executable(name: "govsim", targets: ["govsim"]),
        .library(name: "GovSim", targets: ["GovSim"]),
        .library(name: "GovSimIO", targets: ["GovSimIO"]),
        .library(name: "GovSimReport", targets: ["GovSimReport"]),
    ],
    targets: [
        // The GNU Scientific Library, found through pkg-config. `providers` only names the package
        // to install (.ci/run installs it); it installs nothing by itself.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // The model and the engine: pure simulation, no file, clock, environment or stdout access.
        .target(name: "GovSim", dependencies: ["CGSL"], exclude: ["README.md"]),
        // Scenario files, results, manifests: everything that touches the file system.
        .target(name: "GovSimIO", dependencies: ["GovSim"], exclude: ["README.md"]),
        // Report pages: SVG charts and self-contained HTML, drawn from result folders' data files.
        .target(name: "GovSimReport", dependencies: ["GovSim", "GovSimIO"], exclude: ["README.md"]),
        // The command line: parsing, help, one file per command.
        .target(name: "GovSimCLI", dependencies: ["GovSim", "GovSimIO", "GovSimReport"], exclude: ["README.md"]),
        .executableTarget(name: "govsim", dependencies: ["GovSimCLI"]),
        // What the tests share: temporary folders, small scenarios, an in-process `govsim`, a
        // seeded property check. Only the public interfaces of the modules it imports.
        .target(name: "GovSimTestSupport", dependencies: ["GovSim", "GovSimIO", "GovSimCLI"], path: "Tests/GovSimTestSupport"),
        .testTarget(name: "GovSimTests", dependencies: ["GovSim", "GovSimTestSupport"]),
        .testTarget(name: "GovSimIOTests", dependencies: ["GovSimIO", "GovSimReport", "GovSim", "GovSimTestSupport"], resources: [.copy("Fixtures")]),
        // The CLI tests also run the built `govsim` binary (signals, exit statuses of the process).
        .testTarget(name: "GovSimCLITests", dependencies: ["GovSimCLI", "GovSimIO", "GovSimReport", "GovSim", "GovSimTestSupport", "govsim"]),
    ]
)
