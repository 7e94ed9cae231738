/// The catalogue's phrases with numbers or names in them, English and Chinese side by side (see
/// Catalogue.swift for how to add one). Arguments are already formatted ("61.5", "1,200");
/// texts that go into HTML are escaped by the caller unless the function says it returns HTML.
extension Catalogue {
    // MARK: Charts

    static func trialsPerBin(_ trials: Int, _ bins: Int) -> String {
        pick("trials per bin (\(trials) trials, \(bins) bins)", "每组的试验次数（共 \(trials) 次试验，\(bins) 组）")
    }

    static func trialCount(_ n: Int) -> String {
        pick("\(n) trial\(n == 1 ? "" : "s")", "\(n) 次试验")
    }

    static func groupsFromTo(_ lo: String, _ hi: String) -> String {
        pick("groups from \(lo) to \(hi)", "各片区从 \(lo) 到 \(hi)")
    }

    // MARK: Shared by every page

    /// " (text)" in English, "（text）" in Chinese.
    static func inParentheses(_ text: String) -> String {
        pick(" (\(text))", "（\(text)）")
    }

    /// The unit of a change in points: a score's points (分) or a share's percentage points (个百分点).
    static func points(share: Bool) -> String {
        pick(" pts", share ? " 个百分点" : " 分")
    }

    static func trialsByDays(_ trials: Int, _ days: Int) -> String {
        pick("\(trials) trials × \(days) days", "\(trials) 次试验 × \(days) 天")
    }

    /// The footer's first sentence (HTML: `version` and `files` escaped by the caller).
    static func drawnBy(_ version: String, files: String) -> String {
        pick("Drawn by govsim \(version) from the data files in this folder (\(files)); <code>govsim report FOLDER</code> draws it again.",
             "由 govsim \(version) 根据本文件夹中的数据文件（\(files)）生成；运行 <code>govsim report FOLDER</code> 可重新生成。")
    }

    // MARK: Run report

    static func outputsReadOverDays(_ from: Int, _ to: Int) -> String {
        pick("outputs read over days \(from)–\(to)", "结果统计区间为第 \(from)–\(to) 天")
    }

    static func residentsPerTrial(_ residents: String) -> String {
        pick("~\(residents) residents per trial", "每次试验约 \(residents) 名居民")
    }

    /// HTML.
    static func partialRun(_ finished: Int, _ requested: Int) -> String {
        pick("<strong>Partial run.</strong> The run was interrupted: \(finished) of \(requested) "
                + "trials finished, and everything below is computed from those alone.",
             "<strong>运行未完成。</strong>运行被中断：\(requested) 次试验中完成了 \(finished) 次，以下结果仅据这些试验计算。")
    }

    static func atEndOfWindow(_ from: Int, _ to: Int) -> String {
        pick("at the end of the window of days \(from)–\(to)", "在第 \(from)–\(to) 天统计区间结束时")
    }

    static func atEndOfDays(_ days: Int) -> String {
        pick("at the end of the \(days) days", "在 \(days) 天结束时")
    }

    static func safetyCard(horizon: String, mean: String, n: Int, lo: String, hi: String, pi90lo: String, pi90hi: String) -> String {
        pick("Residents' perceived safety \(horizon) averages \(mean) out of 100 over \(n) trials. "
                + "The trials pin that average down to \(lo)–\(hi) (95% confidence); one realisation "
                + "of the period ends between \(pi90lo) and \(pi90hi) nine times out of ten (90% predictive interval).",
             "\(n) 次试验中，居民\(horizon)的安全感平均为 \(mean) 分（满分 100）。"
                + "这一均值的 95% 置信区间为 \(lo)–\(hi)；就单次实际情形而言，十次中有九次期末得分落在 \(pi90lo) 至 \(pi90hi) 之间（90% 预测区间）。")
    }

    static func satisfactionCard(horizon: String, mean: String, lo: String, hi: String, pi90lo: String, pi90hi: String) -> String {
        pick("On average \(mean)% of residents are satisfied \(horizon) (95% confidence: "
                + "\(lo)–\(hi)%); nine times out of ten one realisation ends between "
                + "\(pi90lo)% and \(pi90hi)% (90% predictive interval).",
             "\(horizon)，平均 \(mean)% 的居民表示满意（95% 置信区间：\(lo)–\(hi)%）；"
                + "就单次实际情形而言，十次中有九次落在 \(pi90lo)% 至 \(pi90hi)% 之间（90% 预测区间）。")
    }

