import CPNG

/// libpng through its simplified `png_image_*` API, which catches libpng's longjmp errors itself.
enum LibPNG {
    /// Decodes `bytes` to 8-bit sRGB with alpha (palette, grey, 16-bit and tRNS all converted by libpng).
    static func decode(_ bytes: UnsafeRawBufferPointer, header: ImageHeader) throws(ImageError) -> Raster {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count) != 0 else {
            // On failure libpng has already freed its state; only the message is left.
            throw .corrupt(format: .png, detail: message(image))
        }
        guard Int(image.width) == header.width, Int(image.height) == header.height else {
            png_image_free(&image)
            throw .corrupt(format: .png, detail: "IHDR read twice with different sizes")
        }
        image.format = CPNG_FORMAT_RGBA
        // finish_read frees libpng's state whether it succeeds or not.
        let decoded = Raster.decoding(width: header.width, height: header.height, layout: .rgba) { pixels in
            png_image_finish_read(&image, nil, pixels.baseAddress, Int32(header.width * 4), nil) != 0
        }
        guard let raster = decoded else { throw .corrupt(format: .png, detail: message(image)) }
        return raster
    }

    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let text = raw.prefix { $0 != 0 }
            return text.isEmpty ? "unknown libpng error" : String(decoding: text, as: UTF8.self)
        }
    }
}
