import Foundation
import GovSimIO

/// The kinds of results folder a report.html can be drawn for, each from the data files the
/// command that wrote the folder leaves in it, so `govsim report` redraws a page without
/// re-running anything.
public enum ReportKind: String, CaseIterable, Sendable {
    case run, compare, sweep, sensitivity, optimize, check, explain, explore

    /// The page drawn into the folder: report.html, or explore.html for `govsim explore`.
    public var pageName: String { self == .explore ? ExploreReport.pageName : RunReport.fileName }

    /// The files whose presence marks a folder as this kind (the first is its main file).
    public var markers: [String] {
        switch self {
        case .run: return ["summary.json"]
        case .compare: return ["compare.json"]
        case .sweep: return [SweepFile.fileName, SweepFile.Table.fileName]
        case .sensitivity: return [SensitivityFile.fileName]
        case .optimize: return ["optimize.json"]
        case .check: return ["check.json"]
        case .explain: return ["explain.json"]
        case .explore: return [ExploreFile.fileName]
        }
    }

    /// The kind of results `folder` holds, judged by the files present in the order of the
    /// cases. Throws a `RunReport.DataError` naming what is missing when it is none of them.
    public static func detect(in folder: String) throws(RunReport.DataError) -> ReportKind {
        let files = DataFolder(path: folder, writer: "govsim")
        if let kind = allCases.first(where: { $0.markers.allSatisfy(files.has) }) { return kind }
        if files.has(SweepFile.fileName) {
            throw RunReport.DataError(path: files.file(SweepFile.Table.fileName), reason: "no such file: the sweep has not finished "
                                      + "(finish it with `govsim sweep … --resume`)")
        }
        let expected = allCases.map { "\($0.markers.joined(separator: " and ")) (govsim \($0.rawValue))" }
        throw RunReport.DataError(path: folder, reason: "holds no results to report: expected "
                                  + expected.dropLast().joined(separator: ", ") + " or " + expected.last!)
    }

    /// The report page of the results in `resultsFolder`, in `language` (the current task's
    /// language when not given). Throws `RunReport.DataError` when a data file is missing or malformed.
    public func html(resultsFolder: String, language: Language = Language.current) throws -> String {
        try Language.$current.withValue(language) { try page(resultsFolder: resultsFolder) }
    }

    private func page(resultsFolder: String) throws -> String {
        switch self {
        case .run: return try RunReport.html(folder: resultsFolder)
        case .compare: return try CompareReport.html(resultsFolder: resultsFolder)
        case .sweep: return try SweepReport.html(resultsFolder: resultsFolder)
        case .sensitivity: return try SensitivityReport.html(resultsFolder: resultsFolder)
        case .optimize: return try OptimizeReport.html(resultsFolder: resultsFolder)
        case .check: return try CheckReport.html(resultsFolder: resultsFolder)
        case .explain: return try ExplainReport.html(resultsFolder: resultsFolder)
        case .explore: return try ExploreReport.html(resultsFolder: resultsFolder)
        }
    }

    /// Writes the page (`pageName`) into `resultsFolder` atomically; throws `RunReport.DataError` for a bad
    /// data file and `AtomicFile.WriteError` when the page cannot be written.
    public func write(resultsFolder: String, language: Language = Language.current) throws {
        let text = try html(resultsFolder: resultsFolder, language: language)
        try AtomicFile.write(text, to: (resultsFolder as NSString).appendingPathComponent(pageName))
    }
}
