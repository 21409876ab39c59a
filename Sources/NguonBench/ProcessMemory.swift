import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// This process's memory as Linux counts it, for benchmarks that must say what one phase
/// (an import, not the making of its input) held at its peak.
enum ProcessMemory {
    /// The resident high-water mark (VmHWM), in MiB; since the last `resetPeak()`, if any.
    static func peakMB() -> Double { BenchData.statusMB("VmHWM:") }

    static func residentMB() -> Double { BenchData.statusMB("VmRSS:") }

    /// The whole run's peak (getrusage's ru_maxrss), which no reset lowers, in MiB.
    static func lifetimePeakMB() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return (Double(usage.ru_maxrss) / 1024 * 10).rounded() / 10
    }

    /// Starts VmHWM again from the current resident size (writing 5 to /proc/self/clear_refs,
    /// Linux 4.0+), so the next peak is the next phase's own; `trimming` first gives freed heap
    /// back to the system. False when the kernel refused.
    @discardableResult
    static func resetPeak(trimming: Bool) -> Bool {
        if trimming { trim() }
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    /// glibc's malloc_trim, looked up by name (malloc.h is not in Swift's Glibc module): without
    /// it, memory the input generator freed stays resident and counts against the next phase.
    static func trim() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        #endif
    }
}

/// Samples this process's resident memory every few milliseconds on its own thread, keeping
/// the largest anonymous (heap, stacks) and file-backed (SQLite's memory-mapped database pages,
/// which the kernel can drop) figures seen: VmHWM counts both and cannot tell them apart.
final class MemorySampler: @unchecked Sendable {
    struct Peaks: Encodable, Sendable {
        let anonymousMB: Double
        let fileMB: Double
    }

    private let lock = NSLock()
    private var running = true
    private var anonymous = 0.0
    private var file = 0.0
    private let done = DispatchSemaphore(value: 0)

    init(every interval: TimeInterval = 0.01) {
        Thread { [self] in
            while lock.withLock({ running }) {
                let (a, f) = (BenchData.statusMB("RssAnon:"), BenchData.statusMB("RssFile:"))
                lock.withLock {
                    anonymous = max(anonymous, a)
                    file = max(file, f)
                }
                Thread.sleep(forTimeInterval: interval)
            }
            done.signal()
        }.start()
    }

    /// Stops sampling and returns the peaks.
    func stop() -> Peaks {
        lock.withLock { running = false }
        done.wait()
        return lock.withLock { Peaks(anonymousMB: anonymous, fileMB: file) }
    }
}
