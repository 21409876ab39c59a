#if canImport(Glibc)
import Glibc
#endif

/// Process memory housekeeping.
enum Memory {
    #if canImport(Glibc)
    /// glibc's `malloc_trim`, looked up once: `malloc.h` is not part of Swift's Glibc module.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    /// Hands freed heap pages back to the system. glibc keeps what a large request freed (a 20 MB
    /// capture peaks at about ten times that) for reuse by the same arena, so without this the
    /// process stays at its high-water mark for good. Costs a few milliseconds; called after the
    /// rare large request only.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        _ = mallocTrim?(0)
        #endif
    }
}
