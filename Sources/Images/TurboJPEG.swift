import CTurboJPEG

/// libjpeg-turbo through its TurboJPEG API (2.x `tj*` calls, as Debian 12's libturbojpeg0-dev
/// ships 2.1). Every call reports failure by return value, never by exit() or longjmp into Swift.
enum TurboJPEG {
    /// The library's message for the last failure on `handle`.
    static func message(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown TurboJPEG error" }
        return String(cString: text)
    }
}
