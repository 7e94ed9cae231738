import XCTest
import GovSimCLI

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
            name   n
            -----  -----
            Zoë 🌱  7
            a      12345

            """)
    }

    func testShortRowsAndNewlinesInCells() {
        let table = TextTable.render(header: ["a", "b"], rows: [["x"], ["1\n2", "y"]], alignments: [.right])
        XCTAssertEqual(table, "  a  b\n---  -\n  x\n1 2  y\n")
    }

    func testHeaderOnly() {
        XCTAssertEqual(TextTable.render(header: ["metric"], rows: []), "metric\n------\n")
    }
}
