// The store: schema, batches, round trips, search; and the build command's incremental
// behaviour and exit codes, through the built binary.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/document_json.h"
#include "ingest/reader.h"
#include "pipeline/pipeline.h"
#include "store/record_codec.h"
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

// Event records are stored in a binary form: every field fusion reads comes back, and a
// damaged blob is refused, never half-read.
TEST(Store, EventRecordsRoundTripInTheirBinaryForm) {
  Document doc = Analyzed(kArticle);
  ASSERT_FALSE(doc.events.empty());
  StoredDocument row = PrepareDocument(doc);
  ASSERT_EQ(row.events.size(), doc.events.size());
  EventRecord r;
  ASSERT_TRUE(DecodeEventRecord(row.events[0], &r));
  const EventMention& m = doc.events[0];
  EXPECT_EQ(r.doc, doc.id);
  EXPECT_EQ(r.index, 0);
  EXPECT_EQ(r.mention.cameo, m.cameo);
  EXPECT_EQ(r.mention.span.start, m.span.start);
  EXPECT_EQ(r.mention.span.end, m.span.end);
  EXPECT_EQ(r.mention.counts.size(), m.counts.size());
  EXPECT_EQ(r.mention.date, m.date);
  EXPECT_EQ(r.mention.modality, m.modality);
  ASSERT_GE(m.sentence, 0);
  EXPECT_EQ(r.sentence, std::string(doc.Text(doc.sentences[static_cast<size_t>(m.sentence)].span)));
  EXPECT_EQ(r.mention.place.text, m.place.text);

  // Every field, set to something unusual, survives the round trip.
  EventRecord full;
  full.doc = "d1";
  full.outlet = "Daily \"Quoted\" Post";
  full.published = "2023-03-04";
  full.index = 7;
  full.mention.span = {5, 90};
  full.mention.sentence = 2;
  full.mention.trigger = {10, 16};
  full.mention.cameo = "1952";
  full.mention.plover = "ASSAULT";
  full.mention.mode = "drone";
  full.mention.source = {EventArg{"the army", {0, 8}, 3}};
  full.mention.target = {EventArg{"rebels", {20, 26}, -1}, EventArg{"", {30, 31}, 4}};
  full.mention.place = EventArg{"Port Vasra", {40, 50}, 1};
  full.mention.timex = 0;
  full.mention.date = "2023-03-03";
  full.mention.counts = {Count{"killed", 3, 5, "range", {60, 70}}};
  full.mention.modality = Modality::kHedged;
  full.mention.attribution = 1;
  full.sentence = "The army struck rebels in Port Vasra \xE2\x80\x94 three to five died.";
  full.timex_text = "on Friday";
  full.timex_value = "2023-03-03";
  full.source_names = {EventRecord::NameRef{EntityType::kOrg, "army"}};
  full.target_names = {EventRecord::NameRef{}, EventRecord::NameRef{EntityType::kNorp, "rebels"}};
  full.place_name = EventRecord::NameRef{EntityType::kGpe, "Port Vasra"};
  full.attributed_to = "officials";
  full.sourcing = Sourcing::kAnonymous;
  full.trigger_text = "struck";
  full.sentence_start = 123456789012;
  std::string bytes = EncodeEventRecord(full);
  EventRecord back;
  ASSERT_TRUE(DecodeEventRecord(bytes, &back));
  EXPECT_EQ(back.outlet, full.outlet);
  EXPECT_EQ(back.index, 7);
  EXPECT_EQ(back.mention.trigger.end, 16u);
  EXPECT_EQ(back.mention.mode, "drone");
  ASSERT_EQ(back.mention.target.size(), 2u);
  EXPECT_EQ(back.mention.target[0].text, "rebels");
  EXPECT_EQ(back.mention.target[0].mention, -1);
  // An argument without text comes back empty, as the JSON form stored it.
  EXPECT_EQ(back.mention.target[1].mention, -1);
  EXPECT_EQ(back.mention.source[0].mention, 3);
  EXPECT_EQ(back.mention.place.span.end, 50u);
  ASSERT_EQ(back.mention.counts.size(), 1u);
  EXPECT_EQ(back.mention.counts[0].high, 5);
  EXPECT_EQ(back.mention.counts[0].qualifier, "range");
  EXPECT_EQ(back.mention.modality, Modality::kHedged);
  EXPECT_EQ(back.sentence, full.sentence);
  EXPECT_EQ(back.timex_value, "2023-03-03");
  ASSERT_EQ(back.target_names.size(), 2u);
  EXPECT_TRUE(back.target_names[0].text.empty());
  EXPECT_EQ(back.target_names[1].type, EntityType::kNorp);
  EXPECT_EQ(back.place_name.text, "Port Vasra");
  EXPECT_EQ(back.sourcing, Sourcing::kAnonymous);
  EXPECT_EQ(back.sentence_start, 123456789012);

  // Truncated at any byte, extended, or of another version: refused.
  for (size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(DecodeEventRecord(bytes.substr(0, n), &back)) << n;
  EXPECT_FALSE(DecodeEventRecord(bytes + "x", &back));
  std::string other = bytes;
  other[0] = 9;
  EXPECT_FALSE(DecodeEventRecord(other, &back));
}

TEST(RecordCodec, MentionsRoundTripAndDamageIsRefused) {
  std::string titles = "[\"General\"]";
  std::vector<StoredMention> in = {{"person", "Ana Ruiz", titles, ""}, {"place", "", "[]", ""},
                                   {"person", "Ruiz", "[]", "Ana Ruiz"}};
  std::string bytes = EncodeMentions(in);
  std::vector<StoredMention> back;
  ASSERT_TRUE(DecodeMentions(bytes, &back));
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0].text, "Ana Ruiz");
  EXPECT_EQ(back[0].titles, titles);
  EXPECT_EQ(back[1].type, "place");
  EXPECT_EQ(back[1].text, "");
  EXPECT_EQ(back[2].alias, "Ana Ruiz");
  ASSERT_TRUE(DecodeMentions(EncodeMentions({}), &back));
  EXPECT_TRUE(back.empty());
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_FALSE(DecodeMentions(bytes.substr(0, cut), &back)) << cut;
    EXPECT_TRUE(back.empty());
  }
  EXPECT_FALSE(DecodeMentions(bytes + "x", &back));
  std::string other = bytes;
  other[0] = 9;
  EXPECT_FALSE(DecodeMentions(other, &back));
}

// A version-2 store (JSON event records) still answers readers; building on it asks for a
// new store instead of misreading its records.
TEST(Store, OlderStoreIsReadableButNotBuiltOn) {
  TempDir dir;
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir.Path("old.db"), true, &store).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.Path("old.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE meta SET value='2' WHERE key='schema_version'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  std::unique_ptr<Store> store;
  EXPECT_TRUE(Store::Open(dir.Path("old.db"), false, &store).ok());
  store.reset();
  Status s = Store::Open(dir.Path("old.db"), true, &store);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("build a new store"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("old.db"), std::string::npos) << s.message();
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
