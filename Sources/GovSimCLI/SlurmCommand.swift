import Foundation
import GovSim
import GovSimIO

/// `govsim slurm`: a sharded run as a Slurm job array, with a merge job that waits for it.
enum SlurmCommand {
    static let spec = CommandSpec(
        name: "slurm",
        abstract: "Write (and with --submit submit) a Slurm job array of a run's shards and a merge job.",
        discussion: """
        Writes three files into the output folder: shards.sbatch, a job array whose task i runs \
        `govsim run SCENARIO --shard i/N` into shard-i-of-N/; merge.sbatch, which runs `govsim \
        merge` of those folders into merged/ (byte for byte the files of one unsharded run); and \
        submit.sh, which submits the array and then the merge with --dependency=afterok on it, so \
        the merge starts only when every shard succeeded and is cancelled when one fails. Logs go \
        to logs/. The scripts name the scenario, the folder and the govsim binary by absolute \
        paths, which the compute nodes must see. --submit does what submit.sh does, with sbatch \
        from the PATH, and prints the two job ids.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "The scenario file (JSON5).")],
        options: [
            shards.spec, partition.spec, time.spec, cpusPerTask.spec, out.spec, govsim.spec, submit.spec,
        ],
        examples: [
            "govsim slurm scenarios/example.json5 --shards 8 --cpus-per-task 4 --time 30",
            "govsim slurm scenarios/example.json5 --shards 100 --partition batch --time 1-00:00:00 --submit",
        ]
    )

    /// Array tasks; required (nil when not given).
    static let shards = Option<Int?>.integer("shards", help: "Number of shards (array tasks), from 1 to the scenario's trials. Required.",
                                             in: 1...1_000_000)
    /// A partition name or a comma-separated list of them, checked for sbatch.
    static let partition = Option<String?>.string("partition", short: "p", valueName: "p", help: "Slurm partition (sbatch --partition).",
                                                  defaultText: "the cluster's default").map { partition, parsed in
        if let p = partition, p.isEmpty || !p.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.,-".contains($0)) }) {
            throw UsageError(message: "--partition: expected a partition name (letters, digits, _ . - or a comma-separated list), got '\(p)'",
                             command: parsed.command)
        }
        return partition
    }
    /// A time limit in one of sbatch's forms (see `isSlurmTime`).
    static let time = Option<String?>.string("time", short: "t", valueName: "t", help: "Time limit of each job: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS.",
                                             defaultText: "the partition's").map { time, parsed in
        if let t = time, !isSlurmTime(t) {
            throw UsageError(message: "--time: expected minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS, got '\(t)'", command: parsed.command)
        }
        return time
    }
    /// CPUs (and threads) of each shard; nil for 1.
    static let cpusPerTask = Option<Int?>.integer("cpus-per-task", short: "c", valueName: "c", help: "CPUs of each shard; the shard runs that many threads.",
                                                  defaultText: "1", in: 1...4_096)
    static let out = Common.out("results/<scenario name>-slurm")
    static let govsim = Option<String?>.string("govsim", valueName: "path", help: "The govsim binary the jobs run.", defaultText: "this govsim")
    static let submit = Option<Bool>.flag("submit", help: "Submit the jobs with sbatch and print their ids.")

    struct Options {
        var scenario: String
        var shards: Int
        var partition: String?
        var time: String?
        var cpusPerTask: Int?
        var out: String?
        var govsim: String?
        var submit = false
    }

    static func options(_ parsed: ParsedArguments) throws -> Options {
        guard let shards = try parsed[Self.shards] else {
            throw UsageError(message: "--shards is required: the number of array tasks, e.g. --shards 8", command: "slurm")
        }
        return Options(scenario: parsed.positionals[0], shards: shards, partition: try parsed[Self.partition], time: try parsed[Self.time],
                       cpusPerTask: try parsed[Self.cpusPerTask], out: try parsed[Self.out],
                       govsim: try parsed[Self.govsim], submit: try parsed[Self.submit])
    }

    /// Whether `text` is a time limit sbatch accepts: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M` or
    /// `D-H:M:S`, with minutes and seconds below 60 after a larger unit and hours below 24 after days.
    static func isSlurmTime(_ text: String) -> Bool {
        func number(_ s: Substring, below limit: Int? = nil) -> Bool {
            guard (1...9).contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(s) else { return false }
            return limit.map { n < $0 } ?? true
        }
        let dayParts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch dayParts.count {
        case 1:
            let p = text.split(separator: ":", omittingEmptySubsequences: false)
            switch p.count {
            case 1: return number(p[0])
            case 2: return number(p[0]) && number(p[1], below: 60)
            case 3: return number(p[0]) && number(p[1], below: 60) && number(p[2], below: 60)
            default: return false
            }
        case 2:
            let p = dayParts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard number(dayParts[0]), (1...3).contains(p.count), number(p[0], below: 24) else { return false }
            return p.dropFirst().allSatisfy { number($0, below: 60) }
        default:
            return false
        }
    }

    static func execute(_ parsed: ParsedArguments, console: Console,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int32 {
        let o = try options(parsed)
        let govsim: String
        if let given = o.govsim {
            govsim = absolute(given)
            guard isExecutableFile(govsim) else {
                throw UsageError(message: "--govsim: no executable file at \(govsim)", command: "slurm")
            }
        } else {
            govsim = currentExecutable()
        }
        guard let loaded = Common.load(o.scenario, console: console) else { return ExitStatus.dataError }
        let trials = loaded.scenario.run.trials
        guard o.shards <= trials else {
            throw UsageError(message: "--shards: \(o.shards) shards for \(trials) trials; use at most one shard per trial", command: "slurm")
        }
        let folder = absolute(o.out ?? "results/\(loaded.scenario.name)-slurm")
        if let bad = folder.first(where: { "%\"\\\n".contains($0) }) {
            throw UsageError(message: "--out: Slurm's #SBATCH lines cannot name a folder containing '\(bad)': \(folder)", command: "slurm")
        }
        let jobs = SlurmJobs(name: loaded.scenario.name, scenario: absolute(o.scenario), govsim: govsim, folder: folder, shards: o.shards,
                             partition: o.partition, time: o.time, cpusPerTask: o.cpusPerTask)
        guard Common.prepare(jobs.path("logs"), console: console) else { return ExitStatus.cannotCreate }
        do {
            try AtomicFile.write(jobs.shardsScript, to: jobs.path(SlurmJobs.shardsFile))
            try AtomicFile.write(jobs.mergeScript, to: jobs.path(SlurmJobs.mergeFile))
            try AtomicFile.write(jobs.submitScript, to: jobs.path(SlurmJobs.submitFile))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: jobs.path(SlurmJobs.submitFile))
        } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.cannotCreate
        }
        console.out("wrote \(folder)/: \(SlurmJobs.shardsFile) (array 1-\(o.shards)), \(SlurmJobs.mergeFile), \(SlurmJobs.submitFile)\n")
        guard o.submit else {
            console.out("submit with: \(jobs.path(SlurmJobs.submitFile))\n")
            return ExitStatus.success
        }
        return submit(jobs, console: console, environment: environment)
    }

    /// Submits the array, then the merge depending on it, as submit.sh does; prints the job ids.
    static func submit(_ jobs: SlurmJobs, console: Console, environment: [String: String]) -> Int32 {
        guard let sbatch = findExecutable("sbatch", path: environment["PATH"] ?? "") else {
            console.err("govsim: sbatch not found on the PATH, so nothing was submitted; install the Slurm client (Debian: slurm-client) "
                        + "or run \(jobs.path(SlurmJobs.submitFile)) where Slurm is\n")
            return ExitStatus.failure
        }
        let array: String
        switch sbatchParsable(sbatch, SlurmJobs.arraySubmission(jobs.path(SlurmJobs.shardsFile)), environment: environment) {
        case .success(let id): array = id
        case .failure(let error):
            console.err("govsim: cannot submit \(jobs.path(SlurmJobs.shardsFile)): \(error.message)\n")
            return ExitStatus.failure
        }
        switch sbatchParsable(sbatch, SlurmJobs.mergeSubmission(jobs.path(SlurmJobs.mergeFile), after: array), environment: environment) {
        case .success(let merge):
            console.out(jobs.submittedText(array: array, merge: merge))
            return ExitStatus.success
        case .failure(let error):
            console.err("govsim: the shards were submitted as job \(array), but the merge could not be: \(error.message)\n"
                        + "govsim: cancel the shards with: scancel \(array)\n")
            return ExitStatus.failure
        }
    }

    struct SbatchError: Error {
        var message: String
    }

    /// Runs `sbatch --parsable ...` and returns the job id it prints (`id` or `id;cluster`).
    static func sbatchParsable(_ sbatch: String, _ arguments: [String], environment: [String: String]) -> Result<String, SbatchError> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sbatch)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return .failure(SbatchError(message: "cannot run \(sbatch): \(error.localizedDescription)"))
        }
        // sbatch writes a line or two: reading one pipe to its end before the other cannot block.
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            return .failure(SbatchError(message: "sbatch exited with status \(process.terminationStatus)" + (complaint.isEmpty ? "" : ": \(complaint)")))
        }
        let id = printed.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(SbatchError(message: "sbatch printed no job id (got '\(printed.trimmingCharacters(in: .whitespacesAndNewlines))')"))
        }
        return .success(id)
    }

    /// The first executable `name` in the colon-separated `path` (an empty entry is the current folder).
    static func findExecutable(_ name: String, path: String) -> String? {
        for entry in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = absolute((entry.isEmpty ? "." : String(entry)) + "/" + name)
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    /// Whether `path` is a file (not a folder) this process may execute.
    static func isExecutableFile(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    /// `path` made absolute against the current folder, with `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The absolute path of the running executable.
    static func currentExecutable() -> String {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), target.hasPrefix("/") {
            return target
        }
        let argument0 = CommandLine.arguments.first ?? "govsim"
        if argument0.contains("/") { return absolute(argument0) }
        return findExecutable(argument0, path: ProcessInfo.processInfo.environment["PATH"] ?? "") ?? argument0
    }
}

/// The Slurm scripts of one sharded run: what `govsim slurm` writes, as text (no I/O).
struct SlurmJobs: Equatable {
    /// The scenario's name (used in job names).
    var name: String
    /// Absolute paths.
    var scenario: String, govsim: String, folder: String
    var shards: Int
    var partition: String?, time: String?, cpusPerTask: Int?

    static let shardsFile = "shards.sbatch", mergeFile = "merge.sbatch", submitFile = "submit.sh"

    func path(_ name: String) -> String { folder + "/" + name }

    /// The folder shard `index` writes; `${SLURM_ARRAY_TASK_ID}` in the array script.
    func shardFolder(_ index: String) -> String { folder + "/shard-\(index)-of-\(shards)" }

    var mergedFolder: String { path("merged") }

    /// The job name: the scenario's name in characters every Slurm tool shows plainly.
    var jobName: String {
        "govsim-" + String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) ? $0 : "_" })
    }

    /// The scenario's path for a `#` comment line (a newline in it would end the comment).
    private var scenarioInComment: String { String(scenario.map { $0.isNewline ? "?" : $0 }) }

    /// `#SBATCH` lines common to both jobs.
    private var resourceLines: [String] {
        var lines: [String] = []
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        return lines
    }

    /// A path as an `#SBATCH` option value (sbatch strips double quotes).
    private static func directiveValue(_ path: String) -> String {
        path.contains(where: \.isWhitespace) ? "\"\(path)\"" : path
    }

    var shardsScript: String {
        var lines = [
            "#!/bin/bash",
            "# Written by govsim slurm: \(shards) shards of \(scenarioInComment) as a job array; task i runs shard i of \(shards).",
            "# Submit with submit.sh, which also queues the merge.",
            "#SBATCH --job-name=\(jobName)",
            "#SBATCH --array=1-\(shards)",
            "#SBATCH --ntasks=1",
            "#SBATCH --output=\(Self.directiveValue(path("logs/shard-%A_%a.out")))",
        ]
        lines += resourceLines
        if let cpusPerTask { lines.append("#SBATCH --cpus-per-task=\(cpusPerTask)") }
        lines += [
            "set -euo pipefail",
            "GOVSIM=\(shellWord(govsim))",
            "SCENARIO=\(shellWord(scenario))",
            "OUT=\(shellWord(folder))",
            "exec \"$GOVSIM\" run \"$SCENARIO\" --shard \"${SLURM_ARRAY_TASK_ID}/\(shards)\" --threads \"${SLURM_CPUS_PER_TASK:-1}\" \\",
            "    --out \"$OUT/shard-${SLURM_ARRAY_TASK_ID}-of-\(shards)\" --quiet",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    var mergeScript: String {
        var lines = [
            "#!/bin/bash",
            "# Written by govsim slurm: merges the \(shards) shards of \(scenarioInComment) into merged/, byte for byte one unsharded run.",
            "# submit.sh queues it with --dependency=afterok on the shards' job array.",
            "#SBATCH --job-name=\(jobName)-merge",
            "#SBATCH --ntasks=1",
            "#SBATCH --output=\(Self.directiveValue(path("logs/merge-%j.out")))",
        ]
        lines += resourceLines
        lines += [
            "set -euo pipefail",
            "GOVSIM=\(shellWord(govsim))",
            "OUT=\(shellWord(folder))",
            "exec \"$GOVSIM\" merge \"$OUT\"/shard-*-of-\(shards) --out \"$OUT/merged\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// sbatch's arguments for the array.
    static func arraySubmission(_ script: String) -> [String] { ["--parsable", script] }

    /// sbatch's arguments for the merge: only after every array task succeeded; cancelled, not
    /// left pending, when one fails.
    static func mergeSubmission(_ script: String, after array: String) -> [String] {
        ["--parsable", "--dependency=afterok:\(array)", "--kill-on-invalid-dep=yes", script]
    }

    /// What `govsim slurm --submit` and submit.sh print.
    func submittedText(array: String, merge: String) -> String {
        "shards job \(array) (array 1-\(shards)): \(shardFolder("<i>"))\n"
            + "merge job \(merge) (after every shard succeeds): \(mergedFolder)\n"
    }

    var submitScript: String {
        let array = Self.arraySubmission(path(Self.shardsFile)).map(shellWord).joined(separator: " ")
        let merge = Self.mergeSubmission(path(Self.mergeFile), after: "$array").map { $0 == "--dependency=afterok:$array" ? "\"\($0)\"" : shellWord($0) }
            .joined(separator: " ")
        return """
        #!/usr/bin/env bash
        # Written by govsim slurm: submits the \(shards) shards of \(scenarioInComment) as a Slurm job array,
        # then the merge as a job that starts only when every shard succeeded (and is cancelled
        # when one fails). Prints the two job ids. `govsim slurm --submit` does the same.
        set -euo pipefail
        array=$(sbatch \(array))
        array=${array%%;*}
        merge=$(sbatch \(merge))
        merge=${merge%%;*}
        echo "shards job $array (array 1-\(shards)): "\(shellWord(shardFolder("<i>")))
        echo "merge job $merge (after every shard succeeds): "\(shellWord(mergedFolder))

        """
    }
}

/// `text` as one shell word: unchanged when it needs no quoting, otherwise single-quoted.
func shellWord(_ text: String) -> String {
    let plain = !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_@%+=:,./-".contains($0)) }
    return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

extension SlurmCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, console: i.console) }
}
