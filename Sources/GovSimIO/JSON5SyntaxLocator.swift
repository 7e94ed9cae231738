// STUB: replaced by the real locator.
public struct JSON5SyntaxProblem: Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
}
public enum JSON5SyntaxLocator {
    public static func firstProblem(in text: String) -> JSON5SyntaxProblem? { nil }
}
