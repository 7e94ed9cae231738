import GovSimTestSupport
import XCTest
import Synchronization
import GovSim
@testable import GovSimExperiments
@testable import GovSimIO
@testable import GovSimReport

final class SweepResumeTests: XCTestCase {
    let folder = TemporaryFolder()

    private func sweep() throws -> Sweep {
        var s = Scenario()
        s.run.days = 21
        s.district.cells[0].count = 2
        s.district.cells[0].households = 100
        let axes = [Axis(path: try ParameterPath("triage.accuracy", in: s), lo: 0.5, hi: 0.9, steps: 3),
                    Axis(path: try ParameterPath("mediation.tiers[0].staff", in: s), lo: 1, hi: 4, steps: 2)]
        return Sweep(scenario: s, axes: axes, unitPoints: Design.unitPoints(.grid, axes: axes, count: 0, seed: 1),
                     trials: 3, seed: 5, threads: 2)
    }

    /// An interrupted sweep, resumed, writes exactly the files of an uninterrupted one, and the
    /// resumed part does not redo finished points.
    func testResumeGivesTheSameFilesAsAnUninterruptedSweep() throws {
        let sweep = try sweep()
        let whole = SweepFolder(directory: folder.path + "/whole", sweep: sweep, design: .grid)
        _ = try whole.prepare(resume: false)
        let all = sweep.run(pointFinished: { p, t in try! whole.keep(point: p, trials: t) })
        try whole.writeTables(all, reference: sweep.runReference()!)

        let split = SweepFolder(directory: folder.path + "/split", sweep: sweep, design: .grid)
        _ = try split.prepare(resume: false)
        let stop = Atomic<Bool>(false)
        let first = Sweep(scenario: sweep.scenario, axes: sweep.axes, unitPoints: sweep.unitPoints, trials: 3, seed: 5, threads: 1)
            .run(pointFinished: { p, t in
                try! split.keep(point: p, trials: t)
                if p >= 1 { stop.store(true, ordering: .relaxed) }
            }, shouldStop: { stop.load(ordering: .relaxed) })
        XCTAssertLessThan(first.count, sweep.unitPoints.count, "the first part was interrupted")
        let done = try split.prepare(resume: true)
        XCTAssertEqual(Set(done.keys), Set(first.keys))
        let redone = Atomic<Int>(0)
        let rest = sweep.run(skipping: Set(done.keys), progress: { _ in redone.add(1, ordering: .relaxed) })
        XCTAssertEqual(redone.load(ordering: .relaxed), (sweep.unitPoints.count - done.count) * 3)
        try split.writeTables(done.merging(rest) { a, _ in a }, reference: sweep.runReference()!)

        for file in ["sweep.csv", "sweep_trials.csv", "sweep.json"] {
            XCTAssertEqual(folder.read("whole/" + file), folder.read("split/" + file), file)
        }
    }

    func testResumingADifferentSweepIsRefused() throws {
        let sweep = try sweep()
        _ = try SweepFolder(directory: folder.path + "/x", sweep: sweep, design: .grid).prepare(resume: false)
        var other = sweep
        other.trials = 4
        XCTAssertThrowsError(try SweepFolder(directory: folder.path + "/x", sweep: other, design: .grid).prepare(resume: true))
    }

