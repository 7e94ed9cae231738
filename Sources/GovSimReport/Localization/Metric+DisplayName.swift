import GovSim
import GovSimIO

/// Each output's name for people, one declaration per metric, in every language. Pages and
/// tables show the metric's key (`Metric.name`, an identifier scripts rely on) as code; in
/// Chinese its name stands beside it. Its unit comes from `Metric.unit` through `Catalogue.unit`.
extension Metric {
    /// (English, Chinese).
    var displayNames: (en: String, zh: String) {
        switch self {
        case .safetyScore: return ("safety score", "安全感")
        case .satisfactionPct: return ("residents satisfied", "满意度")
        case .meanHappiness: return ("mean happiness", "平均幸福感")
        case .meanTrust: return ("mean trust in local governance", "对基层治理的信任度")
        case .disputes: return ("disputes arisen", "矛盾纠纷")
        case .disputesReported: return ("disputes reported", "上报的矛盾纠纷")
        case .complaintRatePct: return ("complaint rate", "投诉率")
        case .disputesAvertedByVisits: return ("disputes averted by visits", "预防性走访避免的纠纷")
        case .collectiveDisputes: return ("collective disputes", "群体性矛盾纠纷")
        case .petitions: return ("petitions", "信访")
        case .massIncidents: return ("mass incidents", "群体性事件")
        case .massIncidentsPrevented: return ("mass incidents defused", "化解的群体性事件")
        case .escalations: return ("escalations", "调解升级")
        case .misrouted: return ("misrouted by triage", "分流分错")
        case .mediationAttempts: return ("mediation attempts", "调解次数")
        case .mediationSuccessPct: return ("mediation success", "调解成功率")
        case .resolutionPct: return ("reports resolved", "化解率")
        case .medianResolutionHours: return ("median resolution time", "化解用时中位数")
        case .p90ResolutionHours: return ("90th percentile resolution time", "化解用时第 90 百分位")
        case .selfResolved: return ("self-resolved", "自行化解")
        case .incidents: return ("safety incidents", "安全事件")
        case .incidentsRecorded: return ("incidents recorded", "登记的安全事件")
        case .incidentsPrevented: return ("incidents prevented", "预防的安全事件")
        case .preventedBySensors: return ("prevented by sensors", "物联网传感器预防")
        case .preventedByVolunteers: return ("prevented by volunteers", "志愿者预防")
        case .preventedByResidents: return ("prevented by residents", "居民预防")
        case .publicSecurityIncidents: return ("public security incidents", "治安事件")
        case .accidents: return ("traffic accidents", "交通事故")
        case .fires: return ("fires", "火灾")
        case .elevatorIncidents: return ("elevator incidents", "电梯事故")
        case .seriousHarm: return ("incidents with serious harm", "造成严重伤害的事件")
        case .elderlyEmergencies: return ("elderly emergencies", "独居老人突发状况")
        case .elderlyEmergenciesPrevented: return ("elderly emergencies prevented", "预防的独居老人突发状况")
        case .elderlyAdverseEvents: return ("elderly adverse events", "独居老人不良事件")
        case .alarmsTrue: return ("true alarms", "真实预警")
        case .alarmsFalse: return ("false alarms", "误报")
        case .responseMinutesMedian: return ("median response time", "响应时间中位数")
        case .volunteers: return ("volunteers", "志愿者人数")
        case .preventiveVisits: return ("preventive visits", "预防性走访")
        case .costTotal: return ("total cost", "总成本")
        case .costMediation: return ("mediation cost", "人民调解成本")
        case .costServices: return ("purchased services cost", "购买服务成本")
        case .costSensors: return ("sensor cost", "物联网传感器成本")
        case .costElderlyCare: return ("elderly care cost", "养老服务成本")
        case .costVolunteers: return ("volunteer cost", "志愿者成本")
        case .costCouncil: return ("council cost", "居民议事会成本")
        case .costVisits: return ("preventive visit cost", "预防性走访成本")
        case .costResponse: return ("emergency response cost", "应急处置成本")
        case .costPerResident: return ("cost per resident", "人均成本")
        case .neighbourDisputes: return ("neighbour disputes", "邻里纠纷")
        case .propertyDisputes: return ("property management disputes", "物业纠纷")
        case .landDisputes: return ("land disputes", "土地纠纷")
        case .familyDisputes: return ("family disputes", "婚姻家庭纠纷")
        case .directPetitions: return ("direct petitions", "直接信访")
        case .emergencyResponseMinutesMedian: return ("median emergency response time", "应急响应时间中位数")
        case .councilIssuesSettled: return ("council issues settled", "居民议事会议定事项")
        case .townResponses: return ("town responses", "街镇回应")
        case .residents: return ("residents", "居民人数")
        case .elderlySafetyScore: return ("elderly safety score", "老年人安全感")
        case .elderlySatisfactionPct: return ("elderly residents satisfied", "老年人满意度")
        }
    }

    /// The output's name in the current language.
    public var displayName: String {
        Language.current == .zh ? displayNames.zh : displayNames.en
    }
}
