import XCTest
import GovSim
@testable import GovSimIO

/// `posterior:` side files are read strictly: every problem names the file, line and column.
final class PosteriorFileTests: XCTestCase {
    let scenario = Scenario()

    func problems(_ text: String) -> [String] {
        do {
            _ = try PosteriorFile.parse(text, file: "p.csv", for: scenario)
            return []
        } catch {
            return error.problems
        }
    }

    func testReadsCommentsHeaderAndWeights() throws {
        let p = try PosteriorFile.parse("# made by a test\n# second line\nestates.oldEstate.baseHappiness,weight\n60,1\n70,3\n", file: "p.csv", for: scenario)
        XCTAssertEqual(p.paths, ["estates.oldEstate.baseHappiness"])
        XCTAssertEqual(p.rows, [[60], [70]])
        XCTAssertEqual(p.weights, [0.25, 0.75])
        XCTAssertEqual(p.row(for: 0.2), 0)
        XCTAssertEqual(p.row(for: 0.25), 1)
        XCTAssertEqual(p.row(for: 0.99), 1)
        // What render writes reads back to the same values.
        let text = PosteriorFile.render(paths: ["estates.oldEstate.baseHappiness", "disputes.rateMultiplier"], particles: [[61.123456789012345, 0.1], [1e-7, 2]],
                                        weights: [0.3, 0.7], comments: ["x"])
        let back = try PosteriorFile.parse(text, file: "p.csv", for: scenario)
        XCTAssertEqual(back.rows, [[61.123456789012345, 0.1], [1e-7, 2]])
        XCTAssertEqual(back.weights, [0.3, 0.7])
    }

    func testEveryProblemNamesLineAndColumn() {
        XCTAssertEqual(problems("# c\nestates.oldEstate.baseHapiness,weight\n60,1\n"),
                       ["line 2, column 'estates.oldEstate.baseHapiness': no numeric parameter 'estates.oldEstate.baseHapiness'; did you mean 'estates.oldEstate.baseHappiness'? (govsim params lists them)"])
        XCTAssertEqual(problems("estates.oldEstate.baseHappiness,weight\nnan,1\n120,1\n50,0\n50,-1\n50,inf\n"), [
            "line 2, column 'estates.oldEstate.baseHappiness': expected a finite number, got 'nan'",
            "line 3, column 'estates.oldEstate.baseHappiness': expected a number from 0 to 100 (points 0–100), got 120",
            "line 4, column 'weight': expected a weight > 0, got 0",
            "line 5, column 'weight': expected a weight > 0, got -1",
            "line 6, column 'weight': expected a finite number, got 'inf'",
        ])
        XCTAssertEqual(problems("estates.oldEstate.baseHappiness\n50\n"), ["line 1: no 'weight' column (columns: parameter paths, then weight)"])
        XCTAssertEqual(problems("estates.oldEstate.baseHappiness,estates.oldEstate.baseHappiness,weight\n1,2,3\n"),
                       ["line 1, column 'estates.oldEstate.baseHappiness': appears twice"])
        XCTAssertEqual(problems("estates.oldEstate.baseHappiness,weight\n"), ["no rows: a posterior sample needs at least one vector"])
        XCTAssertEqual(problems("estates.oldEstate.baseHappiness,weight\n1\n"), ["record 2 has 1 fields, but the header has 2"])
    }
}