    static func fullByDay(_ day: Int) -> String {
        pick(", full by day \(day)", "，第 \(day) 天全面见效")
    }

    static func policyFromDay(_ policy: String, _ day: Int) -> String {
        pick("\(policy) from day \(day)", "\(policy) 自第 \(day) 天起")
    }

    static func policyEndsDay(_ policy: String, _ day: Int) -> String {
        pick("\(policy) ends day \(day)", "\(policy) 于第 \(day) 天结束")
    }

    static func disputesArose(_ arisen: String, _ reported: String, _ share: String) -> String {
        pick("On average \(arisen) disputes arose per trial and \(reported)\(share) were "
                + "reported to the platform (reports are counted when made, so a few may concern disputes that arose earlier).",
             "平均每次试验发生矛盾纠纷 \(arisen) 起，其中 \(reported) 起\(share)上报到平台（按上报时间计数，少数上报可能涉及更早发生的纠纷）。")
    }

    static func reportsResolved(_ pct: String) -> String {
        pick(" \(pct)% of reports were resolved.", "上报的纠纷中 \(pct)% 得到化解。")
    }

    static func mediationSucceeded(_ pct: String) -> String {
        pick(" Mediation succeeded for \(pct)% of the disputes it concluded.", "调解结案的纠纷中，调解成功率为 \(pct)%。")
    }

    static func incidentsHappened(_ happened: String, prevented: String, recorded: String, falseAlarms: String, trueAlarms: String) -> String {
        pick("On average \(happened) incidents happened per trial and \(prevented) were "
                + "prevented in their precursor window. The authorities recorded \(recorded) of those that happened; "
                + "sensors and wearables also raised \(falseAlarms) false alarms beside \(trueAlarms) true ones.",
             "平均每次试验发生安全事件 \(happened) 起，另有 \(prevented) 起在先兆期内被预防。"
                + "已发生的事件中，有关部门登记了 \(recorded) 起；物联网传感器和可穿戴设备发出真实预警 \(trueAlarms) 次，误报 \(falseAlarms) 次。")
    }

    /// HTML: `names` escaped by the caller.
    static func noOutline(_ missing: Int, _ groups: Int, _ names: String) -> String {
        pick("No outline in the geometry file for \(missing) of \(groups) groups, not drawn: \(names).",
             "地理文件中缺少 \(groups) 个片区中 \(missing) 个的边界，未绘制：\(names)。")
    }

    static func mapWithinNoise(_ lowest: String, _ highest: String, _ from: String, _ to: String) -> String {
        pick("The groups' means (\(lowest) to \(highest)) lie within the noise: every group's 95% "
                + "interval overlaps every other's, so no two groups can be told apart. The colours span the intervals "
                + "(\(from) to \(to), within the output's possible values), not the "
                + "means, and show no real difference.",
             "各片区均值（\(lowest) 至 \(highest)）的差异在噪声范围内：每个片区的 95% 置信区间都与其他片区重叠，无法区分高低。"
                + "颜色覆盖的是各区间的范围（\(from) 至 \(to)，在该指标的可能取值内），而不是均值，并不表示真实差异。")
    }

    static func mapColoursRun(_ lowest: String, _ highest: String) -> String {
        pick("Colours run from the lowest group mean (\(lowest)) to the highest (\(highest)).",
             "颜色从最低的片区均值（\(lowest)）过渡到最高的片区均值（\(highest)）。")
    }

    static func policiesCost(_ mean: String, _ p05: String, _ p95: String, _ perResident: String) -> String {
        pick("The policies cost \(mean) yuan per trial over the counted days on average "
                + "(90% of trials: \(p05)–\(p95)), that is \(perResident) yuan per resident.",
             "统计期内各项政策平均每次试验成本 \(mean) 元（90% 的试验在 \(p05)–\(p95) 元之间），即人均 \(perResident) 元。")
    }

