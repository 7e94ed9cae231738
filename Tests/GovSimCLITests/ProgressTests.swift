import Foundation
import Synchronization
import XCTest
import GovSimCLI

final class ProgressBarTests: XCTestCase {
    func testNothingDoneShowsNoRate() {
        XCTAssertEqual(ProgressBar.render(done: 0, total: 1000, elapsedSeconds: 3, width: 20),
                       "[....................]     0/1000 trials")
    }

    func testNoElapsedTimeShowsNoRate() {
        XCTAssertEqual(ProgressBar.render(done: 5, total: 10, elapsedSeconds: 0, width: 10),
                       "[#####.....]   5/10 trials")
    }

    func testMidwayShowsRateAndETA() {
        XCTAssertEqual(ProgressBar.render(done: 412, total: 1000, elapsedSeconds: 4.96, width: 20),
                       "[########............]   412/1000 trials  83.1/s  ETA 7s")
        XCTAssertEqual(ProgressBar.render(done: 1, total: 100, elapsedSeconds: 1, width: 4),
                       "[....]    1/100 trials  1.0/s  ETA 1m39s")
    }

    func testFinishedShowsTimeTaken() {
        XCTAssertEqual(ProgressBar.render(done: 1000, total: 1000, elapsedSeconds: 125, width: 20),
                       "[####################]  1000/1000 trials  8.0/s  done in 2m05s")
    }

    func testZeroTotalAndOvershoot() {
        XCTAssertEqual(ProgressBar.render(done: 0, total: 0, elapsedSeconds: 0, width: 3), "[###]  0/0 trials")
        XCTAssertEqual(ProgressBar.render(done: 12, total: 10, elapsedSeconds: 0, width: 5), "[#####]  12/10 trials")
    }

    func testDurations() {
        XCTAssertEqual(ProgressBar.duration(7.2), "7s")
        XCTAssertEqual(ProgressBar.duration(59.6), "1m00s")
        XCTAssertEqual(ProgressBar.duration(65), "1m05s")
        XCTAssertEqual(ProgressBar.duration(7380), "2h03m")
        XCTAssertEqual(ProgressBar.duration(-3), "0s")
        XCTAssertEqual(ProgressBar.duration(.infinity), "0s")
    }
}

/// A clock the test moves by hand.
private final class TestClock: Sendable {
    private let time = Mutex(0.0)
    var now: Double { time.withLock { $0 } }
    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
}

/// Collects what the reporter writes.
private final class Sink: Sendable {
    private let chunks = Mutex<[String]>([])
    var written: [String] { chunks.withLock { $0 } }
    func write(_ text: String) { chunks.withLock { $0.append(text) } }
}

final class ProgressReporterTests: XCTestCase {
    private func reporter(total: Int, clock: TestClock, sink: Sink) -> ProgressReporter {
        ProgressReporter(total: total, barWidth: 4, write: { sink.write($0) }, now: { clock.now })
    }

    func testRedrawsAtMostEveryTenthOfASecond() {
        let clock = TestClock(), sink = Sink()
        let progress = reporter(total: 10, clock: clock, sink: sink)
        XCTAssertEqual(sink.written, [], "nothing before the first advance")
        progress.advance(by: 1)
        clock.advance(0.05)
        progress.advance(by: 1)
        clock.advance(0.04)
        progress.advance(by: 1)
        XCTAssertEqual(sink.written, ["\r[....]   1/10 trials"])
        clock.advance(0.06)
        progress.advance(by: 2)
        XCTAssertEqual(sink.written.last, "\r[##..]   5/10 trials  33.3/s  ETA 0s")
        XCTAssertEqual(sink.written.count, 2)
    }

    func testFinishDrawsOnceWithANewline() {
        let clock = TestClock(), sink = Sink()
        let progress = reporter(total: 4, clock: clock, sink: sink)
        clock.advance(2)
        progress.advance(by: 4)
        clock.advance(0.01)
        progress.finish()
        progress.finish()
        progress.advance(by: 1)
        XCTAssertEqual(sink.written, ["\r[####]  4/4 trials  2.0/s  done in 2s", "\r[####]  4/4 trials  2.0/s  done in 2s\n"])
    }

    func testShorterLinesCoverTheOldOne() {
        let clock = TestClock(), sink = Sink()
        let progress = reporter(total: 100, clock: clock, sink: sink)
        clock.advance(1)
        progress.advance(by: 1)   // ETA 1m39s
        clock.advance(98)
        progress.advance(by: 98)  // ETA 1s: two characters shorter
        let lines = sink.written
        XCTAssertEqual(lines[0], "\r[....]    1/100 trials  1.0/s  ETA 1m39s")
        XCTAssertEqual(lines[1], "\r[###.]   99/100 trials  1.0/s  ETA 1s   ")
    }

    func testAdvancesFromManyThreadsAreAllCounted() {
        let clock = TestClock(), sink = Sink()
        let progress = reporter(total: 1000, clock: clock, sink: sink)
        DispatchQueue.concurrentPerform(iterations: 1000) { _ in progress.advance(by: 1) }
        progress.finish()
        XCTAssertEqual(sink.written.last, "\r[####]  1000/1000 trials\n")
    }

    func testIsTerminal() {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        XCTAssertFalse(ProgressReporter.isTerminal(fds[0]))
        XCTAssertFalse(ProgressReporter.isTerminal(-1))
    }
}
