// libFuzzer target: bytes as a JSON Lines file read by ReadPath (records, bad lines, given
// metadata such as "published"), then every record through the pipeline.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz_common.h"

namespace {

std::string TempPath() {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/dossier_jsonl_fuzz_" +
         std::to_string(getpid()) + ".jsonl";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = TempPath();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  if (size > 0) std::fwrite(data, 1, size, f);
  std::fclose(f);
  std::vector<dossier::RawInput> inputs;
  std::vector<std::string> errors;
  dossier::Status s = dossier::ReadPath(path, dossier_fuzz::Limits(), &inputs, &errors);
  std::remove(path.c_str());
  if (!s.ok()) return 0;
  for (auto& in : inputs) dossier_fuzz::Annotate(std::move(in));
  return 0;
}
