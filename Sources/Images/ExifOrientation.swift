/// EXIF tag 0x0112: how the stored pixels must be turned to show the picture upright. Phones store
/// the sensor's rows as they come and record the turn here instead of rotating the pixels.
///
/// Case names say what to do to the stored image (turns are clockwise), following the tag's
/// definition in CIPA DC-008 (Exif 2.32) §4.6.4, "Orientation".
enum ExifOrientation: Int, Sendable, CaseIterable {
    case normal = 1
    case mirrored = 2  // flip left–right
    case rotated180 = 3
    case flipped = 4  // flip top–bottom
    case transposed = 5  // flip left–right, then turn 270°
    case rotated90 = 6  // the usual portrait phone photo
    case transversed = 7  // flip left–right, then turn 90°
    case rotated270 = 8

    /// Whether showing the picture upright swaps its width and height.
    var swapsSides: Bool { rawValue >= 5 }
}
