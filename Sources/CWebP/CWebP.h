// libwebp's one-shot decoder (and encoder, used by the tests to make fixtures).
#include <webp/decode.h>
#include <webp/encode.h>
