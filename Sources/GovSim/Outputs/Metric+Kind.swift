/// What kind of number a metric is, so its summaries use intervals made for it.
public enum MetricKind: String, Sendable, CaseIterable {
    /// Whole numbers of events or persons per trial (≥ 0): disputes, incidents, petitions.
    case count
    /// A percentage of a population, bounded in [0, 100].
    case share
    /// A score on 0–100 (an average over residents).
    case score
    /// A duration (hours or minutes, ≥ 0).
    case minutes
    /// Money (yuan, ≥ 0); often the same in every trial.
    case yuan

    /// The range the metric's values can take.
    public var bounds: ClosedRange<Double> {
        switch self {
        case .share, .score: return 0...100
        default: return 0...Double.infinity
        }
    }
}

extension Metric {
    /// The metric's kind (its `declaration`'s).
    public var kind: MetricKind { declaration.kind }

    /// The main outputs a regression check must be able to see move (`govsim baseline --detect`):
    /// the two headline scores and the two event counts most mechanisms feed.
    public static let main: [Metric] = [.safetyScore, .satisfactionPct, .disputes, .incidents]
}
