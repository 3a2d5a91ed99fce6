#include "pipeline/pipeline.h"

#include <chrono>
#include <regex>

#include "attribution/attribution.h"
#include "clean/clean.h"
#include "entities/mentions.h"
#include "events/events.h"
#include "text/text.h"
#include "time/timex.h"

namespace dossier {
namespace {

class Stopwatch {
 public:
  explicit Stopwatch(int64_t* sink) : sink_(sink), start_(std::chrono::steady_clock::now()) {}
  ~Stopwatch() {
    if (sink_ != nullptr)
      *sink_ += std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::steady_clock::now() - start_).count();
  }

 private:
  int64_t* sink_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

bool ParseIsoDate(const std::string& s, PubDate* out) {
  static const std::regex kIso(R"((\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?(Z|[+-]\d{2}:?\d{2})?)");
  std::smatch m;
  if (!std::regex_match(s, m, kIso)) return false;
  PubDate d;
  d.value = m[1].str();
  d.precision = DatePrecision::kYear;
  if (m[2].matched) { d.value += "-" + m[2].str(); d.precision = DatePrecision::kMonth; }
  if (m[3].matched) { d.value += "-" + m[3].str(); d.precision = DatePrecision::kDay; }
  if (m[4].matched) { d.value += "T" + m[4].str() + ":" + m[5].str(); d.precision = DatePrecision::kMinute; }
  if (m[6].matched) { d.value += ":" + m[6].str(); d.precision = DatePrecision::kSecond; }
  if (m[7].matched) d.tz = m[7].str();
  d.evidence = s;
  *out = d;
  return true;
}

Status AnnotateInput(RawInput input, const AnnotateOptions& options, Document* doc,
                     StageTimes* times) {
  doc->id = options.content_id.empty() ? ContentId(input.bytes) : options.content_id;
  doc->path = input.path;
  doc->format = input.format;
  doc->charset = input.charset;
  doc->raw = std::move(input.bytes);
  doc->meta = input.given;
  // A date given by the container is taken as stated when it is ISO; otherwise the clean
  // stage reads it like any other date string.
  if (!doc->meta.published.value.empty()) {
    PubDate d;
    std::string given = doc->meta.published.value;
    if (ParseIsoDate(given, &d)) doc->meta.published = d;
    else doc->meta.published = PubDate{}, doc->meta.published.evidence = given;
  }
  if (!options.dct.empty()) {
    PubDate d;
    if (!ParseIsoDate(options.dct, &d)) return Status::Error("--dct is not an ISO date: " + options.dct);
    doc->meta.published = d;
  }
  {
    Stopwatch w(times ? &times->clean : nullptr);
    if (options.raw) {
      UseRawText(doc);
    } else {
      Status s = CleanDocument(doc);
      if (!s.ok()) return s;
    }
  }
  { Stopwatch w(times ? &times->text : nullptr); AnalyzeText(doc); }
  { Stopwatch w(times ? &times->entities : nullptr); FindEntities(doc); }
  { Stopwatch w(times ? &times->time : nullptr); TagTime(doc); }
  { Stopwatch w(times ? &times->attribution : nullptr); Attribute(doc); }
  { Stopwatch w(times ? &times->events : nullptr); CodeEvents(doc); }
  return Status::Ok();
}

}  // namespace dossier
