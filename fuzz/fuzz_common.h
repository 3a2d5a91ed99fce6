// Shared helpers for the libFuzzer targets in fuzz/*_fuzz.cpp: limits sized for fuzzing and
// the whole per-document pipeline run on each decoded input.
#ifndef DOSSIER_FUZZ_FUZZ_COMMON_H_
#define DOSSIER_FUZZ_FUZZ_COMMON_H_

#include <cstdlib>
#include <string>
#include <utility>

#include "ingest/reader.h"
#include "pipeline/pipeline.h"

namespace dossier_fuzz {

// Small limits keep each run fast and let the fuzzer reach the limit checks.
inline dossier::IngestLimits Limits() {
  dossier::IngestLimits l;
  l.max_document_bytes = 1u << 20;
  l.max_decompressed_bytes = 4u << 20;
  return l;
}

// Runs every per-document stage; the result is ignored, only crashes and sanitizer reports
// matter. Also checks invariants every stage must keep.
inline void Annotate(dossier::RawInput in) {
  dossier::Document doc;
  dossier::Status s = dossier::AnnotateInput(std::move(in), dossier::AnnotateOptions{}, &doc);
  if (!s.ok()) return;
  const uint32_t n = static_cast<uint32_t>(doc.text.size());
  auto check = [n](dossier::Span sp) {
    if (sp.start > sp.end || sp.end > n) std::abort();  // a span outside the clean text
  };
  for (const auto& b : doc.blocks) check(b.span);
  for (const auto& x : doc.sentences) check(x.span);
  for (const auto& x : doc.tokens) check(x.span);
  for (const auto& x : doc.entities) check(x.span);
  for (const auto& x : doc.timexes) check(x.span);
  for (const auto& x : doc.attributions) check(x.span);
  for (const auto& x : doc.events) check(x.span);
}

}  // namespace dossier_fuzz

#endif  // DOSSIER_FUZZ_FUZZ_COMMON_H_
