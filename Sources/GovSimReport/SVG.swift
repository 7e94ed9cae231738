import Foundation
import GovSimIO

/// A small SVG image built element by element. Coordinates and sizes are in pixels (SVG user
/// units) from the top left. Text is escaped and every number is written with at most two
/// decimals, so the same calls always give the same bytes.
public struct SVG: Sendable {
    /// How text lines up with its x coordinate.
    public enum Anchor: String, Sendable { case start, middle, end }

    /// Width and height of the image (px).
    public let width: Double, height: Double
    /// Shown by browsers and screen readers as the image's name.
    public let title: String
    private var body = ""

    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// A rectangle; `title` becomes its tooltip.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              opacity: Double? = nil, stroke: String? = nil, title: String? = nil) {
        element("rect", [("x", SVG.number(x)), ("y", SVG.number(y)), ("width", SVG.number(max(0, width))),
                         ("height", SVG.number(max(0, height))), ("fill", fill), ("fill-opacity", opacity.map(SVG.number)),
                         ("stroke", stroke)], title: title)
    }

    /// A straight line; `dash` is an SVG dash array such as "4 3".
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil) {
        element("line", [("x1", SVG.number(x1)), ("y1", SVG.number(y1)), ("x2", SVG.number(x2)), ("y2", SVG.number(y2)),
                         ("stroke", stroke), ("stroke-width", SVG.number(width)), ("stroke-dasharray", dash)])
    }

    /// An open line through `points`.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5, dash: String? = nil) {
        element("polyline", [("points", SVG.points(points)), ("fill", "none"), ("stroke", stroke),
                             ("stroke-width", SVG.number(width)), ("stroke-linejoin", "round"), ("stroke-dasharray", dash)])
    }

    /// A closed filled shape through `points`, e.g. a band between two lines.
    public mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, opacity: Double? = nil, stroke: String? = nil,
                                 title: String? = nil) {
        element("polygon", [("points", SVG.points(points)), ("fill", fill), ("fill-opacity", opacity.map(SVG.number)),
                            ("stroke", stroke)], title: title)
    }

    /// A path: `rings` are closed outlines (an outer boundary and its holes, or several
    /// polygons), filled by the even-odd rule so a hole stays empty; `title` becomes its tooltip.
    public mutating func path(rings: [[(x: Double, y: Double)]], fill: String, stroke: String? = nil, strokeWidth: Double? = nil,
                              title: String? = nil) {
        let d = rings.filter { !$0.isEmpty }.map { ring in
            "M" + ring.map { "\(SVG.number($0.x)),\(SVG.number($0.y))" }.joined(separator: "L") + "Z"
        }.joined()
        element("path", [("d", d), ("fill", fill), ("fill-rule", "evenodd"), ("stroke", stroke),
                         ("stroke-width", strokeWidth.map(SVG.number)), ("stroke-linejoin", stroke == nil ? nil : "round")], title: title)
    }

    /// A circle; `stroke` outlines it `strokeWidth` px wide (fill "none" draws a ring).
    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, strokeWidth: Double? = nil,
                                title: String? = nil) {
        element("circle", [("cx", SVG.number(cx)), ("cy", SVG.number(cy)), ("r", SVG.number(r)), ("fill", fill), ("stroke", stroke),
                           ("stroke-width", strokeWidth.map(SVG.number))], title: title)
    }

    /// One line of text at (x, y), y being the baseline; `rotate` turns it (degrees) about (x, y).
    public mutating func text(_ string: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
                              bold: Bool = false, fill: String = Palette.ink, rotate: Double? = nil) {
        let transform = rotate.map { "rotate(\(SVG.number($0)) \(SVG.number(x)) \(SVG.number(y)))" }
        let attributes: [(String, String?)] = [
            ("x", SVG.number(x)), ("y", SVG.number(y)), ("text-anchor", anchor == .start ? nil : anchor.rawValue),
            ("font-size", SVG.number(size)), ("font-weight", bold ? "bold" : nil), ("fill", fill), ("transform", transform),
        ]
        body += "<text" + SVG.attributes(attributes) + ">" + SVG.escape(string) + "</text>\n"
    }

    /// A group of elements; `title` becomes the tooltip of the whole group.
    public mutating func group(title: String? = nil, _ build: (inout SVG) -> Void) {
        body += "<g>" + (title.map { "<title>\(SVG.escape($0))</title>" } ?? "") + "\n"
        build(&self)
        body += "</g>\n"
    }

    /// The image as an `<svg>` element that scales to its container (viewBox, no fixed size in CSS).
    public var rendered: String {
        let w = SVG.number(width), h = SVG.number(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" "
            + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\">\n"
            + "<title>\(SVG.escape(title))</title>\n" + body + "</svg>\n"
    }

    private mutating func element(_ name: String, _ attributes: [(String, String?)], title: String? = nil) {
        if let title {
            body += "<\(name)" + SVG.attributes(attributes) + "><title>\(SVG.escape(title))</title></\(name)>\n"
        } else {
            body += "<\(name)" + SVG.attributes(attributes) + "/>\n"
        }
    }

    private static func attributes(_ list: [(String, String?)]) -> String {
        list.compactMap { key, value in value.map { " \(key)=\"\(escape($0))\"" } }.joined()
    }

    private static func points(_ list: [(x: Double, y: Double)]) -> String {
        list.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }

    /// Text made safe for XML and HTML content and attribute values: `& < > " '` become
    /// references, and control characters XML forbids are dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A coordinate: rounded to two decimals, without trailing zeros; "0" for -0 and non-finite values.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 100).rounded() / 100
        if r == r.rounded(), abs(r) < 1e15 { return String(Int64(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}

/// Colours of the charts: the Okabe–Ito palette, which readers with any common colour-vision
/// deficiency can tell apart, and neutral greys for ink and grid.
public enum Palette {
    public static let orange = "#E69F00", skyBlue = "#56B4E9", bluishGreen = "#009E73", yellow = "#F0E442"
    public static let blue = "#0072B2", vermillion = "#D55E00", reddishPurple = "#CC79A7", black = "#000000"
    /// Series colours in the order charts use them.
    public static let series = [blue, orange, bluishGreen, reddishPurple, skyBlue, vermillion, yellow, black]
    public static let ink = "#222222", muted = "#666666", grid = "#E2E2E2", axis = "#888888"
}
