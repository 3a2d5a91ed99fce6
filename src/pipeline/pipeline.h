// The per-document pipeline: clean, text, entities, time, attribution, events, in order.
// Each stage adds one layer to the Document.
#ifndef DOSSIER_PIPELINE_PIPELINE_H_
#define DOSSIER_PIPELINE_PIPELINE_H_

#include <string>

#include "core/document.h"
#include "core/status.h"
#include "ingest/reader.h"

namespace dossier {

struct AnnotateOptions {
  bool raw = false;          // no cleaning: the input is the text
  std::string dct;           // publication date to use (overrides what the page says)
  std::string content_id;    // ContentId() of the input when the caller has it already
};

// Per-stage wall time, summed over documents, in nanoseconds (for the benchmark report).
struct StageTimes {
  int64_t clean = 0, text = 0, entities = 0, time = 0, attribution = 0, events = 0;
};

// Builds a Document from a decoded input and runs every per-document stage on it.
// An error names the problem; the caller adds the path.
Status AnnotateInput(RawInput input, const AnnotateOptions& options, Document* doc,
                     StageTimes* times = nullptr);

// Parses a date given on the command line or in data ("2020-01-03", "2020-01-03T08:30",
// "2020-01") into a PubDate; false when it is not an ISO date.
bool ParseIsoDate(const std::string& s, PubDate* out);

}  // namespace dossier

#endif  // DOSSIER_PIPELINE_PIPELINE_H_
