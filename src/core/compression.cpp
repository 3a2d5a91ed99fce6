#include "core/compression.h"

#include <libdeflate.h>

#include <algorithm>
#include <new>

namespace dossier {

namespace {

// One compressor and one decompressor per thread: libdeflate's may not be shared.
struct Codecs {
  libdeflate_compressor* compressor = nullptr;
  libdeflate_decompressor* decompressor = nullptr;
  ~Codecs() {
    libdeflate_free_compressor(compressor);
    libdeflate_free_decompressor(decompressor);
  }
};

Codecs& ThreadCodecs() {
  thread_local Codecs codecs;
  return codecs;
}

libdeflate_compressor* Compressor() {
  Codecs& c = ThreadCodecs();
  if (c.compressor == nullptr) c.compressor = libdeflate_alloc_compressor(1);  // the fastest level
  if (c.compressor == nullptr) throw std::bad_alloc();
  return c.compressor;
}

libdeflate_decompressor* Decompressor() {
  Codecs& c = ThreadCodecs();
  if (c.decompressor == nullptr) c.decompressor = libdeflate_alloc_decompressor();
  if (c.decompressor == nullptr) throw std::bad_alloc();
  return c.decompressor;
}

// Deflate's longest expansion: 258 bytes from a 2-bit code, so under 1,032 bytes out per
// byte in. A member's output is never larger than this bound of its input.
constexpr size_t kMaxRatio = 1032;

}  // namespace

void ZlibCompress(std::string_view in, std::string* out) {
  libdeflate_compressor* c = Compressor();
  size_t at = out->size();
  out->resize(at + libdeflate_zlib_compress_bound(c, in.size()));
  size_t n = libdeflate_zlib_compress(c, in.data(), in.size(), out->data() + at, out->size() - at);
  out->resize(at + n);  // n > 0: the bound always has room
}

bool ZlibInflate(const void* in, size_t n, size_t size, std::string* out) {
  if (size > n * kMaxRatio) return false;  // a damaged size: never allocated
  out->resize(size);
  size_t got = 0;
  return libdeflate_zlib_decompress(Decompressor(), in, n, out->data(), size, &got) == LIBDEFLATE_SUCCESS &&
         got == size;
}

Status Gunzip(std::string_view in, size_t limit, std::string* out) {
  libdeflate_decompressor* d = Decompressor();
  out->clear();
  // The trailer states the last member's size (mod 2^32): the first guess at the room needed.
  size_t stated = 0;
  if (in.size() >= 18) {
    const auto* t = reinterpret_cast<const unsigned char*>(in.data()) + in.size() - 4;
    stated = t[0] | (t[1] << 8) | (t[2] << 16) | (static_cast<size_t>(t[3]) << 24);
  }
  size_t pos = 0, have = 0;
  while (pos < in.size()) {
    size_t left = in.size() - pos;
    size_t cap = limit - have;  // what may still come: needing more is the bomb
    size_t room = std::min({std::max<size_t>(stated, 4 * left + (1 << 16)), left * kMaxRatio + (1 << 16), cap});
    while (true) {
      out->resize(have + room);
      size_t used = 0, got = 0;
      libdeflate_result rc =
          libdeflate_gzip_decompress_ex(d, in.data() + pos, left, out->data() + have, room, &used, &got);
      if (rc == LIBDEFLATE_SUCCESS) {
        have += got;
        pos += used;
        break;
      }
      if (rc == LIBDEFLATE_INSUFFICIENT_SPACE && room < cap) {
        room = std::min(2 * room, cap);
        continue;
      }
      out->clear();
      if (rc == LIBDEFLATE_INSUFFICIENT_SPACE)
        return Status::Error("gzip data expands beyond " + Megabytes(limit) + " (refusing a possible gzip bomb)");
      return Status::Error("truncated or corrupt gzip data");
    }
  }
  out->resize(have);
  return Status::Ok();
}

}  // namespace dossier