    static func everyOutputNote(_ uncertainty: String) -> String {
        pick("Mean over trials; the 95% confidence interval of that mean (how precisely the "
                + "trials pin the average down: it narrows with more trials); the 90% predictive interval (where one "
                + "more realisation of the district would land, \(uncertainty)): it does not narrow with more "
                + "trials; and n, the trials in which the output is defined.",
             "各次试验的均值；均值的 95% 置信区间（试验对平均值的估计精度，试验越多越窄）；"
                + "90% 预测区间（辖区再出现一次实际情形时结果会落在哪里，\(uncertainty)），不会随试验增多而变窄；"
                + "n 为该指标有定义的试验次数。")
    }

    static func overPriors(_ drawn: Int) -> String {
        pick("over chance and the uncertainty of \(drawn) parameters drawn from their priors (docs/evidence.md)",
             "包含随机因素和从先验分布抽取的 \(drawn) 个参数的不确定性（见 docs/evidence.md）")
    }

    static func overFixedDistributions(_ drawn: Int) -> String {
        pick("over chance and \(drawn) parameters the scenario gives as distributions; the shipped priors were off (--fixed), so it understates the uncertainty",
             "包含随机因素和情景中以分布给出的 \(drawn) 个参数；内置先验分布已关闭（--fixed），因此低估了不确定性")
    }

    /// Ends with the space before the command.
    static func runStarted(_ started: String, _ platform: String) -> String {
        pick("The run started \(started) on \(platform): ", "本次运行于 \(started) 在 \(platform) 上开始：")
    }

    // MARK: Compare report

    static func versus(_ policies: String, _ baseline: String) -> String {
        pick("\(policies) vs \(baseline)", "\(policies) 对比 \(baseline)")
    }

    static func trialsPerArm(_ n: Int) -> String {
        pick("\(n) trials per arm", "每个方案 \(n) 次试验")
    }

    static func rankingBy(_ metric: String) -> String {
        pick("Ranking by \(metric)", "按\(metric)排名")
    }

    /// HTML: arguments escaped by the caller; ends with a space in English.
    static func armsRankedBy(_ key: String, metric: String, unit: String, higherIsBetter: Bool) -> String {
        pick("Arms are ranked by the mean of <code>\(key)</code> (\(unit); \(higherIsBetter ? "higher" : "lower") is better). ",
             "各方案按\(metric)（<code>\(key)</code>，单位：\(unit)）的均值排名，\(higherIsBetter ? "越高越好" : "越低越好")。")
    }

    /// HTML.
    static func indistinguishable(_ first: String, _ delta: String, _ arms: String) -> String {
        pick("These arms cannot be told apart from \(first) (none is shown to be more than \(delta) behind it, simultaneous 95% intervals): <strong>\(arms)</strong>. ",
             "以下方案与 \(first) 无法区分（同时 95% 置信区间下，没有一个被证明落后超过 \(delta)）：<strong>\(arms)</strong>。")
    }

    static func aheadOfEvery(_ first: String) -> String {
        pick("\(first) is ahead of every other arm (simultaneous 95% intervals). ", "\(first) 领先其他所有方案（同时 95% 置信区间）。")
    }

    static func probabilityBest(_ pct: String, _ first: String) -> String {
        pick("In \(pct)% of paired bootstrap resamples \(first) has the best mean (ties split): a description of the trials, not a guarantee.",
             "在 \(pct)% 的配对自助重抽样中，\(first) 的均值最优（并列时平分）：这是对本次试验的描述，并非保证。")
    }

    static func meanIn(_ unit: String) -> String {
        pick("mean (\(unit))", "均值（\(unit)）")
    }

    static func changeFromInPoints(_ baseline: String) -> String {
        pick("Change from \(baseline) in points", "相对 \(baseline) 的变化（分 / 个百分点）")
    }

    static func changeFromInPercent(_ baseline: String) -> String {
        pick("Change from \(baseline) in %", "相对 \(baseline) 的变化（%）")
    }

    /// HTML: `nearness` escaped by the caller.
    static func satisfiedMeans(_ threshold: String, _ spread: String, _ happiness: String, _ gap: String, _ nearness: String) -> String {
        pick("<strong>What \"satisfied\" means.</strong> A resident counts as satisfied when their happiness "
                + "(0–100) is at or above their own threshold; thresholds average \(threshold) points with a spread of "
                + "\(spread) (set it to the survey's wording, residents.satisfiedThreshold). The baseline's mean "
                + "happiness is \(happiness), \(gap) points from the mean threshold: \(nearness).",
             "<strong>“满意”的含义。</strong>居民的幸福感（0–100）达到或超过其本人的满意门槛即计为满意；"
                + "门槛平均为 \(threshold) 分，离散度为 \(spread)（可按问卷措辞设置 residents.satisfiedThreshold）。"
                + "基线的平均幸福感为 \(happiness) 分，与平均门槛相差 \(gap) 分：\(nearness)。")
    }