    /// A resumed sweep refuses a point file of another sweep, of another point, edited after it
    /// was written, without a header, or (even with a matching digest) with the wrong trials or
    /// a score outside 0–100.
    func testPointFilesThatAreNotThisSweepsAreRefused() throws {
        let sweep = try sweep()
        let a = SweepFolder(directory: folder.path + "/a", sweep: sweep, design: .grid)
        _ = try a.prepare(resume: false)
        let all = sweep.run(pointFinished: { p, t in try! a.keep(point: p, trials: t) })
        var other = sweep
        other.axes[0].hi = 0.8
        let b = SweepFolder(directory: folder.path + "/b", sweep: other, design: .grid)
        _ = try b.prepare(resume: false)
        try b.keep(point: 0, trials: all[0]!)
        let file = folder.path + "/a/points/point-00000.csv"
        let good = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertEqual(try a.prepare(resume: true).count, sweep.unitPoints.count, "untouched points read back")
        func refused(_ text: String, _ why: String, line: UInt = #line) {
            try! text.write(toFile: file, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try a.prepare(resume: true), line: line) { error in
                XCTAssertTrue("\(error)".contains(why), "\(error)", line: line)
            }
        }
        refused(try String(contentsOfFile: folder.path + "/b/points/point-00000.csv", encoding: .utf8), "belongs to another sweep")
        refused(try String(contentsOfFile: folder.path + "/a/points/point-00001.csv", encoding: .utf8), "holds point 1, not 0")
        let lines = good.split(separator: "\n", omittingEmptySubsequences: false)
        var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false)
        fields[1] = "99.9"
        refused((lines[0...1] + [fields.joined(separator: ",")[...]] + lines[3...]).joined(separator: "\n"), "changed after it was written")
        refused(lines.dropFirst().joined(separator: "\n"), "no govsim-point header")
        // Crafted with a matching digest: the contents are still checked.
        func crafted(_ rows: [String]) -> String {
            let table = ([String(lines[1])] + rows).joined(separator: "\n") + "\n"
            return a.pointHeader(0, table: table) + table
        }
        let row = String(lines[2])
        refused(crafted([row, row, row]), "expected 0–2 in order")
        fields = lines[2].split(separator: ",", omittingEmptySubsequences: false)
        let safety = 1 + Metric.allCases.firstIndex(of: .safetyScore)!
        fields[safety] = "999.5"
        refused(crafted([fields.joined(separator: ","), String(lines[3]), String(lines[4])]), "lies outside 0–100")
        try good.write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try a.prepare(resume: true).count, sweep.unitPoints.count)
    }

    /// sweep.csv pairs every point with the scenario as written: a point at the scenario's own
    /// values differs from it by exactly 0, another by its mean's difference from the reference's.
    func testEveryPointCarriesItsPairedDifferenceFromTheScenario() throws {
        var s = Scenario()
        s.run.days = 20
        s.district.cells[0].count = 3
        s.district.cells[0].households = 150
        let axes = [Axis(path: try ParameterPath("mediation.tiers[0].staff", in: s), lo: 3, hi: 6, steps: 2)]
        let sweep = Sweep(scenario: s, axes: axes, unitPoints: Design.unitPoints(.grid, axes: axes, count: 0, seed: 1), trials: 4, seed: 9, threads: 2)
        XCTAssertEqual(sweep.referenceValues, [3])
        let files = SweepFolder(directory: folder.path + "/diff", sweep: sweep, design: .grid)
        _ = try files.prepare(resume: false)
        let points = sweep.run(), reference = sweep.runReference()!
        try files.writeTables(points, reference: reference)
        let table = try SweepFile.Table(text: String(contentsOfFile: folder.path + "/diff/sweep.csv", encoding: .utf8),
                                        axes: axes.map(\.path.text), required: SweepFile.Table.Column.fixed)
        for r in table.rows.indices where table.field(r, .metric) == "disputes_reported" {
            let p = Int(table.field(r, .point))!
            let expected = MetricSummary(points[p]!.map { $0[Metric.disputesReported] }).mean - MetricSummary(reference.map { $0[Metric.disputesReported] }).mean
            XCTAssertEqual(table.number(r, .difference), expected, accuracy: 1e-9)
            if sweep.values(at: p) == [3] {
                XCTAssertEqual(table.number(r, .difference), 0)
                // Every paired difference of a count is 0: the interval is the one-sided bound's ±.
                XCTAssertEqual(table.number(r, .differenceCI95Lo), -table.number(r, .differenceCI95Hi))
            }
        }
    }
}
