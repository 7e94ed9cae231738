import GovSim

/// An observed value a scenario should reproduce, with its tolerance: either a value of an
/// output (`complaint_rate_pct: { value: 30, tolerance: 3 }`) or a change against another
/// scenario's output (`disputes: { relativeTo: "pudong-baseline.json5", change_pct: -70,
/// tolerance: 10 }`, tolerance in percentage points of change), and its `kind`: `"fitted"` (the
/// default) or `"predicted"`.
///
/// Targets belong to the file that states them: a file that `extends` another does not
/// inherit its targets (a policy's observed "after" is not its baseline's "before").
public struct Target: Sendable, Equatable {
    public enum Observed: Sendable, Equatable {
        case value(Double)
        /// Percentage change against another scenario, resolved when the file was loaded.
        case change(pct: Double, reference: TargetReference)
    }

    /// What a target is to the model: a figure of the place before a policy that the scenario
    /// was fitted to (its rates and levels), or a figure the model predicts from its mechanisms
    /// and evidence, which no fitting touched. `govsim check` fails on a missed fitted target,
    /// and reports predictions hit or missed (`--strict` fails on a miss too).
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case fitted, predicted
    }

    public var metric: Metric
    public var observed: Observed
    /// Largest |predicted − observed| still counted as met (the metric's unit, or percentage
    /// points of change).
    public var tolerance: Double
    public var kind: Kind

    public init(metric: Metric, observed: Observed, tolerance: Double, kind: Kind = .fitted) {
        self.metric = metric
        self.observed = observed
        self.tolerance = tolerance
        self.kind = kind
    }

    /// The observed number: a value, or a change in %.
    public var number: Double {
        switch observed {
        case .value(let v): return v
        case .change(let pct, _): return pct
        }
    }

    /// Whether the target is a change against another scenario.
    public var isChange: Bool {
        if case .change = observed { return true }
        return false
    }

    /// Whether a prediction meets the target.
    public func isMet(by predicted: Double) -> Bool { predicted.isFinite && abs(predicted - number) <= tolerance }
}

/// A scenario a target is measured against (a relative target's reference, or the baseline a
/// policy extends for its no-policy counterfactual), read when the stating file was loaded, so
/// predicting a target needs no file.
public struct TargetReference: Sendable, Equatable {
    /// Identifies the file (its canonical path): two references with one key are one run.
    public var key: String
    /// The file's path as resolved against the stating file's folder.
    public var path: String
    /// The file as the stating file writes it (`relativeTo: "pudong-baseline.json5"`).
    public var written: String
    public var scenario: Scenario

    public init(key: String, path: String, written: String, scenario: Scenario) {
        self.key = key
        self.path = path
        self.written = written
        self.scenario = scenario
    }
}

/// A scenario with the targets it states, everything `TargetEvaluator` needs: what the
/// experiments layer sees of a scenario file.
public struct TargetedScenario: Sendable {
    /// Identifies the file (its canonical path), so a file that is also another's reference runs once.
    public var key: String
    /// The file as named by the user, for output.
    public var path: String
    public var scenario: Scenario
    public var targets: [Target]
    /// The scenario the file extends, for the no-policy counterfactual of predicted values (nil
    /// when the file extends nothing or predicts no value).
    public var counterfactual: TargetReference?

    public init(key: String, path: String, scenario: Scenario, targets: [Target], counterfactual: TargetReference? = nil) {
        self.key = key
        self.path = path
        self.scenario = scenario
        self.targets = targets
        self.counterfactual = counterfactual
    }

    /// Every scenario the file's targets run: its own, its references' and its counterfactual's.
    public var scenarios: [Scenario] {
        var all = [scenario]
        for t in targets { if case .change(_, let reference) = t.observed { all.append(reference.scenario) } }
        if let counterfactual { all.append(counterfactual.scenario) }
        return all
    }

    /// Every scenario of the file put through `transform` (its own, its references', its counterfactual's).
    public func mapScenarios(_ transform: (Scenario) -> Scenario) -> TargetedScenario {
        var copy = self
        copy.scenario = transform(scenario)
        copy.targets = targets.map { t in
            var t = t
            if case .change(let pct, var reference) = t.observed {
                reference.scenario = transform(reference.scenario)
                t.observed = .change(pct: pct, reference: reference)
            }
            return t
        }
        copy.counterfactual = counterfactual.map { var r = $0; r.scenario = transform(r.scenario); return r }
        return copy
    }
}
