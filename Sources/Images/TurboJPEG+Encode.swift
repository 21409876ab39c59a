import CTurboJPEG
import Foundation

extension TurboJPEG {
    /// `raster` (RGB) as a baseline JPEG with 4:2:0 chroma, JFIF header only: no metadata is
    /// carried over from the upload, which is how the GPS position of a farmer's house stays private.
    static func encode(_ raster: Raster, quality: Int) throws(ImageError) -> Data {
        precondition(raster.layout == .rgb)
        guard let handle = tjInitCompress() else { throw .encodingFailed(detail: "tjInitCompress failed") }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = raster.pixels.withUnsafeBufferPointer { pixels in
            tjCompress2(handle, pixels.baseAddress, Int32(raster.width), 0, Int32(raster.height),
                        Int32(TJPF_RGB.rawValue), &output, &size, Int32(TJSAMP_420.rawValue), Int32(quality), 0)
        }
        defer { tjFree(output) }
        guard status == 0, let output else { throw .encodingFailed(detail: message(handle)) }
        return Data(bytes: output, count: Int(size))
    }
}
