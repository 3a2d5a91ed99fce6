// libFuzzer target: bytes as an HTML page through ingest and the pipeline (HTML cleaning,
// metadata from meta tags, then every annotation stage).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  dossier::RawInput in;
  if (!dossier::DecodeInput("fuzz.html", std::move(bytes), "html", dossier_fuzz::Limits(), &in).ok())
    return 0;
  dossier_fuzz::Annotate(std::move(in));
  return 0;
}
