/// The phrases of `govsim explain`'s page, English and Chinese side by side (see Catalogue.swift).
/// "Lever" is 措施 (a measure of the policy package); a Shapley value is 沙普利值.
extension Catalogue {
    enum Explain {
        static var kicker: String { pick("govsim explanation", "govsim 政策效果分解") }
        static func title(_ policy: String) -> String { pick("Why \(policy) works: its levers", "\(policy) 为何有效：逐项措施分解") }
        static func documentTitle(_ policy: String) -> String { pick("govsim explanation: why \(policy) works", "govsim 政策效果分解：\(policy)") }
        static func changes(_ policy: String, _ count: Int, _ baseline: String) -> String {
            pick("\(policy) changes \(count) \(count == 1 ? "lever" : "levers") of \(baseline). ",
                 "\(policy) 相对于 \(baseline) 改变了 \(count) 项措施。")
        }
        static func totalEffect(_ metric: String, _ mean: String, _ lo: String, _ hi: String) -> String {
            pick("\(metric): \(mean) (95% CI \(lo) to \(hi))", "\(metric)：\(mean)（95% 置信区间 \(lo) 至 \(hi)）")
        }
        static func mostFrom(_ lever: String, _ value: String) -> String {
            pick(", most of it from \(lever) (\(value))", "，其中最大一部分来自 \(lever)（\(value)）")
        }
        static var sentenceEnd: String { pick(". ", "。") }
        static func exact(_ coalitions: Int) -> String {
            pick("exact Shapley values over all \(coalitions) combinations of levers", "对全部 \(coalitions) 种措施组合计算的精确沙普利值")
        }
        static func sampled(_ orders: Int, _ coalitions: Int) -> String {
            pick("Shapley values estimated from \(orders) random orders (\(coalitions) combinations run)",
                 "由 \(orders) 个随机顺序估计的沙普利值（运行了 \(coalitions) 种组合）")
        }
        static func pairedTrials(_ trials: Int, _ days: Int) -> String {
            pick("\(trials) paired trials × \(days) days", "\(trials) 次配对试验 × \(days) 天")
        }
        static func notALever(_ what: String) -> String { pick("Not a lever: \(what).", "不计为措施：\(what)。") }
        static var nothingToExplain: String {
            pick("The policy changes nothing the model uses: there is nothing to explain.", "该政策没有改变模型用到的任何参数，无可分解。")
        }

        static var waterfallsHeading: String { pick("From the baseline to the policy, lever by lever", "从基线到政策：逐项措施的贡献") }
        static var waterfallsNote: String {
            pick("Each bar is a lever's Shapley value: its effect averaged over every order in which the levers could be added, so the "
                 + "bars add up exactly to the policy's whole effect and what levers do together is shared between them. The whisker is "
                 + "its 95% interval over the paired trials. Blue moves the output the better way, vermillion the worse.",
                 "每根条是一项措施的沙普利值：把各项措施按所有可能的先后顺序加入时，该措施带来的效果的平均值。因此各条之和恰好等于政策的"
                 + "整体效果，措施之间的协同作用在相关措施之间平分。误差线是配对试验得出的 95% 置信区间。蓝色表示朝好的方向变化，朱红色表示朝坏的方向变化。")
        }
        static func waterfallTitle(_ metric: String, _ baseline: String, _ policy: String) -> String {
            pick("\(metric): \(baseline) → \(policy)", "\(metric)：\(baseline) → \(policy)")
        }
        static func waterfallSubtitle(higherIsBetter: Bool) -> String {
            pick("\(higherIsBetter ? "higher" : "lower") is better; bars: Shapley values with 95% CIs",
                 "\(higherIsBetter ? "越高越好" : "越低越好")；条：沙普利值及其 95% 置信区间")
        }
        static func baselineRow(_ name: String) -> String { pick("\(name) (baseline)", "\(name)（基线）") }
        static func policyRow(_ name: String) -> String { pick("\(name) (policy)", "\(name)（政策）") }
        static var better: String { pick("better", "变好") }
        static var worse: String { pick("worse", "变差") }
        static var undefinedInSomeTrials: String { pick("undefined in some trials", "部分试验中无定义") }