    static func scatterTip(_ arm: String, cost: String, costLo: String, costHi: String, metric: String, gain: String, unit: String,
                           gainLo: String, gainHi: String) -> String {
        pick("\(arm): extra cost \(cost) yuan (95% CI \(costLo) to \(costHi)), \(metric) \(gain) \(unit) (95% CI \(gainLo) to \(gainHi))",
             "\(arm)：新增成本 \(cost) 元（95% 置信区间 \(costLo) 至 \(costHi)），\(metric) \(gain) \(unit)（95% 置信区间 \(gainLo) 至 \(gainHi)）")
    }

    static func costAndAgainst(_ metric: String, _ baseline: String) -> String {
        pick("Cost and \(metric) against \(baseline)", "相对 \(baseline) 的成本与\(metric)")
    }

    static func extraCostAndChange(_ metric: String, higherIsBetter: Bool) -> String {
        pick("extra cost and change in \(metric) (\(higherIsBetter ? "higher" : "lower") is better), 95% CIs",
             "新增成本与\(metric)的变化（\(higherIsBetter ? "越高越好" : "越低越好")），95% 置信区间")
    }

    static func metricDifference(_ metric: String, _ unit: String) -> String {
        pick("\(metric) difference (\(unit))", "\(metric)之差（\(unit)）")
    }

    static func noChangeIn(_ metric: String) -> String {
        pick("no change in \(metric)", "\(metric)无变化")
    }

    static func everyOutputOf(_ arm: String, _ baseline: String) -> String {
        pick("\(arm) − \(baseline): every output", "\(arm) − \(baseline)：全部结果指标")
    }

    // MARK: Check report

    static func targetsMet(_ met: Int, _ total: Int) -> String {
        pick("Targets: \(met) of \(total) met or hit", "目标：\(total) 项中 \(met) 项达标或命中")
    }

    static func checkTitle(_ met: Int, _ total: Int) -> String {
        pick("govsim check: \(met) of \(total) targets met or hit", "govsim 校验：\(total) 项目标中 \(met) 项达标或命中")
    }

    static func checkLead(fittedMet: Int, fitted: Int, predictionsHit: Int, predictions: Int) -> String {
        pick("Each scenario run, with its targets. A fitted target (a figure of the place before a policy, "
                + "which the scenario was fitted to) is met when the predicted mean lies within its tolerance. "
                + "A prediction (a figure no fitting touched) is hit when the observed figure lies inside the "
                + "90% predictive interval, which holds chance and the parameters' priors; the no-policy "
                + "counterfactual stands beside it. \(fittedMet) of \(fitted) "
                + "fitted targets met; \(predictionsHit) of \(predictions) predictions hit.",
             "逐个运行各情景并核对其目标。拟合目标（政策实施前当地的实际数据，情景据此拟合）在预测均值落入容差范围内时为达标。"
                + "预测目标（未参与任何拟合的数据）在观测值落入 90% 预测区间（包含随机因素和参数先验）时为命中，旁列无政策的反事实情形。"
                + "\(fitted) 项拟合目标中 \(fittedMet) 项达标；\(predictions) 项预测中 \(predictionsHit) 项命中。")
    }

    static func scenarioCount(_ n: Int) -> String {
        pick("\(n) scenario\(n == 1 ? "" : "s")", "\(n) 个情景")
    }

    static func targetsMissed(_ n: Int) -> String {
        pick("\(n) target\(n == 1 ? " is" : "s are") missed.", "\(n) 项目标未达标或未命中。")
    }

    static func trialsSeed(_ trials: String, _ seed: String) -> String {
        pick("\(trials) trials, seed \(seed).", "\(trials) 次试验，随机种子 \(seed)。")
    }

    // MARK: Sweep report

    static func onlyPoints(_ n: Int, _ planned: Int) -> String {
        pick("Only \(n) of the \(planned) design points are in sweep.csv.", "sweep.csv 中只有 \(planned) 个设计点中的 \(n) 个。")
    }

