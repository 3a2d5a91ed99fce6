// The store: schema, batches, round trips, search; and the build command's incremental
// behaviour and exit codes, through the built binary.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/document_json.h"
#include "ingest/reader.h"
#include "pipeline/pipeline.h"
#include "store/store.h"
#include "shell.h"
#include "temp_dir.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

using dossier_test::TempDir;

struct CommandRun {
  int rc;
  std::string out;
};

// Runs `cmd` with its standard error merged into the output.
CommandRun Exec(const std::string& cmd) {
  CommandRun r{0, ""};
  r.rc = dossier_test::Shell(cmd + " 2>&1", &r.out);
  return r;
}

const char* kArticle =
    "Harbor blast kills three in Port Vasra\n\n"
    "Mar 4, 2023\n\n"
    "An explosion at the harbor of Port Vasra killed three workers on Friday, officials said.\n\n"
    "The port authority said the blast was caused by a gas leak.\n";

Document Analyzed(const std::string& text) {
  RawInput in;
  in.path = "mem.txt";
  in.bytes = text;
  Document doc;
  AnnotateOptions opt;
  EXPECT_TRUE(AnnotateInput(std::move(in), opt, &doc).ok());
  return doc;
}

TEST(Store, RoundTripsDocumentsAndSearchesSentences) {
  TempDir dir;
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir.Path("s.db"), true, &store).ok());
  Document doc = Analyzed(kArticle);
  ASSERT_FALSE(doc.sentences.empty());
  ASSERT_TRUE(store->AddDocuments({&doc}).ok());
  // Adding the same content again changes nothing.
  ASSERT_TRUE(store->AddDocuments({&doc}).ok());
  std::vector<DocRow> rows;
  ASSERT_TRUE(store->ListDocs(true, &rows).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, doc.id);
  EXPECT_EQ(rows[0].text, doc.text);

  Document back;
  ASSERT_TRUE(store->LoadDocument(doc.id, &back).ok());
  EXPECT_EQ(back.text, doc.text);
  EXPECT_EQ(back.sentences.size(), doc.sentences.size());
  EXPECT_EQ(back.blocks.size(), doc.blocks.size());
  EXPECT_EQ(back.entities.size(), doc.entities.size());
  EXPECT_EQ(back.timexes.size(), doc.timexes.size());
  EXPECT_EQ(back.events.size(), doc.events.size());
  EXPECT_EQ(DocumentToJson(back).dump(), DocumentToJson(doc).dump());

  auto hits = store->Search({"gas", "leak"}, 5);
  ASSERT_FALSE(hits.empty());
  EXPECT_NE(hits[0].text.find("gas leak"), std::string::npos);
  EXPECT_EQ(hits[0].doc, doc.id);
  // The hit's span indexes the stored clean text verbatim.
  EXPECT_EQ(doc.text.substr(hits[0].start, hits[0].end - hits[0].start), hits[0].text);
}

TEST(Store, RefusesFilesThatAreNotStores) {
  TempDir dir;
  dir.Write("notes.db", "this is a text file, not a database\n");
  std::unique_ptr<Store> store;
  Status s = Store::Open(dir.Path("notes.db"), false, &store);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("notes.db"), std::string::npos) << s.message();
  Status missing = Store::Open(dir.Path("absent.db"), false, &store);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("absent.db"), std::string::npos);
}

