import Foundation

/// Locates the project's `shared/` folder (conformance data, reference data): `$NGUON_SHARED` if
/// set, else `<package root>/../shared`, the package root being three levels above this file.
/// Tests that need it skip with a printed reason when it is absent; nothing from it is copied
/// into the repository.
public enum SharedFolder {
    public static let url: URL? = {
        if let env = ProcessInfo.processInfo.environment["NGUON_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // Resolve symlinks so a scratch package that links this folder still finds the repo's sibling.
        let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// The file or folder at `relative` inside shared/, or nil (after printing why) when missing.
    public static func file(_ relative: String) -> URL? {
        guard let base = url else { return nil }
        let f = base.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: f.path) { return f }
        print("SKIP: \(f.path) not found; set NGUON_SHARED to the shared/ folder to run these tests")
        return nil
    }

    public static func has(_ relative: String) -> Bool { file(relative) != nil }

    /// Every file under `relative` (recursively) whose name ends with `suffix`, sorted.
    public static func files(under relative: String, suffix: String) -> [URL] {
        guard let dir = file(relative),
              let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        var out: [URL] = []
        for case let u as URL in e where u.lastPathComponent.hasSuffix(suffix) { out.append(u) }
        return out.sorted { $0.path < $1.path }
    }
}