    static func sweepPoints(_ n: Int, _ design: String, _ trials: Int) -> String {
        pick("\(n) points (\(design) design) × \(trials) trials per point", "\(n) 个设计点（\(design)设计）× 每点 \(trials) 次试验")
    }

    static func scenarioOwnValue(_ path: String, _ value: String) -> String {
        pick(" (the scenario's own value, \(path) = \(value))", "（情景原有取值 \(path) = \(value)）")
    }

    static func responseTo(_ path: String) -> String {
        pick("Response to \(path)", "对 \(path) 的响应")
    }

    static func responseTo(_ first: String, _ second: String) -> String {
        pick("Response to \(first) and \(second)", "对 \(first) 和 \(second) 的响应")
    }

    static func pairedDifferenceNote(_ at: String) -> String {
        pick("Each point's paired difference from the scenario as written\(at), on the same trials, with the band of "
                + "its 95% confidence interval: where the band excludes 0, the change is real. A point's own mean and its "
                + "interval are in the table below; those intervals are wider, because they carry the trials' luck that "
                + "the paired difference cancels.",
             "每个设计点相对原情景\(at)在相同试验上的配对差值，阴影带为其 95% 置信区间：阴影带不含 0 之处，变化是真实的。"
                + "各点自身的均值和区间见下表；那些区间更宽，因为其中含有配对差值所抵消的试验运气成分。")
    }

    static func pairedAgainst(_ path: String) -> String {
        pick("paired difference with its 95% CI, against \(path)", "配对差值及其 95% 置信区间，横轴为 \(path)")
    }

    static func changeIn(_ title: String) -> String {
        pick("change in \(title)", "\(title)的变化")
    }

    static func meanAgainst(_ path: String) -> String {
        pick("mean over each point's trials, against \(path)", "各设计点试验的均值，横轴为 \(path)")
    }

    static func averagedOverOthers(_ n: Int) -> String {
        pick(" averaged over the other \(n) parameter\(n > 1 ? "s" : "")", "，对其余 \(n) 个参数取平均")
    }

    static func eachCell(_ others: String) -> String {
        pick("Each cell is the mean over the trials at that pair of values\(others); darker is lower, yellower higher.",
             "每个单元格是该组取值下各次试验的均值\(others)；颜色越深越低，越黄越高。")
    }

    static func withinNoise(_ span: String, _ noise: String) -> String {
        pick("within the noise: cells span \(span), a point's paired 95% CI is ±\(noise); scale ±2× that",
             "在噪声范围内：单元格相差 \(span)，单点配对 95% 置信区间为 ±\(noise)；色标取其 ±2 倍")
    }

    static func firstPoints(_ shown: Int, _ total: Int) -> String {
        pick(" The first \(shown) of \(total) points; sweep.csv has them all.", "此处列出 \(total) 个设计点中的前 \(shown) 个；全部设计点见 sweep.csv。")
    }

    // MARK: Sensitivity report

    static func morrisDesign(_ samples: Int, _ points: Int) -> String {
        pick("Morris screening: \(samples) trajectories, \(points) design points", "Morris 筛选：\(samples) 条轨迹，\(points) 个设计点")
    }

    static func sobolDesign(_ samples: Int, _ points: Int) -> String {
        pick("Sobol indices: \(samples) base samples, \(points) design points", "Sobol 指数：\(samples) 个基础样本，\(points) 个设计点")
    }

    static func trialsPerPoint(_ n: Int) -> String {
        pick("\(n) trials per point", "每点 \(n) 次试验")
    }

    static func trialNoise(_ pct: String) -> String {
        pick("Trial noise is \(pct)% of the output's variance across design points", "试验噪声占该结果在各设计点间方差的 \(pct)%")
    }

    /// HTML.
    static func noiseMoreThan(_ pct: String) -> String {
        pick(", more than \(pct)%: the indices are blurred by chance; raise <code>--replicates</code>.",
             "，超过 \(pct)%：指数受随机因素干扰而模糊；请增大 <code>--replicates</code>。")
    }

    /// HTML: `index` escaped by the caller.
    static func estimationError(_ index: String) -> String {
        pick(" Estimation error: the \(index) lies outside [0, 1], which no index can; raise <code>--samples</code>.",
             "估计误差：\(index) 超出 [0, 1]，而任何指数都不可能如此；请增大 <code>--samples</code>。")
    }

