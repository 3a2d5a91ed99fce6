// libFuzzer target: bytes as a plain-text page (any encoding) through ingest and the pipeline.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::string charset;
  (void)dossier::ToUtf8(bytes, &charset);
  (void)dossier::LooksLikeHtml(bytes);
  (void)dossier::ContentId(bytes);
  dossier::RawInput in;
  if (!dossier::DecodeInput("fuzz.txt", std::move(bytes), "text", dossier_fuzz::Limits(), &in).ok())
    return 0;
  dossier_fuzz::Annotate(std::move(in));
  return 0;
}
