/// The catalogue's phrases with numbers for the run and compare tables on stdout (see
/// Catalogue.swift for how to add one). Numbers come formatted by the caller.
extension Catalogue {
    public static func runLine(_ name: String, trials: Int, days: Int, seed: String, residents: String, threads: Int, seconds: String) -> String {
        pick("\(name): \(trials) trials × \(days) days, seed \(seed), ~\(residents) residents per trial, "
                + "\(threads) thread\(threads == 1 ? "" : "s"), \(seconds) s",
             "\(name)：\(trials) 次试验 × \(days) 天，随机种子 \(seed)，每次试验约 \(residents) 名居民，\(threads) 个线程，用时 \(seconds) 秒")
    }

    public static func outputsReadOverCountedDays(_ from: Int, _ to: Int) -> String {
        pick("Outputs read over counted days \(from)–\(to) (run.outputWindow).", "结果统计区间为第 \(from)–\(to) 天（run.outputWindow）。")
    }

    public static func predictedSafety(_ mean: String, _ lo: String, _ hi: String, _ pi90lo: String, _ pi90hi: String) -> String {
        pick("Predicted safety score \(mean) / 100 (95% CI \(lo)–\(hi)); 90% predictive interval \(pi90lo)–\(pi90hi).",
             "预测安全感 \(mean) 分（满分 100；95% 置信区间 \(lo)–\(hi)）；90% 预测区间 \(pi90lo)–\(pi90hi)。")
    }

    public static func predictedSatisfaction(_ mean: String, _ lo: String, _ hi: String, _ pi90lo: String, _ pi90hi: String) -> String {
        pick("Predicted satisfaction \(mean)% of residents (95% CI \(lo)–\(hi)); 90% predictive interval \(pi90lo)–\(pi90hi).",
             "预测满意度 \(mean)%（居民中表示满意的比例；95% 置信区间 \(lo)–\(hi)）；90% 预测区间 \(pi90lo)–\(pi90hi)。")
    }

    public static func intervalsHoldPriors(_ drawn: Int) -> String {
        pick("Predictive intervals hold chance and \(drawn) uncertain parameters drawn from their priors; the CI is only the mean's precision.",
             "预测区间包含随机因素和从先验分布抽取的 \(drawn) 个不确定参数；置信区间只反映均值的估计精度。")
    }

    public static func intervalsHoldFixed(_ drawn: Int) -> String {
        pick("Parameters fixed (--fixed): predictive intervals hold chance\(drawn > 0 ? " and the \(drawn) distributions the scenario gives" : " alone") and understate the uncertainty.",
             "参数已固定（--fixed）：预测区间\(drawn > 0 ? "包含随机因素和情景给出的 \(drawn) 个分布" : "仅包含随机因素")，低估了不确定性。")
    }

    /// How a comparison stopped (compare.json's `stopped_because`), in the current language.
    public static func stoppedReason(_ reason: String) -> String {
        pick(reason, ["fixed": "固定试验次数", "precision reached": "已达到精度", "max trials": "达到试验次数上限",
                      "interrupted": "已中断"][reason] ?? reason)
    }

    public static func compareLine(_ baseline: String, _ policies: String, trials: String, days: Int, seed: String, seconds: String,
                                   stopped: String) -> String {
        pick("\(baseline) vs \(policies): paired trials (common random numbers), \(trials) trials × \(days) days, seed \(seed), \(seconds) s (\(stopped))",
             "\(baseline) 对比 \(policies)：配对试验（共同随机数），\(trials) 次试验 × \(days) 天，随机种子 \(seed)，用时 \(seconds) 秒（\(stoppedReason(stopped))）")
    }

    /// `indifference`: the zone's half-width when there is one.
    public static func rankedBy(_ metric: String, higherIsBetter: Bool, indifference: String?) -> String {
        pick("Ranked by \(metric) (\(higherIsBetter ? "higher" : "lower") is better)" + (indifference.map { ", indifference zone ±\($0)." } ?? "."),
             "按\(metric)排名（\(higherIsBetter ? "越高越好" : "越低越好")）" + (indifference.map { "，无差异区间 ±\($0)。" } ?? "。"))
    }

    public static func kimNelson(_ selected: String, stage: Int, firstStage: Int) -> String {
        pick("Kim–Nelson selection: \(selected) after \(stage) trials per remaining arm (first stage \(firstStage)); ",
             "Kim–Nelson 序贯选择：剩余各方案各 \(stage) 次试验后选出 \(selected)（第一阶段 \(firstStage) 次）；")
    }

    public static func correctSelection(_ pct: String, _ delta: String) -> String {
        pick("P(correct selection) ≥ \(pct)% if the best leads by ≥ \(delta).", "若最优方案领先 ≥ \(delta)，正确选择的概率 ≥ \(pct)%。")
    }

    public static func cannotBeToldApart(_ delta: String, _ pct: String, _ arms: String) -> String {
        pick("Cannot be told apart from the first (none is shown to be more than \(delta) behind it, simultaneous \(pct)% intervals): \(arms).",
             "与第一名无法区分（同时 \(pct)% 置信区间下，没有一个被证明落后超过 \(delta)）：\(arms)。")
    }

    public static func firstIsAhead(_ delta: String, _ pct: String) -> String {
        pick("The first is ahead of every other arm by more than \(delta) (simultaneous \(pct)% intervals).",
             "第一名领先其他所有方案超过 \(delta)（同时 \(pct)% 置信区间）。")
    }

    /// `perDispute`: yuan per dispute averted, nil when none was.
    public static func costEffectivenessLine(_ safety: String, _ satisfaction: String, perDispute: String?) -> String {
        pick("Cost-effectiveness: \(safety) safety points and \(satisfaction) satisfaction points per million yuan; "
                + (perDispute.map { "\($0) yuan per dispute averted" } ?? "no dispute averted")
                + " (this package's average return; a larger or smaller one need not scale with its cost).",
             "成本效益：每百万元提升安全感 \(safety) 分、满意度 \(satisfaction) 个百分点；"
                + (perDispute.map { "每减少一起矛盾纠纷 \($0) 元" } ?? "未减少矛盾纠纷")
                + "（这是该政策组合的平均回报，规模更大或更小的组合效果未必随成本同比例变化）。")
    }

    public static func satisfiedLine(_ threshold: String, _ spread: String, _ happiness: String, _ gap: String) -> String {
        pick("\"Satisfied\" = happiness at or above a resident's own threshold (mean \(threshold), spread \(spread)); "
                + "the baseline's mean happiness is \(happiness), \(gap) points from it.",
             "“满意”指居民的幸福感达到或超过其本人的门槛（门槛均值 \(threshold)，离散度 \(spread)）；基线的平均幸福感为 \(happiness)，与门槛相差 \(gap) 分。")
    }

    public static func byGroupOf(_ arm: String, _ baseline: String) -> String {
        pick("By group, \(arm) − \(baseline) (paired, same trials):", "分片区结果，\(arm) − \(baseline)（配对，相同试验）：")
    }

    public static func groupsOmitted(_ n: Int) -> String {
        pick("\(n) groups: the estate types below; every group's differences are in compare.json "
                + "(differences_by_group) and compare.csv (rows metric@group).",
             "共 \(n) 个片区：下表只列小区类型；各片区的差值见 compare.json（differences_by_group）和 compare.csv（metric@group 行）。")
    }

    public static func resultsIn(_ folder: String, _ files: String) -> String {
        pick("Results: \(folder)/ (\(files))", "结果：\(folder)/（\(files)）")
    }
}
