import CWebP

/// libwebp's one-shot decoder, writing straight into our buffer.
enum LibWebP {
    static func decode(_ bytes: UnsafeRawBufferPointer, header: ImageHeader) throws(ImageError) -> Raster {
        let input = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let decoded = Raster.decoding(width: header.width, height: header.height, layout: .rgba) { pixels in
            // The header's size was checked against the limits; the decoder checks the bitstream
            // matches this buffer and fails rather than writing past it.
            WebPDecodeRGBAInto(input, bytes.count, pixels.baseAddress, pixels.count, Int32(header.width * 4)) != nil
        }
        guard let raster = decoded else { throw .corrupt(format: .webp, detail: "WebPDecodeRGBAInto failed") }
        return raster
    }
}