        static var measuresHeading: String { pick("Each lever alone, its share, and the policy without it", "每项措施：单独实施、所占份额、去掉后的损失") }
        static var measuresNote: String {
            pick("Alone: the baseline with only this lever pulled, minus the baseline. Shapley: its share of the policy's effect (the bars "
                 + "above). Without it: the whole policy minus the policy with this lever left out, what the package would lose. When the "
                 + "three agree the lever acts on its own; when alone is smaller than without-it, the lever works through the others (they "
                 + "complement each other); when larger, they overlap. Interaction: the whole effect minus the sum of the levers alone. "
                 + "Differences are policy minus baseline in the output's unit, with 95% intervals over the paired trials; coloured where "
                 + "the interval excludes zero.",
                 "单独实施：只在基线上实施这一项措施，减去基线。沙普利值：它在政策整体效果中所占的份额（即上图各条）。去掉该项：整体政策减去"
                 + "去掉这一项后的政策，即政策包失去它会损失多少。三者一致，说明这项措施独立起作用；单独实施小于去掉该项，说明它要借助其他措施"
                 + "才能发挥作用（互补）；单独实施更大，说明措施之间有重叠。交互作用：整体效果减去各项措施单独实施效果之和。差值均为政策减基线，"
                 + "单位同该指标，附配对试验的 95% 置信区间；区间不含零时着色。")
        }
        static func metricHeading(unit: String, higherIsBetter: Bool, baseline: String, policy: String) -> String {
            pick("(\(unit); \(higherIsBetter ? "higher" : "lower") is better; baseline \(baseline), policy \(policy))",
                 "（\(unit)；\(higherIsBetter ? "越高越好" : "越低越好")；基线 \(baseline)，政策 \(policy)）")
        }
        static var lever: String { pick("lever", "措施") }
        static var fromTo: String { pick("baseline → policy", "基线 → 政策") }
        static var alone: String { pick("alone", "单独实施") }
        static var shapley: String { pick("Shapley", "沙普利值") }
        static var withoutIt: String { pick("without it", "去掉该项") }
        static var interaction: String { pick("interaction", "交互作用") }
        static var wholePolicy: String { pick("whole policy", "整体政策") }

        static var pathwaysHeading: String { pick("Through which mechanisms", "通过哪些机制起作用") }
        static var pathwaysNote: String {
            pick("The model moves a score only through what residents experience or witness. These are the mechanism outputs behind each "
                 + "score, split among the levers the same way (Shapley values, policy minus baseline): a lever that raises safety by "
                 + "cutting incidents shows here as fewer incidents; one that raises it by faster response, as fewer minutes. The model "
                 + "does not split a score itself by pathway, so read this as which mechanisms each lever moves, not as shares of the score.",
                 "模型中的得分只随居民亲身经历或亲眼所见而变化。下表是每项得分背后的机制指标，同样按措施分解（沙普利值，政策减基线）：靠减少"
                 + "安全事件提升安全感的措施，在这里表现为安全事件减少；靠加快响应提升安全感的，表现为响应分钟数减少。模型本身不按路径拆分"
                 + "得分，因此本表说明的是每项措施推动了哪些机制，而不是得分的份额。")
        }
        static func behind(_ metric: String) -> String { pick("Behind \(metric)", "\(metric) 背后") }
        static var boldNote: String { pick("Bold: the 95% interval of the lever's share excludes zero.", "粗体：该措施份额的 95% 置信区间不含零。") }

        static var howHeading: String { pick("How this was computed", "计算方法") }
        static func howLevers(_ policy: String, _ baseline: String) -> String {
            pick("The levers are the scenario paths \(policy) sets differently from \(baseline) (after defaults and <code>extends</code> "
                 + "are filled in). The baseline with every combination of levers pulled ran as one paired comparison: trial i of every "
                 + "combination used the same seed and trial index, so the random streams of every process a combination leaves alone, "
                 + "and the parameter draws, are shared, and each contrast is a paired difference within a trial.",
                 "措施是 \(policy) 与 \(baseline) 取值不同的情景参数路径（已补全默认值并展开 <code>extends</code>）。在基线上实施各种措施组合，"
                 + "作为一次配对比较运行：每种组合的第 i 次试验使用相同的随机种子和试验编号，因此组合未改变的各个过程共用同一随机数流，"
                 + "参数抽样也相同，每个对比都是同一次试验内的配对差值。")
        }
        static func howExact(_ levers: Int, _ coalitions: Int) -> String {
            pick("With \(levers) levers, all \(coalitions) combinations ran, and the Shapley values are exact: for each lever, its "
                 + "marginal effect averaged over every order of adding the levers. They add up to the policy's whole effect in every trial.",
                 "共 \(levers) 项措施，全部 \(coalitions) 种组合都已运行，沙普利值是精确的：每项措施在所有加入顺序下的边际效果的平均。"
                 + "在每次试验中，它们之和都等于政策的整体效果。")
        }
        static func howSampled(_ levers: Int, _ orders: Int) -> String {
            pick("With \(levers) levers there are too many combinations to run them all; the Shapley values average the lever's "
                 + "marginal effect over \(orders) random orders (each with its reverse), which still add up to the whole effect in every "
                 + "trial. The error of sampling the orders (sampling_se in explain.json) is added to the trial noise in each interval.",
                 "共 \(levers) 项措施，组合太多无法全部运行；沙普利值取 \(orders) 个随机加入顺序（每个顺序配一个反向顺序）下边际效果的平均，"
                 + "在每次试验中之和仍等于整体效果。抽样顺序带来的误差（explain.json 中的 sampling_se）已计入每个区间。")
        }
        static var howIntervals: String {
            pick("The intervals are 95% confidence intervals of mean effects over the trials: how precisely these averages are known, "
                 + "not how a single realisation could turn out. explain.csv has every number of this page, tidy.",
                 "区间是各次试验平均效果的 95% 置信区间：说明这些平均值估计得多准，而不是某一次实际结果可能的范围。"
                 + "本页的全部数字都以整齐格式保存在 explain.csv 中。")
        }
    }
}
