import Foundation

/// Checks and normalises product photos uploaded from phones: one JPEG for the product page and
/// one thumbnail for lists, both upright and stripped of every piece of metadata.
///
/// `ProductPhoto.normalise(_:)` is the only entry point; it is synchronous, CPU-bound (about a
/// tenth of a second for a 12-megapixel phone photo) and safe to call from several threads at once.
public enum ProductPhoto {
    /// A normalised photo. Both images are baseline JPEG without EXIF, GPS, ICC or comment segments.
    public struct Normalised: Sendable, Hashable {
        /// The photo, longest side at most `ProductPhoto.fullSide` pixels.
        public let full: Data
        /// The thumbnail, longest side at most `ProductPhoto.thumbnailSide` pixels.
        public let thumbnail: Data
        public let width: Int
        public let height: Int
        public let thumbnailWidth: Int
        public let thumbnailHeight: Int
    }
}
