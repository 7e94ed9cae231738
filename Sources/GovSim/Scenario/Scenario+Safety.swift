extension Scenario {
    /// IoT sensors by kind, and the privacy cost of surveillance.
    public struct SensorNetwork: ScenarioSection, Equatable {
        /// Cameras: public-security precursors and incidents.
        public var cameras = SensorKind(detection: 0.5, falseAlarms: 4, latency: 3, devices: 40, unitCost: 2_500, life: 6, running: 200,
                                        deterrence: 0.15)
        /// Traffic sensors at intersections with AI early warning (detours ahead of congestion).
        /// Detection 0.8 is set from the Hangzhou case, where early warning alone cut accidents by
        /// 20% (0.5 precursor share × 0.8 × 0.5 efficacy).
        public var trafficSensors = SensorKind(detection: 0.8, falseAlarms: 2, latency: 1, devices: 10, unitCost: 20_000, life: 8, running: 1_500)
        /// Smoke and door sensors in homes.
        public var smokeDetectors = SensorKind(detection: 0.85, falseAlarms: 0.3, latency: 1, devices: 300, unitCost: 150, life: 10, running: 10)
        /// Elevator monitors.
        public var elevatorMonitors = SensorKind(detection: 0.8, falseAlarms: 1, latency: 1, devices: 10, unitCost: 5_000, life: 10, running: 300)
        /// Privacy safeguards (data minimisation, oversight) in place.
        public var privacySafeguards = false
        /// Trust lost at full camera coverage without safeguards (points).
        public var privacyTrustCost: Parameter = 8
        /// Share of that trust cost that safeguards remove (fraction 0–1).
        public var safeguardEffect: Parameter = 0.75
        /// When the sensors are in place (docs/model.md §11); default: from the first day.
        public var schedule = Schedule()

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.section("cameras", &cameras)
            v.section("trafficSensors", &trafficSensors)
            v.section("smokeDetectors", &smokeDetectors)
            v.section("elevatorMonitors", &elevatorMonitors)
            v.flag("privacySafeguards", &privacySafeguards)
            v.parameter("privacyTrustCost", &privacyTrustCost, Bounds(0...100, unit: "points"))
            v.parameter("safeguardEffect", &safeguardEffect, .fraction())
            v.section("schedule", &schedule)
        }
    }

    /// One kind of sensor.
    public struct SensorKind: ScenarioSection, Equatable {
        /// Share of what this kind watches that is covered (fraction 0–1). Default 0: none.
        public var coverage: Parameter = 0
        /// Probability a covered precursor or incident is detected.
        public var detection: Parameter = 0.5
        /// False alarms per device per year (1/device/year).
        public var falseAlarmsPerDeviceYear: Parameter = 2
        /// Detection-to-alarm latency (minutes).
        public var latencyMinutes: Parameter = 2
        /// Devices per cell at full coverage (devices/cell).
        public var devicesPerCell: Parameter = 10
        /// Purchase and installation cost (yuan/device).
        public var unitCost: Parameter = 1_000
        /// Service life over which the purchase is spread (years).
        public var lifeYears: Parameter = 5
        /// Running cost: data, maintenance (yuan/device/year).
        public var runningCostPerDeviceYear: Parameter = 100
        /// Share of the watched incidents that never happen at full coverage because would-be
        /// offenders see the devices (fraction 0–1). Cameras 0.15 (CCTV meta-analyses find crime
        /// reductions of about 13–16%); 0 for the other kinds.
        public var deterrence: Parameter = 0

        public init() {}
        init(detection: Double, falseAlarms: Double, latency: Double, devices: Double, unitCost: Double, life: Double, running: Double,
             deterrence: Double = 0) {
            self.deterrence = .fixed(deterrence)
            self.detection = .fixed(detection)
            falseAlarmsPerDeviceYear = .fixed(falseAlarms)
            latencyMinutes = .fixed(latency)
            devicesPerCell = .fixed(devices)
            self.unitCost = .fixed(unitCost)
            lifeYears = .fixed(life)
            runningCostPerDeviceYear = .fixed(running)
        }
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("coverage", &coverage, .fraction())
            v.parameter("detection", &detection, .probability())
            v.parameter("falseAlarmsPerDeviceYear", &falseAlarmsPerDeviceYear, .nonNegative("1/device/year"))
            v.parameter("latencyMinutes", &latencyMinutes, .nonNegative("minutes"))
            v.parameter("devicesPerCell", &devicesPerCell, .nonNegative("devices/cell"))
            v.parameter("unitCost", &unitCost, .nonNegative("yuan/device"))
            v.parameter("lifeYears", &lifeYears, .positive("years"))
            v.parameter("runningCostPerDeviceYear", &runningCostPerDeviceYear, .nonNegative("yuan/device/year"))
            v.parameter("deterrence", &deterrence, .fraction())
        }
    }

    /// Safety incidents by kind (their base rates are in `estates`).
    public struct Incidents: ScenarioSection, Equatable {
        public var theft = IncidentKind(precursorShare: 0.4, windowHours: 24, efficacy: 0.6, residentDetection: 0.1,
                                        reportProbability: 0.6, reportMinutes: 60, harmMinutes: 120)
        public var trafficAccident = IncidentKind(precursorShare: 0.5, windowHours: 0.5, efficacy: 0.5, residentDetection: 0,
                                                  reportProbability: 0.95, reportMinutes: 5, harmMinutes: 30)
        public var fire = IncidentKind(precursorShare: 0.6, windowHours: 2, efficacy: 0.8, residentDetection: 0.2,
                                       reportProbability: 0.98, reportMinutes: 5, harmMinutes: 15)
        public var elevator = IncidentKind(precursorShare: 0.7, windowHours: 72, efficacy: 0.9, residentDetection: 0.15,
                                           reportProbability: 0.9, reportMinutes: 20, harmMinutes: 60)
        /// Multiplies every estate's incident rates.
        public var rateMultiplier: Parameter = 1

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("rateMultiplier", &rateMultiplier, Bounds(0...1_000, unit: "multiplier"))
            v.section("theft", &theft)
            v.section("trafficAccident", &trafficAccident)
            v.section("fire", &fire)
            v.section("elevator", &elevator)
        }
    }

    /// One kind of safety incident: its precursor window and how harm grows with response time.
    public struct IncidentKind: ScenarioSection, Equatable {
        /// Share of incidents announced by a precursor (a fault, a crowd, congestion).
        public var precursorShare: Parameter = 0.5
        /// How long before the incident the precursor can be seen (hours).
        public var precursorWindowHours: Parameter = 12
        /// Probability that a warning within the window prevents the incident.
        public var preventionEfficacy: Parameter = 0.7
        /// Probability that residents themselves notice and report the precursor.
        public var residentDetection: Parameter = 0.1
        /// Probability that an incident no sensor saw is reported (and so recorded).
        public var reportProbability: Parameter = 0.8
        /// Mean minutes from an unsensed incident to a resident's report (minutes).
        public var reportMinutes: Parameter = 20
        /// Minutes from the incident to a responder on site (detection + response) at which the
        /// chance of serious harm reaches 63% (minutes).
        public var harmMinutes: Parameter = 60

        public init() {}
        init(precursorShare: Double, windowHours: Double, efficacy: Double, residentDetection: Double,
             reportProbability: Double, reportMinutes: Double, harmMinutes: Double) {
            self.precursorShare = .fixed(precursorShare)
            precursorWindowHours = .fixed(windowHours)
            preventionEfficacy = .fixed(efficacy)
            self.residentDetection = .fixed(residentDetection)
            self.reportProbability = .fixed(reportProbability)
            self.reportMinutes = .fixed(reportMinutes)
            self.harmMinutes = .fixed(harmMinutes)
        }
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("precursorShare", &precursorShare, .fraction())
            v.parameter("precursorWindowHours", &precursorWindowHours, .nonNegative("hours"))
            v.parameter("preventionEfficacy", &preventionEfficacy, .probability())
            v.parameter("residentDetection", &residentDetection, .probability())
            v.parameter("reportProbability", &reportProbability, .probability())
            v.parameter("reportMinutes", &reportMinutes, .nonNegative("minutes"))
            v.parameter("harmMinutes", &harmMinutes, .positive("minutes"))
        }
    }

    /// Elderly care: wearables, one-button call service, linked response, volunteer visits.
    public struct ElderlyCare: ScenarioSection, Equatable {
        /// Health emergencies per elderly resident per year (1/elderly/year).
        public var emergencyRatePerYear: Parameter = 0.06
        /// Share of emergencies announced by abnormal health data hours ahead.
        public var precursorShare: Parameter = 0.4
        /// Hours before the emergency that abnormal data can be seen (hours).
        public var precursorWindowHours: Parameter = 12
        /// Probability that a warning in the window prevents the emergency.
        public var preventionEfficacy: Parameter = 0.6
        /// Share of elderly residents wearing a monitor (fraction 0–1).
        public var wearableCoverage: Parameter = 0
        /// Probability a wearable flags the abnormal data before an emergency.
        public var wearableDetection: Parameter = 0.7
        /// Probability a wearable raises the alarm when the emergency happens.
        public var wearableAlarm: Parameter = 0.9
        /// False alarms per wearable per year (1/device/year).
        public var wearableFalseAlarmsPerYear: Parameter = 2
        /// Wearable price (yuan/device), life (years) and service (yuan/device/year).
        public var wearableUnitCost: Parameter = 1_000
        public var wearableLifeYears: Parameter = 3
        public var wearableRunningCostPerYear: Parameter = 120
        /// One-button call service bought from companies.
        public var callButtonService = false
        /// Probability an elderly person in an emergency can press the button.
        public var callButtonUse: Parameter = 0.5
        /// Call service cost (yuan/elderly/year), for every elderly resident covered.
        public var callServiceCostPerElderlyYear: Parameter = 300
        /// A linked emergency response team.
        public var responseTeam = false
        /// Minutes from alarm to the team at the door, when there is a team (minutes).
        public var responseTeamMinutes: Parameter = 10
        /// Team cost (yuan/year per 1000 elderly residents).
        public var responseTeamCostPerThousandElderlyYear: Parameter = 150_000
        /// Share of emergencies averted among elderly residents living alone on a purchased care
        /// worker's caseload: regular visits that deal with home hazards, medication and early
        /// illness (fraction 0–1). Default 0.15 from falls-prevention trials (E33: multifactorial
        /// visits cut the rate of falls 25% in trials, ~0% in real-world delivery).
        public var caseloadRiskReduction: Parameter = 0.15
        /// Probability that a visit during the window notices the abnormal signs.
        public var visitDetection: Parameter = 0.4
        /// Mean minutes until someone at home notices an emergency (minutes).
        public var householdNoticeMinutes: Parameter = 15
        /// Mean hours until an elderly person living alone is found without any alarm (hours).
        public var aloneDiscoveryHours: Parameter = 6
        /// Minutes from the emergency to a responder at the door (notice + response) at which the
        /// chance of lasting harm reaches 63% (minutes).
        public var harmMinutes: Parameter = 90
        /// Perceived safety gained by elderly residents with a wearable or call button: knowing
        /// help is one press away (points). The one direct term a policy keeps, and small: telecare
        /// users scored ~0.3 SD higher on mental well-being in the Whole Systems Demonstrator (E34).
        public var coveredSafetyGain: Parameter = 3
        /// When the care devices and services are in place (docs/model.md §11): wearables, the call
        /// button and the response team reach the share of elderly residents, in a fixed random
        /// order of roll-out. Default: from the first day.
        public var schedule = Schedule()

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("emergencyRatePerYear", &emergencyRatePerYear, .nonNegative("1/elderly/year"))
            v.parameter("precursorShare", &precursorShare, .fraction())
            v.parameter("precursorWindowHours", &precursorWindowHours, .nonNegative("hours"))
            v.parameter("preventionEfficacy", &preventionEfficacy, .probability())
            v.parameter("wearableCoverage", &wearableCoverage, .fraction())
            v.parameter("wearableDetection", &wearableDetection, .probability())
            v.parameter("wearableAlarm", &wearableAlarm, .probability())
            v.parameter("wearableFalseAlarmsPerYear", &wearableFalseAlarmsPerYear, .nonNegative("1/device/year"))
            v.parameter("wearableUnitCost", &wearableUnitCost, .nonNegative("yuan/device"))
            v.parameter("wearableLifeYears", &wearableLifeYears, .positive("years"))
            v.parameter("wearableRunningCostPerYear", &wearableRunningCostPerYear, .nonNegative("yuan/device/year"))
            v.parameter("caseloadRiskReduction", &caseloadRiskReduction, .fraction())
            v.flag("callButtonService", &callButtonService)
            v.parameter("callButtonUse", &callButtonUse, .probability())
            v.parameter("callServiceCostPerElderlyYear", &callServiceCostPerElderlyYear, .nonNegative("yuan/elderly/year"))
            v.flag("responseTeam", &responseTeam)
            v.parameter("responseTeamMinutes", &responseTeamMinutes, .nonNegative("minutes"))
            v.parameter("responseTeamCostPerThousandElderlyYear", &responseTeamCostPerThousandElderlyYear, .nonNegative("yuan/1000 elderly/year"))
            v.parameter("visitDetection", &visitDetection, .probability())
            v.parameter("householdNoticeMinutes", &householdNoticeMinutes, .nonNegative("minutes"))
            v.parameter("aloneDiscoveryHours", &aloneDiscoveryHours, .nonNegative("hours"))
            v.parameter("harmMinutes", &harmMinutes, .positive("minutes"))
            v.parameter("coveredSafetyGain", &coveredSafetyGain, Bounds(0...100, unit: "points"))
            v.section("schedule", &schedule)
        }
    }

    /// Grid workers and responders: report-to-response minutes = dispatch + queue for a free
    /// worker + travel; harm counts the detection latency as well.
    public struct Response: ScenarioSection, Equatable {
        /// Grid workers answering alarms and reports (persons/cell).
        public var gridWorkersPerCell: Parameter = 1
        /// Minutes of a grid worker's attention per alarm or call, false ones included (minutes).
        public var serviceMinutes: Parameter = 30
        /// Working minutes per grid worker per day (minutes/day).
        public var shiftMinutesPerDay: Parameter = 480
        /// Minutes from alarm or report to dispatch when nobody waits ahead (minutes).
        public var dispatchMinutes: Parameter = 5
        /// One-tap reporting: residents' reports arrive this much faster (fraction of delay removed).
        public var oneTapReporting = false
        public var oneTapSpeedup: Parameter = 0.7
        /// Salary per grid worker (yuan/person/year).
        public var salaryPerWorkerYear: Parameter = 70_000
        /// When no grid worker is nearer, the town's responders come: minutes from their dispatch
        /// to the door (minutes). The fallback with no grid workers at all.
        public var townResponseMinutes: Parameter = 35
        /// What the town charges the district per call its responders answer (yuan/call).
        public var townCostPerCall: Parameter = 300
        /// When the response set-up is in place (docs/model.md §11): `gridWorkersPerCell` and
        /// one-tap reporting move from their defaults to these values as the schedule ramps.
        /// Default: from the first day.
        public var schedule = Schedule()

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("gridWorkersPerCell", &gridWorkersPerCell, .nonNegative("persons/cell"))
            v.parameter("serviceMinutes", &serviceMinutes, .nonNegative("minutes"))
            v.parameter("shiftMinutesPerDay", &shiftMinutesPerDay, Bounds(1...1440, unit: "minutes/day"))
            v.parameter("dispatchMinutes", &dispatchMinutes, .nonNegative("minutes"))
            v.flag("oneTapReporting", &oneTapReporting)
            v.parameter("oneTapSpeedup", &oneTapSpeedup, .fraction())
            v.parameter("salaryPerWorkerYear", &salaryPerWorkerYear, .nonNegative("yuan/person/year"))
            v.parameter("townResponseMinutes", &townResponseMinutes, Bounds(0...1_440, unit: "minutes"))
            v.parameter("townCostPerCall", &townCostPerCall, .nonNegative("yuan/call"))
            v.section("schedule", &schedule)
        }
    }
}
