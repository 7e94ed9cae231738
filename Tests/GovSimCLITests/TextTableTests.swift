import XCTest
import GovSimCLI
import GovSimIO
@testable import GovSimReport

final class TextTableTests: XCTestCase {
    func testAlignedColumnsWithRule() {
        let table = TextTable.render(header: ["scenario", "trials", "mean"],
                                     rows: [["village", "1000", "0.412"], ["città", "50", "12.5"]],
                                     alignments: [.left, .right, .right])
        XCTAssertEqual(table, """
            scenario  trials   mean
            --------  ------  -----
            village     1000  0.412
            città         50   12.5

            """)
    }

    func testWideCellsUnicodeAndDefaultLeftAlignment() {
        let table = TextTable.render(header: ["name", "n"], rows: [["Zoë 🌱", "7"], ["a", "12345"]])
        XCTAssertEqual(table, """
            name    n
            ------  -----
            Zoë 🌱  7
            a       12345

            """)
    }

    func testShortRowsAndNewlinesInCells() {
        let table = TextTable.render(header: ["a", "b"], rows: [["x"], ["1\n2", "y"]], alignments: [.right])
        XCTAssertEqual(table, "  a  b\n---  -\n  x\n1 2  y\n")
    }

    /// Chinese characters and fullwidth signs take two terminal columns each, so the columns
    /// line up on screen: "安全感" is 6 columns wide, "（分）" 6, "–" and "%" one.
    func testCJKCellsArePaddedByDisplayWidth() {
        let table = TextTable.render(header: ["指标", "单位", "均值"],
                                     rows: [["安全感", "分（0–100）", "61.5"], ["satisfaction_pct", "%", "62.8"]],
                                     alignments: [.left, .left, .right])
        XCTAssertEqual(table, """
            指标              单位         均值
            ----------------  -----------  ----
            安全感            分（0–100）  61.5
            satisfaction_pct  %            62.8

            """)
        XCTAssertEqual(DisplayWidth.of("安全感"), 6)
        XCTAssertEqual(DisplayWidth.of("（0–100）"), 9)
        XCTAssertEqual(DisplayWidth.of("città"), 5)
    }

    func testHeaderOnly() {
        XCTAssertEqual(TextTable.render(header: ["metric"], rows: []), "metric\n------\n")
    }
}
