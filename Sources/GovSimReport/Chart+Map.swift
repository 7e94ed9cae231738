import Foundation
import GovSim
import GovSimIO

extension Chart {
    /// The colours' domain of a map and whether the values differ beyond the noise.
    public struct MapDomain: Sendable, Equatable {
        /// The values the sequential scale runs over, low to high (the value's unit).
        public var domain: ClosedRange<Double>
        /// The lowest and highest mean drawn.
        public var lowest: Double, highest: Double
        /// Every pair of 95% intervals overlaps: no two groups can be told apart. The domain is
        /// then the union of the intervals, not the spread of the means, so colours are not
        /// stretched over differences the trials cannot vouch for.
        public var withinNoise: Bool
    }

    /// The colour domain of `estimates` (means with their 95% intervals; nil when no mean is
    /// finite): the range of the means, or, when every interval overlaps every other (the
    /// largest lower end lies below the smallest upper end), the union of the intervals, kept
    /// within `limits` (the values the output can take: 0–100 for a score, ≥ 0 for minutes).
    public static func mapDomain(_ estimates: [Estimate], limits: ClosedRange<Double> = -Double.infinity...Double.infinity) -> MapDomain? {
        let defined = estimates.filter { $0.value.isFinite }
        guard let lowest = defined.map(\.value).min(), let highest = defined.map(\.value).max() else { return nil }
        let los = defined.map { $0.interval?.lo ?? .nan }, his = defined.map { $0.interval?.hi ?? .nan }
        let intervalsKnown = los.allSatisfy(\.isFinite) && his.allSatisfy(\.isFinite)
        let withinNoise = defined.count > 1 && intervalsKnown && los.max()! <= his.min()!
        let span = withinNoise ? (max(los.min()!, limits.lowerBound)...min(his.max()!, limits.upperBound)) : (lowest...highest)
        let domain = span.lowerBound < span.upperBound ? span : LinearScale.extent(of: [span.lowerBound])!
        return MapDomain(domain: domain, lowest: lowest, highest: highest, withinNoise: withinNoise)
    }

    /// A choropleth: every shape of `geometry` filled with its group's mean on the sequential
    /// scale (grey where the group has no value), each with a tooltip of its name, mean and 95%
    /// interval; a colour bar above states the range (`limits` as in `mapDomain`). Longitude and latitude are projected
    /// equirectangularly (x = longitude × cos of the mean latitude, y = latitude), scaled to
    /// fit the box `width` wide and at most `maxHeight` high, north up.
    public static func choropleth(_ geometry: DistrictGeometry, values: [String: Estimate], title: String, subtitle: String? = nil,
                                  value axis: Axis, limits: ClosedRange<Double> = -Double.infinity...Double.infinity,
                                  width: Double = 540, maxHeight: Double = 420) -> String {
        let top = headingHeight(subtitle: subtitle)
        let positions = geometry.shapes.flatMap { $0.polygons.flatMap { $0.flatMap { $0 } } }
        let scale = mapDomain(Array(values.values), limits: limits)
        let plotTop = top + colourBarHeight + 10
        guard let west = positions.map(\.lon).min(), let east = positions.map(\.lon).max(),
              let south = positions.map(\.lat).min(), let north = positions.map(\.lat).max(), let scale else {
            var svg = SVG(width: width, height: plotTop + 160, title: title)
            _ = heading(&svg, title: title, subtitle: subtitle)
            noData(&svg, x: 8, y: plotTop, width: width - 16, height: 140)
            return svg.rendered
        }
        let squash = cos((south + north) / 2 * .pi / 180)
        let spanX = max((east - west) * squash, 1e-12), spanY = max(north - south, 1e-12)
        let plotWidth = width - 16
        let pixels = min(plotWidth / spanX, maxHeight / spanY)
        let drawnWidth = spanX * pixels, drawnHeight = spanY * pixels
        let left = 8 + (plotWidth - drawnWidth) / 2
        func project(_ p: DistrictGeometry.Position) -> (x: Double, y: Double) {
            (left + (p.lon - west) * squash * pixels, plotTop + (north - p.lat) * pixels)
        }
        var svg = SVG(width: width, height: plotTop + drawnHeight + 12, title: title)
        _ = heading(&svg, title: title, subtitle: subtitle)
        let range = Catalogue.groupsFromTo("\(value(scale.lowest))\(axis.suffix)", "\(value(scale.highest))\(axis.suffix)")
        var bar = axis
        bar.title += "; " + range + (scale.withinNoise ? tr(" (within the noise)") : "")
        _ = colourBar(&svg, domain: scale.domain, axis: bar, x: 8, y: top, width: min(360, plotWidth))
        let span = scale.domain.upperBound - scale.domain.lowerBound
        for shape in geometry.shapes {
            let rings = shape.polygons.flatMap { $0.map { $0.map(project) } }
            let estimate = values[shape.name]
            let fill: String, tip: String
            if let e = estimate, e.value.isFinite {
                fill = sequential((e.value - scale.domain.lowerBound) / span)
                let ci = e.interval.map { " (\(tr("95% CI")) \(value($0.lo))–\(value($0.hi))\(axis.suffix))" } ?? ""
                tip = "\(shape.name): \(value(e.value))\(axis.suffix)\(ci)"
            } else {
                fill = "#D9D9D9"
                tip = "\(shape.name): \(tr("no value"))"
            }
            svg.path(rings: rings, fill: fill, stroke: "#FFFFFF", strokeWidth: 0.6, title: tip)
        }
        return svg.rendered
    }
}
