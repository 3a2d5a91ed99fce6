// libFuzzer target: gzip input. Bytes that start with the gzip magic are fed as they are
// (corrupt, truncated, concatenated members, bombs against the small limit); other bytes are
// gzipped here first, whole and cut short, so the decoded content reaches the pipeline too.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.h"

namespace {

std::string Gzip(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(rc == Z_STREAM_END ? zs.total_out : 0);
  deflateEnd(&zs);
  return out;
}

void Run(std::string bytes) {
  dossier::RawInput in;
  if (!dossier::DecodeInput("fuzz.gz", std::move(bytes), "", dossier_fuzz::Limits(), &in).ok()) return;
  dossier_fuzz::Annotate(std::move(in));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
    Run(std::move(bytes));
    return 0;
  }
  std::string gz = Gzip(bytes);
  if (gz.empty()) return 0;
  Run(gz.substr(0, gz.size() / 2 + size % 7));  // truncated stream: must be an error
  Run(gz + gz);                                  // two members: decoded as one document
  return 0;
}
