import XCTest
@testable import GovSim
import Foundation

/// Every metric is declared once, and what is read from the declaration is consistent.
final class MetricDeclarationTests: XCTestCase {
    func testNamesAreUniqueSnakeCaseAndFindTheirMetric() {
        let names = Metric.allCases.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "names are unique")
        for m in Metric.allCases {
            XCTAssertNotNil(m.name.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression), m.name)
            XCTAssertEqual(Metric(name: m.name), m)
            XCTAssertFalse(m.unit.isEmpty, m.name)
        }
        XCTAssertNil(Metric(name: "no_such_output"))
    }

    func testKindsAgreeWithUnitsAndDirections() {
        for m in Metric.allCases {
            switch m.kind {
            case .share: XCTAssertEqual(m.unit, "%", m.name)
            case .score: XCTAssertEqual(m.unit, "points 0–100", m.name); XCTAssertTrue(m.higherIsBetter, m.name)
            case .minutes: XCTAssertTrue(["hours", "minutes"].contains(m.unit), m.name); XCTAssertFalse(m.higherIsBetter, m.name)
            case .yuan: XCTAssertTrue(m.unit.hasPrefix("yuan"), m.name); XCTAssertFalse(m.higherIsBetter, m.name)
            case .count: break
            }
        }
    }
}
