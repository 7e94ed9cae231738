import GovSim
import GovSimIO

/// `govsim params`: every scenario parameter with its value and unit.
enum ParamsCommand {
    static let spec = CommandSpec(
        name: "params",
        abstract: "List every parameter with its value and unit.",
        discussion: "Without a scenario, lists the defaults; with one, the values that scenario resolves to (defaults filled in). docs/model.md explains each parameter.",
        arguments: [ArgumentSpec(name: "scenario", help: "A scenario file (JSON5).", isOptional: true)],
        examples: ["govsim params", "govsim params scenarios/example.json5"]
    )

    static func execute(_ file: String?, console: Console) -> Int32 {
        var scenario = Scenario()
        if let file {
            do {
                scenario = try ScenarioLoader.load(path: file).scenario
            } catch {
                console.err(error.description + "\n")
                return ExitStatus.dataError
            }
        }
        let rows = ParameterListing.entries(of: scenario).map { [$0.path, $0.value, $0.unit] }
        console.out(TextTable.render(header: ["parameter", "value", "unit and range"], rows: rows))
        return ExitStatus.success
    }
}
