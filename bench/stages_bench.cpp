// Micro-benchmarks of the per-document hot paths: boilerplate scan and structure (clean),
// sentence breaks and tokens (text), lexicon matching (entities), timex patterns (time),
// attribution and event coding. The article is synthetic (written here), about 5 KB.
//
// The attribution and events stages share each document's word view (events::DocumentWords,
// kept per thread for the last document): attribution makes it, events finds it made. So
// BM_Attribution alternates two documents, as the pipeline sees a new one each time, and
// BM_Events measures events alone, after attribution, as in the pipeline.
#include <benchmark/benchmark.h>

#include <string>

#include "attribution/attribution.h"
#include "clean/clean.h"
#include "entities/mentions.h"
#include "events/events.h"
#include "events/lexicon.h"
#include "ingest/reader.h"
#include "pipeline/pipeline.h"
#include "text/text.h"
#include "time/timex.h"

namespace dossier {
namespace {

// `variant` 1 is the same article with another day and place, so that its words differ.
std::string Article(int variant = 0) {
  std::string page =
      "Cookies on the Northern Ledger website\n\nWe use cookies to give you the best experience. "
      "Accept all\n\nHome | World | Politics | Business\n\n"
      "Militia commander killed in drone strike near Port Vasra\n\nMar 4, 2023, 09:15 GMT\n\n";
  const char* paragraphs[] = {
      "A drone strike near the international airport of Port Vasra killed militia commander "
      "Rashid al-Qahtani and four of his guards on Friday, two security officials said, "
      "speaking on condition of anonymity because they were not authorized to brief reporters.",
      "The Ministry of Interior of Doravia confirmed the attack in a statement on Saturday and "
      "said at least eight people had died, including a driver and two bystanders.",
      "Gen. Tomas Verlaine, the head of the northern command, told the Coastal News Agency that "
      "the convoy had arrived from the border region a day earlier.",
      "Advertisement",
      "In mid-February, the Free Coast Brigades (FCB) threatened to strike government bases if "
      "their leaders were targeted, and a spokesman vowed revenge on Sunday.",
      "Prime Minister Elena Marsh was due to meet the commander on Monday, according to her "
      "office, which denied any involvement in the strike.",
      "Rockets hit a base in the capital last week, injuring more than 20 soldiers, officials "
      "said. The attack was likely carried out by the same group, analysts said.",
  };
  for (int round = 0; round < 3; ++round)
    for (const char* p : paragraphs) page += std::string(p) + "\n\n";
  page += "Read more on: world | doravia\n\nNext Article\n";
  if (variant == 1) {
    for (size_t at = page.find("Friday"); at != std::string::npos; at = page.find("Friday", at))
      page.replace(at, 6, "Sunday");
    for (size_t at = page.find("Vasra"); at != std::string::npos; at = page.find("Vasra", at))
      page.replace(at, 5, "Kerra");
  }
  return page;
}

Document Prepared(bool through_entities, bool through_time, bool through_attribution,
                  int variant = 0) {
  RawInput in;
  in.path = "bench";
  in.bytes = Article(variant);
  Document doc;
  doc.raw = in.bytes;
  doc.meta.published.value = "2023-03-04";
  doc.meta.published.precision = DatePrecision::kDay;
  CleanDocument(&doc);
  AnalyzeText(&doc);
  if (through_entities) FindEntities(&doc);
  if (through_time) TagTime(&doc);
  if (through_attribution) Attribute(&doc);
  return doc;
}

void BM_Clean(benchmark::State& state) {
  std::string raw = Article();
  for (auto _ : state) {
    Document doc;
    doc.raw = raw;
    CleanDocument(&doc);
    benchmark::DoNotOptimize(doc.text.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(raw.size()));
}
BENCHMARK(BM_Clean);

void BM_Sentences(benchmark::State& state) {
  Document base = Prepared(false, false, false);
  for (auto _ : state) {
    AnalyzeText(&base);
    benchmark::DoNotOptimize(base.sentences.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(base.text.size()));
}
BENCHMARK(BM_Sentences);

void BM_Entities(benchmark::State& state) {
  Document base = Prepared(false, false, false);
  for (auto _ : state) {
    base.entities.clear();
    FindEntities(&base);
    benchmark::DoNotOptimize(base.entities.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(base.text.size()));
}
BENCHMARK(BM_Entities);

void BM_Timex(benchmark::State& state) {
  Document base = Prepared(true, false, false);
  for (auto _ : state) {
    base.timexes.clear();
    TagTime(&base);
    benchmark::DoNotOptimize(base.timexes.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(base.text.size()));
}
BENCHMARK(BM_Timex);

void BM_Attribution(benchmark::State& state) {
  Document docs[2] = {Prepared(true, true, false, 0), Prepared(true, true, false, 1)};
  int64_t bytes = 0;
  int k = 0;
  for (auto _ : state) {
    Document& base = docs[k ^= 1];  // another document: its words are made again
    base.attributions.clear();
    Attribute(&base);
    benchmark::DoNotOptimize(base.attributions.data());
    bytes += static_cast<int64_t>(base.text.size());
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_Attribution);

void BM_DocumentWords(benchmark::State& state) {
  Document docs[2] = {Prepared(false, false, false, 0), Prepared(false, false, false, 1)};
  int64_t bytes = 0;
  int k = 0;
  for (auto _ : state) {
    const Document& base = docs[k ^= 1];
    benchmark::DoNotOptimize(events::DocumentWords(base).data());
    bytes += static_cast<int64_t>(base.text.size());
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_DocumentWords);

void BM_Events(benchmark::State& state) {
  Document base = Prepared(true, true, true);
  for (auto _ : state) {
    base.events.clear();
    CodeEvents(&base);
    benchmark::DoNotOptimize(base.events.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(base.text.size()));
}
BENCHMARK(BM_Events);

void BM_WholeDocument(benchmark::State& state) {
  std::string raw = Article();
  for (auto _ : state) {
    RawInput in;
    in.path = "bench";
    in.bytes = raw;
    AnnotateOptions opt;
    opt.dct = "2023-03-04";
    Document doc;
    AnnotateInput(std::move(in), opt, &doc);
    benchmark::DoNotOptimize(doc.events.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(raw.size()));
}
BENCHMARK(BM_WholeDocument);

}  // namespace
}  // namespace dossier