    static func converged(_ half: String, _ limit: String) -> String {
        pick(" Every index's bootstrap 95% interval is within ±\(half) (at most \(limit)): converged.",
             "每个指数的自助法 95% 区间都在 ±\(half) 以内（不超过 \(limit)）：已收敛。")
    }

    static func changedAtMost(_ change: String) -> String {
        pick(" The indices changed by at most \(change) between half and all the samples.", "用一半样本与全部样本相比，指数变化不超过 \(change)。")
    }

    /// HTML.
    static func notConverged(_ half: String, _ limit: String) -> String {
        pick(" The widest bootstrap 95% interval of an index is ±\(half) (more than "
                + "\(limit), or an index is out of range): not converged; raise <code>--samples</code>.",
             "指数的自助法 95% 区间最宽为 ±\(half)（超过 \(limit)，或有指数超出范围）：未收敛；请增大 <code>--samples</code>。")
    }

    /// A section on one output: its key and unit in English; its name, key and unit in Chinese.
    static func outputHeading(_ key: String, display: String?, unit: String) -> String {
        pick(key + (unit.isEmpty ? "" : " (\(unit))"),
             (display.map { "\($0) " } ?? "") + key + (unit.isEmpty ? "" : "（\(Catalogue.unit(unit))）"))
    }

    static func morrisEffectsOn(_ metric: String) -> String {
        pick("Morris effects on \(metric)", "各参数对\(metric)的 Morris 效应")
    }

    static func sobolIndicesOf(_ metric: String) -> String {
        pick("Sobol indices of \(metric)", "\(metric)的 Sobol 指数")
    }

    static func inUnit(_ unit: String) -> String {
        pick(" (\(unit))", "（\(unit)）")
    }

    // MARK: Optimize report

    static func optimizeLead(_ objective: String, _ budget: String) -> String {
        pick("The mix of levers with the best objective, \(objective) (higher is better), at a mean total cost "
                + "within the budget of \(budget) yuan over the run's days.",
             "在模拟期内平均总成本不超过预算 \(budget) 元的前提下，目标值 \(objective)（越高越好）最优的政策杠杆组合。")
    }

    static func candidatesByTrials(_ candidates: Int, _ trials: Int) -> String {
        pick("\(candidates) candidates × \(trials) trials", "\(candidates) 个候选方案 × \(trials) 次试验")
    }

    static func finalistsReevaluated(_ trials: Int) -> String {
        pick("finalists re-evaluated on \(trials) fresh trials", "入围方案在 \(trials) 次新试验上重新评估")
    }

    static func noCandidateWithinBudget(_ budget: String, _ cheapest: String) -> String {
        pick("No candidate stays within the budget of \(budget) yuan: the cheapest costs \(cheapest) yuan.",
             "没有候选方案在 \(budget) 元的预算之内：最便宜的也要 \(cheapest) 元。")
    }

    /// HTML: `reason` escaped by the caller.
    static func chosenBecause(_ reason: String) -> String {
        pick("Chosen because: \(reason).", "选定理由：\(reason)。")
    }

    static func topCandidateTied(_ top: Int) -> String {
        pick(" Candidate \(top) had the best objective, but the two cannot be told apart (paired 95% interval), so the cheaper was chosen.",
             "候选方案 \(top) 的目标值最优，但两者无法区分（配对 95% 置信区间），因此选择了成本较低的一个。")
    }

    static func yuanOf(_ cost: String, _ budget: String) -> String {
        pick("\(cost) yuan of \(budget)", "\(cost) 元（预算 \(budget) 元）")
    }

    static func leverValues(_ candidate: String) -> String {
        pick("Lever values (candidate \(candidate))", "政策杠杆取值（候选方案 \(candidate)）")
    }

    static func candidateTip(_ index: Int, _ cost: String, _ objective: String, _ lo: String, _ hi: String) -> String {
        pick("candidate \(index): cost \(cost) yuan, objective \(objective) (95% CI \(lo)–\(hi))",
             "候选方案 \(index)：成本 \(cost) 元，目标值 \(objective)（95% 置信区间 \(lo)–\(hi)）")
    }

    static func screeningTrials(_ n: Int) -> String {
        pick("mean over \(n) screening trials per candidate", "每个候选方案 \(n) 次筛选试验的均值")
    }
}
