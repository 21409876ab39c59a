// libpng's simplified png_image_* API: it handles setjmp/longjmp inside, so errors come back as return values.
#include <png.h>

// PNG_FORMAT_RGBA is a compound macro that Swift cannot import; restate it as a constant.
static const png_uint_32 CPNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
