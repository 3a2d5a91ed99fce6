// Every quote `dossier ask` prints is verbatim in its cited document's clean text.
//
// Builds the seed corpus (../shared/corpus/seeds) and the example corpus (examples/corpus)
// into a temporary store with the built binary (DOSSIER_BINARY), asks questions of every
// type, and looks each quote up in the text `docs --text --json` prints (after whitespace
// normalization, as the scorer compares). Skips a corpus that is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shell.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using dossier_test::ShellQuote;

// Runs `cmd`; its standard output goes to *out. True when it exits with 0.
bool Run(const std::string& cmd, std::string* out) { return dossier_test::Shell(cmd, out) == 0; }

std::string Squash(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

const std::vector<std::string>& Questions() {
  static const std::vector<std::string> q = {
      "When was Qassem Soleimani killed?",
      "How many people were killed in the strike that killed Soleimani?",
      "Who carried out the strike on Soleimani?",
      "Why did the United States kill Soleimani?",
      "Why was he in Baghdad?",
      "Where was he killed?",
      "Who succeeded him?",
      "When did Iran retaliate?",
      "How many were injured?",
      "Who was killed in the attack?",
      "What happened after the attack?",
      "Who is the minister?",
      "Why did the protesters gather?",
      "How many people died?",
      "Where did the explosion happen?",
  };
  return q;
}

void CheckCorpus(const fs::path& corpus) {
  fs::path tmp = fs::temp_directory_path() / ("ask_quotes_" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  std::string db = (tmp / "d.db").string();
  std::string bin = DOSSIER_BINARY;
  std::string files;
  for (const auto& e : fs::directory_iterator(corpus)) {
    std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name[0] == '.' || name == "META.json" || name == "GOLD.md" || name == "GOLD.json")
      continue;
    files += " " + ShellQuote(e.path().string());
  }
  std::string out;
  ASSERT_TRUE(Run(ShellQuote(bin) + " build --quiet --db " + ShellQuote(db) + files + " 2>/dev/null", &out)) << corpus;
  ASSERT_TRUE(Run(ShellQuote(bin) + " docs --text --json --db " + ShellQuote(db), &out));
  std::map<std::string, std::string> texts;
  const json listing = json::parse(out);
  for (const json& d : listing["docs"]) texts[d.value("id", "")] = Squash(d.value("text", ""));
  int quotes = 0;
  for (const std::string& q : Questions()) {
    ASSERT_TRUE(Run(ShellQuote(bin) + " ask --json --db " + ShellQuote(db) + " " + ShellQuote(q), &out)) << q;
    json a = json::parse(out);
    EXPECT_EQ(a.value("question", ""), q);
    EXPECT_TRUE(a["answers"].is_array());
    if (a["answers"].empty()) {
      EXPECT_TRUE(a.contains("note")) << q;
    }
    for (const json& ans : a["answers"]) {
      EXPECT_FALSE(ans["support"].empty()) << q;
      for (const json& s : ans["support"]) {
        std::string doc = s.value("doc", "");
        std::string quote = Squash(s.value("quote", ""));
        ASSERT_TRUE(texts.count(doc)) << q << ": unknown doc " << doc;
        EXPECT_FALSE(quote.empty()) << q;
        EXPECT_NE(texts[doc].find(quote), std::string::npos) << q << ": not verbatim in " << doc << ": " << quote;
        ++quotes;
      }
    }
  }
  EXPECT_GT(quotes, 0) << corpus;
  fs::remove_all(tmp);
}

TEST(AskQuotes, VerbatimInSeeds) {
  fs::path seeds = fs::path(DOSSIER_SOURCE_DIR) / ".." / "shared" / "corpus" / "seeds";
  if (!fs::exists(seeds)) GTEST_SKIP() << "no seed corpus at " << seeds;
  CheckCorpus(seeds);
}

TEST(AskQuotes, VerbatimInExamples) {
  fs::path ex = fs::path(DOSSIER_SOURCE_DIR) / "examples" / "corpus";
  if (!fs::exists(ex) || fs::is_empty(ex)) GTEST_SKIP() << "no example corpus at " << ex;
  CheckCorpus(ex);
}

}  // namespace
