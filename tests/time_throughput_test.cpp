// Runs the time stage over the TempEval-3 development texts (read at run time from the shared
// folder; skipped when absent) and prints its throughput. Asserts only that expressions are
// found: the numbers are for the report, not a pass/fail criterion.
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text/text.h"
#include "time/timex.h"

namespace dossier {
namespace {

TEST(TimexThroughput, TempEvalTexts) {
  const std::string path =
      std::string(DOSSIER_SOURCE_DIR) + "/../shared/eval/tempeval3/tbaq-timebank.timex.withtext.jsonl";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no TempEval-3 data at " << path;
  std::vector<Document> docs;
  std::string line;
  size_t bytes = 0;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("text")) continue;
    Document d;
    d.text = j["text"].get<std::string>();
    d.meta.published.value = j.value("dct", "").substr(0, 10);
    d.blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(d.text.size())}});
    AnalyzeText(&d);
    bytes += d.text.size();
    docs.push_back(std::move(d));
  }
  ASSERT_FALSE(docs.empty());
  TagTime(&docs[0]);  // load the tables outside the timing
  const int kRounds = 5;
  size_t found = 0;
  // Process CPU time: the machine may be shared, and wall time would count the others.
  std::clock_t start = std::clock();
  for (int r = 0; r < kRounds; ++r) {
    for (Document& d : docs) {
      TagTime(&d);
      found += d.timexes.size();
    }
  }
  double secs = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  if (secs <= 0) secs = 1e-9;
  std::printf("time stage: %zu docs x %d in %.3f s CPU: %.0f docs/s, %.0f expressions/s, %.3f ms per 5 KB\n",
              docs.size(), kRounds, secs, docs.size() * kRounds / secs, found / secs,
              secs * 1000 / (static_cast<double>(bytes) * kRounds / 5000));
  EXPECT_GT(found, docs.size());
}

}  // namespace
}  // namespace dossier
