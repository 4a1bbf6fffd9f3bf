// png_check FILE WIDTH HEIGHT: exits 0 when FILE is a PNG of exactly that size whose pixels
// are not all one colour; otherwise prints why and exits 1. Used by the GUI tests.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: png_check FILE WIDTH HEIGHT\n");
    return 2;
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  unsigned char* pixels = stbi_load(argv[1], &width, &height, &channels, 4);
  if (pixels == nullptr) {
    std::fprintf(stderr, "png_check: cannot read %s: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  const int want_width = std::atoi(argv[2]);
  const int want_height = std::atoi(argv[3]);
  int status = 0;
  if (width != want_width || height != want_height) {
    std::fprintf(stderr, "png_check: %s is %dx%d, expected %dx%d\n", argv[1], width, height, want_width, want_height);
    status = 1;
  }
  long distinct_from_first = 0;
  const size_t count = static_cast<size_t>(width) * static_cast<size_t>(height);
  for (size_t i = 1; i < count; ++i) {
    if (std::memcmp(pixels + i * 4, pixels, 4) != 0) ++distinct_from_first;
  }
  if (distinct_from_first == 0) {
    std::fprintf(stderr, "png_check: %s is one flat colour\n", argv[1]);
    status = 1;
  }
  if (status == 0) std::printf("png_check: %s %dx%d, %ld pixels differ from the first\n", argv[1], width, height, distinct_from_first);
  stbi_image_free(pixels);
  return status;
}
