// Memory per resident: the peak resident set of a fresh process running one trial on one
// thread, less the same process's peak just before the trial starts, divided by residents; and the
// same from the difference of two district sizes (which removes anything that does not grow with
// residents). Also the struct-of-arrays bytes counted from the model's declarations.
//
// The peak is read from VmHWM (/proc/self/status) and also from getrusage's ru_maxrss. On Linux a
// child inherits its parent's ru_maxrss at fork and keeps it across exec, so ru_maxrss of a probe
// started by a process that has already run a 1M-resident trial reports the parent's peak; VmHWM
// belongs to the probe's own image. Both are recorded.
import Foundation
import GovSim
import GovSimExperiments

enum Memory {
    /// Runs in the child process (`--probe`): one trial, one thread; prints one JSON line.
    static func probe(residents: Int, days: Int) {
        let district = BenchDistrict(residents: residents, days: days)
        let ensemble = Ensemble(scenario: district.scenario, seed: 7, threads: 1)
        // VmHWM is refreshed lazily by the kernel and can lag the current RSS: take the larger.
        let currentBefore = Clock.currentRSS(), maxrssBefore = Clock.peakRSS()
        let before = max(Clock.highWaterRSS(), currentBefore)
        let (w0, c0) = (Clock.wall(), Clock.cpu())
        let results = ensemble.run(trials: 0..<1)
        let (w1, c1) = (Clock.wall(), Clock.cpu())
        let after = Clock.highWaterRSS(), maxrssAfter = Clock.peakRSS()
        let r = results[0]
        var j: [String: Any] = [
            "residents_nominal": district.nominalResidents, "residents": BenchDistrict.exactResidents(r),
            "cells": district.cells, "days": days,
            "peak_rss_before": before, "rss_before": currentBefore, "peak_rss_after": after,
            "ru_maxrss_before": maxrssBefore, "ru_maxrss_after": maxrssAfter,
            "wall_seconds": w1 - w0, "cpu_seconds": c1 - c0,
        ]
        for m in [Metric.disputes, .disputesReported, .incidents, .elderlyEmergencies, .mediationAttempts] { j[m.name] = r[m] }
        print(String(data: try! JSONSerialization.data(withJSONObject: j, options: [.sortedKeys]), encoding: .utf8)!)
    }

    /// Starts this executable with `--probe` and returns its JSON.
    static func runProbe(residents: Int, days: Int) -> [String: Any]? {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["--probe", "--residents", String(residents), "--days", String(days)]
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { log("probe: \(error)"); return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0,
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return obj
    }

    /// Bytes per resident the model's arrays hold, counted from their declarations
    /// (Population, HouseholdRecords, DisputeBook, the tier queues and tallies).
    /// Event-driven storage is counted from one trial's event counts over its days.
    static func analytic(probe j: [String: Any]) -> [String: Double] {
        let residents = (j["residents"] as? Double) ?? Double(j["residents"] as? Int ?? 1)
        let perHousehold = BenchDistrict.perHousehold
        // Population: happiness, safety, trust, 3 offsets, satisfaction threshold, vulnerability
        // (Float32) + flags and participation (UInt8).
        let population = 8.0 * 4 + 2
        // Per household: householdStart, householdCell (Int32), householdOnline (Bool),
        // disputeCumulative, reportingLogOdds (Float) in Population; riskScore (Float), riskDay,
        // protectedUntil, openDispute (Int32), complained, flagged (Bool), the visit queue's
        // reserved slot (Int32) in HouseholdRecords.
        let populationPerHousehold: Double = 4 + 4 + 1 + 4 + 4
        let recordsPerHousehold: Double = 4 + 4 + 4 + 4 + 1 + 1 + 4
        let household = populationPerHousehold + recordsPerHousehold
        // Elderly index: one Int32 per elderly resident (15%).
        let elderly = 0.15 * 4
        // Per dispute (DisputeBook): household, cell, petitionDay, residentsStart, residentsEnd,
        // openPosition (Int32), reportedHours, arrivalHours (Double), type, severity, collective,
        // stage, tier, petitionResolves, mediated, counted (1 byte each) = 48 bytes;
        // + a queue slot per tier it
        // joins (Int32; ~1 per reported dispute) + its resolution time (Double).
        let disputes = (j["disputes"] as? Double) ?? 0
        let reported = (j["disputes_reported"] as? Double) ?? 0
        let attempts = (j["mediation_attempts"] as? Double) ?? 0
        let events = ((j["incidents"] as? Double) ?? 0) + ((j["elderly_emergencies"] as? Double) ?? 0)
        let disputeBytes = (48 * disputes + 4 * (reported + attempts) + 8 * reported) / residents
        let responseBytes = 8 * events / residents
        let fixed = population + household / perHousehold + elderly
        return [
            "population_soa": population,
            "household_arrays_per_resident": household / perHousehold,
            "elderly_index": elderly,
            "fixed_per_resident": fixed,
            "dispute_book_per_resident": disputeBytes,
            "response_times_per_resident": responseBytes,
            "total_per_resident": fixed + disputeBytes + responseBytes,
        ]
    }
}
