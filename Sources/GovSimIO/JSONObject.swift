import Foundation
import GovSim

/// A JSON object of a result file read back, with typed lookups: numbers are NaN where the file
/// has null or nothing. What the readers of result files (reports, redraws) read with.
///
/// It reads through `ScenarioLoader.parse` (JSONDecoder), not JSONSerialization: on Linux,
/// JSONSerialization rounds some 17-digit numbers to a neighbouring Double (23.349999999999998
/// comes back as 23.35), so a report would show a value the file does not hold.
public struct JSONObject: Sendable {
    public var members: [String: JSONValue]
    public init(_ members: [String: JSONValue]) { self.members = members }

    /// `text` as a JSON object; nil when it is not one.
    public init?(text: String) {
        guard case .object(let members)? = try? ScenarioLoader.parse(text: text, file: "") else { return nil }
        self.members = members
    }

    public var keys: [String] { members.keys.sorted() }
    public func has(_ key: String) -> Bool { members[key] != nil }
    public func number(_ key: String) -> Double { members[key]?.numberValue ?? .nan }
    /// An integer (a whole number written with a fraction counts, as JSONSerialization read it).
    public func int(_ key: String) -> Int? {
        switch members[key] {
        case .integer(let i)?: return Int(exactly: i)
        case .number(let x)? where x.isFinite && x == x.rounded(.towardZero) && abs(x) < 9e18: return Int(x)
        default: return nil
        }
    }
    public func string(_ key: String) -> String? {
        if case .string(let s)? = members[key] { return s }
        return nil
    }
    public func bool(_ key: String) -> Bool? {
        if case .bool(let b)? = members[key] { return b }
        return nil
    }
    public func object(_ key: String) -> JSONObject? {
        if case .object(let o)? = members[key] { return JSONObject(o) }
        return nil
    }
    public func array(_ key: String) -> [JSONValue]? {
        if case .array(let a)? = members[key] { return a }
        return nil
    }
    /// An array of strings (nil when any item is not one).
    public func strings(_ key: String) -> [String]? {
        array(key).flatMap { items in
            let strings = items.compactMap { item -> String? in if case .string(let s) = item { return s }; return nil }
            return strings.count == items.count ? strings : nil
        }
    }
    /// An array of objects (nil when any item is not one).
    public func objects(_ key: String) -> [JSONObject]? {
        array(key).flatMap { items in
            let objects = items.compactMap { item -> JSONObject? in if case .object(let o) = item { return JSONObject(o) }; return nil }
            return objects.count == items.count ? objects : nil
        }
    }
    /// An array of numbers, NaN for an item that is not one.
    public func numbers(_ key: String) -> [Double]? { array(key)?.map { $0.numberValue ?? .nan } }
    /// An array's integer items (the others left out).
    public func integers(_ key: String) -> [Int]? {
        array(key)?.compactMap { item -> Int? in if case .integer(let i) = item { return Int(exactly: i) }; return nil }
    }
    /// A `[lo, hi]` pair.
    public func interval(_ key: String) -> Interval {
        let pair = numbers(key) ?? []
        return Interval(lo: pair.first ?? .nan, hi: pair.count > 1 ? pair[1] : .nan)
    }
    /// A number or integer written as text ("7" or 7), as summary.json writes seeds.
    public func text(_ key: String) -> String? {
        switch members[key] {
        case .string(let s)?: return s
        case .integer(let i)?: return String(i)
        case .number(let x)?: return JSONText.format(x)
        default: return nil
        }
    }
}

/// Why a text is not the result file it should be (summary.json, trials.csv, compare.json, …):
/// what is wrong with it, to be said after the file's path.
public struct ResultFileError: Error, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}