TEST(BuildCommand, IsIncrementalAndIdempotent) {
  TempDir dir;
  dir.Write("in/a.txt", kArticle);
  dir.Write("in/sub/b.txt", std::string(kArticle) + "\nA second report added a new detail.\n");
  dir.Write("in/copy-of-a.txt", kArticle);  // same content, other path: stored once
  std::string db = dir.Path("d.db");
  std::string bin = DOSSIER_BINARY;
  CommandRun first = Exec(bin + " build --db " + db + " " + dir.Path("in"));
  ASSERT_EQ(first.rc, 0) << first.out;
  EXPECT_NE(first.out.find("2 documents added"), std::string::npos) << first.out;
  CommandRun again = Exec(bin + " build --db " + db + " " + dir.Path("in"));
  ASSERT_EQ(again.rc, 0) << again.out;
  EXPECT_NE(again.out.find("0 documents added"), std::string::npos) << again.out;

  CommandRun docs = Exec(bin + " docs --json --text --db " + db + " 2>/dev/null");
  ASSERT_EQ(docs.rc, 0);
  auto j = nlohmann::json::parse(docs.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << docs.out;
  ASSERT_EQ(j["docs"].size(), 2u);
  for (const auto& d : j["docs"]) {
    for (const char* key : {"id", "path", "title", "outlet", "published", "kind", "text"})
      EXPECT_TRUE(d.contains(key)) << key;
    EXPECT_NE(d["text"].get<std::string>().find("gas leak"), std::string::npos);
  }
}

TEST(BuildCommand, BadFileIsNamedOthersAreStored) {
  TempDir dir;
  dir.Write("in/good.txt", kArticle);
  dir.Write("in/empty.txt", "");
  dir.Write("in/binary.bin", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16) + std::string(200, '\0'));
  std::string db = dir.Path("d.db");
  CommandRun r = Exec(std::string(DOSSIER_BINARY) + " build --db " + db + " " + dir.Path("in"));
  EXPECT_EQ(r.rc, 1) << r.out;
  EXPECT_NE(r.out.find("empty.txt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("binary.bin"), std::string::npos) << r.out;
  CommandRun docs = Exec(std::string(DOSSIER_BINARY) + " docs --json --db " + db + " 2>/dev/null");
  auto j = nlohmann::json::parse(docs.out, nullptr, false);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["docs"].size(), 1u);
}

TEST(BuildCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(Exec(std::string(DOSSIER_BINARY) + " build").rc, 2);
  EXPECT_EQ(Exec(std::string(DOSSIER_BINARY) + " frobnicate").rc, 2);
  EXPECT_EQ(Exec(std::string(DOSSIER_BINARY) + " docs --no-such-flag").rc, 2);
}

TEST(BuildCommand, MissingPathIsReported) {
  TempDir dir;
  CommandRun r = Exec(std::string(DOSSIER_BINARY) + " build --db " + dir.Path("d.db") + " " + dir.Path("nope"));
  EXPECT_EQ(r.rc, 1);
  EXPECT_NE(r.out.find("nope: no such file or directory"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST(ExportCommand, WritesEveryFormat) {
  TempDir dir;
  dir.Write("in/a.txt",
            "Drone strike kills four near Port Vasra\n\nMar 4, 2023\n\n"
            "A drone strike near Port Vasra killed four militia members on Friday, officials said.\n");
  std::string db = dir.Path("d.db");
  std::string bin = DOSSIER_BINARY;
  ASSERT_EQ(Exec(bin + " build --quiet --db " + db + " " + dir.Path("in")).rc, 0);
  CommandRun jsonl = Exec(bin + " export --format jsonl --db " + db + " 2>/dev/null");
  ASSERT_EQ(jsonl.rc, 0);
  size_t lines = 0, pos = 0;
  while ((pos = jsonl.out.find('\n', pos)) != std::string::npos) {
    ++lines;
    ++pos;
  }
  EXPECT_GT(lines, 0u);
  auto first = nlohmann::json::parse(jsonl.out.substr(0, jsonl.out.find('\n')), nullptr, false);
  ASSERT_TRUE(first.is_object());
  EXPECT_TRUE(first.contains("record"));
  CommandRun gdelt = Exec(bin + " export --format gdelt --db " + db + " 2>/dev/null");
  ASSERT_EQ(gdelt.rc, 0);
  EXPECT_EQ(gdelt.out.rfind("GLOBALEVENTID\tSQLDATE\t", 0), 0u) << gdelt.out.substr(0, 80);
  CommandRun plover = Exec(bin + " export --format plover --db " + db + " 2>/dev/null");
  ASSERT_EQ(plover.rc, 0);
  if (!plover.out.empty()) {
    auto ev = nlohmann::json::parse(plover.out.substr(0, plover.out.find('\n')), nullptr, false);
    ASSERT_TRUE(ev.is_object());
    EXPECT_TRUE(ev.contains("event_type"));
  }
  EXPECT_EQ(Exec(bin + " export --format csv --db " + db).rc, 2);
}

}  // namespace
}  // namespace dossier
