// Command-line behaviour on bad input (DESIGN.md "Errors"): a clear message on stderr naming
// the file, exit 1 for bad input, 2 for bad usage, and a bad file never stops the others.
// Runs the built `dossier` executable (DOSSIER_BINARY) with --db in a private temp folder.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "shell.h"
#include "temp_dir.h"
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

using dossier_test::TempDir;

using dossier_test::ShellQuote;

std::string ReadFile(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Result {
  int code = -1;
  std::string out, err;
};

// Runs `dossier ARGS...` (each argument quoted) with stdin from `stdin_file` (or /dev/null).
Result Dossier(const TempDir& tmp, const std::vector<std::string>& args,
               const std::string& stdin_file = "/dev/null") {
  std::string cmd = ShellQuote(DOSSIER_BINARY);
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  std::string out = tmp.path() + "/stdout", err = tmp.path() + "/stderr";
  cmd += " <" + ShellQuote(stdin_file) + " >" + ShellQuote(out) + " 2>" + ShellQuote(err);
  int rc = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + (WIFSIGNALED(rc) ? WTERMSIG(rc) : 0);
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

std::string BinaryBytes() {
  std::string b("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16);
  for (int i = 0; i < 4096; ++i) b += static_cast<char>((i * 131) % 7 == 0 ? 0 : (i * 7) & 0xFF);
  return b;
}

const char kGood1[] =
    "QASR AMIN, March 3 (CPA) - A Valdorian drone strike on a convoy near Qasr Amin "
    "International Airport killed militia commander Tariq al-Hamdawi and at least eight people "
    "early on Friday, Marazian security sources said.\n";
const char kGood2[] =
    "<html><head><title>Toll rises</title></head><body><p>The death toll from Friday's drone "
    "strike in Qasr Amin has risen to ten, the hospital director said on Tuesday.</p></body></html>";

TEST(CliBadInput, AnnotateBinaryFileExits1NamingTheFile) {
  TempDir tmp;
  std::string bin = tmp.Write("photo.txt", BinaryBytes());
  Result r = Dossier(tmp, {"annotate", bin});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find(bin), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("binary"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(CliBadInput, AnnotateMissingAndEmptyFilesExit1) {
  TempDir tmp;
  std::string missing = tmp.path() + "/no-such-page.html";
  Result r = Dossier(tmp, {"annotate", missing});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;

  std::string empty = tmp.Write("empty.txt", "");
  r = Dossier(tmp, {"annotate", empty});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find(empty), std::string::npos) << r.err;
}

TEST(CliBadInput, AnnotateBinaryOnStdinExits1) {
  TempDir tmp;
  std::string bin = tmp.Write("stdin.bin", BinaryBytes());
  Result r = Dossier(tmp, {"annotate", "-"}, bin);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("binary"), std::string::npos) << r.err;
}

TEST(CliBadInput, AnnotateGoodFilePrintsJson) {
  TempDir tmp;
  std::string good = tmp.Write("wire.txt", kGood1);
  Result r = Dossier(tmp, {"annotate", good});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.out;
  EXPECT_TRUE(j.contains("text"));
}

TEST(CliBadInput, UnknownFlagExits2) {
  TempDir tmp;
  std::string good = tmp.Write("wire.txt", kGood1);
  Result r = Dossier(tmp, {"annotate", "--no-such-flag", good});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_FALSE(r.err.empty());
  EXPECT_NE(r.err.find("no-such-flag"), std::string::npos) << r.err;

  r = Dossier(tmp, {"--frobnicate"});
  EXPECT_EQ(r.code, 2) << r.err;
  r = Dossier(tmp, {"no-such-command"});
  EXPECT_EQ(r.code, 2) << r.err;
  r = Dossier(tmp, {});
  EXPECT_EQ(r.code, 2) << r.err;
  r = Dossier(tmp, {"export", "--db", tmp.path() + "/x.db", "--format", "docx"});
  EXPECT_EQ(r.code, 2) << r.err;
}

TEST(CliBadInput, AnnotateWithoutFileIsUsageError) {
  TempDir tmp;
  Result r = Dossier(tmp, {"annotate"});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_FALSE(r.err.empty());
}

TEST(CliBadInput, AnnotateBadDctIsAnError) {
  TempDir tmp;
  std::string good = tmp.Write("wire.txt", kGood1);
  Result r = Dossier(tmp, {"annotate", "--dct", "last Tuesday", good});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("last Tuesday"), std::string::npos) << r.err;
}

TEST(CliBadInput, AnnotateBatchReportsBadLinesAndKeepsGoing) {
  TempDir tmp;
  nlohmann::json good = {{"id", "a"}, {"text", kGood1}, {"dct", "2023-03-03"}};
  nlohmann::json no_text = {{"id", "b"}, {"title", "no text"}};
  nlohmann::json binary = {{"id", "c"}, {"text", std::string(200, '\x01')}};
  nlohmann::json good2 = {{"id", 7}, {"text", kGood2}, {"format", "html"}};
  std::string in = tmp.Write("batch.jsonl", good.dump() + "\n" + "{oops\n" + no_text.dump() + "\n" +
                                                binary.dump() + "\n\n" + good2.dump() + "\n");
  Result r = Dossier(tmp, {"annotate", "--batch", "--threads", "2"}, in);
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<nlohmann::json> lines;
  std::istringstream ss(r.out);
  for (std::string line; std::getline(ss, line);) lines.push_back(nlohmann::json::parse(line, nullptr, false));
  ASSERT_EQ(lines.size(), 5u) << r.out;  // one output line per non-blank input line, in order
  EXPECT_EQ(lines[0]["id"], "a");
  EXPECT_FALSE(lines[0].contains("error")) << lines[0].dump();
  EXPECT_TRUE(lines[1].contains("error"));
  EXPECT_EQ(lines[2]["id"], "b");
  EXPECT_TRUE(lines[2].contains("error"));
  EXPECT_EQ(lines[3]["id"], "c");
  EXPECT_TRUE(lines[3].contains("error"));
  EXPECT_EQ(lines[4]["id"], 7);
  EXPECT_FALSE(lines[4].contains("error")) << lines[4].dump();
}

// `dossier build` of a folder with one bad file among good ones: exit 1, the bad file named
// on stderr, the good ones stored (listed by `dossier docs`).
TEST(CliBadInput, BuildStoresGoodFilesAndNamesTheBadOne) {
  TempDir tmp;
  std::string dir = tmp.path() + "/corpus";
  tmp.Write("corpus/01_wire.txt", kGood1);
  tmp.Write("corpus/02_update.html", kGood2);
  std::string bad = tmp.Write("corpus/03_broken.txt", BinaryBytes());
  tmp.Write("corpus/04_feed.jsonl",
           "{\"text\": \"Saraya al-Fajr vowed revenge for the strike in Qasr Amin.\", \"outlet\": "
           "\"Marazia Today\", \"published\": \"2023-03-03\"}\n{not json\n");
  std::string db = tmp.path() + "/dossier.db";

  Result r = Dossier(tmp, {"build", "--db", db, "--quiet", dir});
  if (r.err.find("not available yet") != std::string::npos)
    GTEST_SKIP() << "dossier build is not available yet";
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find(bad), std::string::npos) << "stderr must name the bad file: " << r.err;
  EXPECT_NE(r.err.find("04_feed.jsonl:2"), std::string::npos) << "stderr must name the bad record: " << r.err;

  Result d = Dossier(tmp, {"docs", "--db", db, "--json"});
  if (d.err.find("not available yet") != std::string::npos)
    GTEST_SKIP() << "dossier docs is not available yet";
  ASSERT_EQ(d.code, 0) << d.err;
  auto j = nlohmann::json::parse(d.out, nullptr, false);
  ASSERT_TRUE(j.is_object() && j.contains("docs")) << d.out;
  std::vector<std::string> names;
  for (const auto& doc : j["docs"]) names.push_back(fs::path(doc.value("path", "")).filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"01_wire.txt", "02_update.html", "04_feed.jsonl:1"}));

  // Re-running adds nothing new and does not corrupt the store.
  Result again = Dossier(tmp, {"build", "--db", db, "--quiet", dir});
  EXPECT_EQ(again.code, 1) << again.err;
  Result d2 = Dossier(tmp, {"docs", "--db", db, "--json"});
  ASSERT_EQ(d2.code, 0) << d2.err;
  auto j2 = nlohmann::json::parse(d2.out, nullptr, false);
  ASSERT_TRUE(j2.is_object() && j2.contains("docs")) << d2.out;
  EXPECT_EQ(j2["docs"].size(), 3u);
}

TEST(CliBadInput, BuildOfMissingPathExits1) {
  TempDir tmp;
  std::string good = tmp.Write("wire.txt", kGood1);
  std::string missing = tmp.path() + "/missing-folder";
  std::string db = tmp.path() + "/dossier.db";
  Result r = Dossier(tmp, {"build", "--db", db, "--quiet", good, missing});
  if (r.err.find("not available yet") != std::string::npos)
    GTEST_SKIP() << "dossier build is not available yet";
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
}

}  // namespace
