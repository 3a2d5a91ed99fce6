// Records held in their stored form (store/stored_records.h): fusion must give the same
// events, conflicts and timeline whether a part's records are decoded at once or decoded as
// fusion reads them; and the codec's peek must agree with its full decode.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <algorithm>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/dossier_json.h"
#include "store/record_codec.h"
#include "store/statement.h"
#include "store/store.h"
#include "store/stored_records.h"
#include "examples_store.h"
#include "shell.h"
#include "temp_dir.h"

namespace dossier {
namespace {

// The store file opened read-only with SQLite itself, for its raw rows.
struct RawDb {
  explicit RawDb(const std::string& path) { sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr); }
  ~RawDb() { sqlite3_close(db); }
  sqlite3* db = nullptr;
};

// The examples corpus built once into a store by the dossier binary.
class StoredRecordsTest : public dossier_test::ExamplesStoreTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Store::Open(db_, false, &store_).ok());
    std::vector<MentionRecord> mentions;
    std::vector<std::string> doc_ids;
    ASSERT_TRUE(store_->MentionRecords(&mentions, &doc_ids).ok());
    resolution_ = ResolveEntities(mentions, std::move(doc_ids));
    ASSERT_TRUE(store_->EventParts(&parts_).ok());
    ASSERT_GT(parts_.size(), 3u);
  }

  // Every event, conflict and timeline candidate of `part`, as JSON lines, fused from
  // records held decoded (decoded_limit large) or stored (0).
  std::string FusePart(const std::string& part, size_t decoded_limit, bool* stored) {
    std::unique_ptr<PartRecords> records;
    EXPECT_TRUE(store_->EventRecords(resolution_, part, &records, 2, decoded_limit).ok());
    *stored = dynamic_cast<StoredRecords*>(records.get()) != nullptr;
    std::string out;
    FusedSoFar so_far;
    FusedEvents fused = FuseEvents(*records, resolution_, 2, &so_far,
                                   [&](std::vector<Event>& events, std::vector<Conflict>& conflicts) {
                                     for (const Event& e : events) out += EventToJson(e).dump() + "\n";
                                     for (const Conflict& c : conflicts) out += ConflictToJson(c).dump() + "\n";
                                     return Status::Ok();
                                   });
    EXPECT_TRUE(fused.status.ok());
    for (const TimelineEntry& t : so_far.timeline.Build()) out += TimelineEntryToJson(t).dump() + "\n";
    out += "mentions " + std::to_string(fused.stats.mentions) + " comparisons " +
           std::to_string(fused.stats.comparisons) + "\n";
    return out;
  }

  std::unique_ptr<Store> store_;
  Resolution resolution_;
  std::vector<std::string> parts_;
};

TEST_F(StoredRecordsTest, FusionGivesTheSameEventsFromStoredRecords) {
  size_t events = 0;
  for (const std::string& part : parts_) {
    bool stored_a = true, stored_b = false;
    std::string decoded = FusePart(part, Store::kDecodedRecordsLimit, &stored_a);
    std::string stored = FusePart(part, 0, &stored_b);
    EXPECT_FALSE(stored_a) << part;
    EXPECT_TRUE(stored_b) << part;
    EXPECT_EQ(decoded, stored) << part;
    events += static_cast<size_t>(std::count(decoded.begin(), decoded.end(), '\n'));
  }
  EXPECT_GT(events, 20u);
}

TEST_F(StoredRecordsTest, PeekAgreesWithDecodeAndDamageIsRefused) {
  RawDb raw(db_);
  store::Stmt q(raw.db, "SELECT record FROM event_records");
  ASSERT_TRUE(q.ok());
  size_t n = 0;
  while (q.Step() == SQLITE_ROW) {
    std::string bytes = q.Blob(0);
    EventRecord r;
    EventRecordText t;
    ASSERT_TRUE(DecodeEventRecord(bytes, &r));
    ASSERT_TRUE(PeekEventRecord(bytes, &t));
    EXPECT_EQ(t.doc, r.doc);
    EXPECT_EQ(t.index, r.index);
    EXPECT_EQ(t.sentence, r.sentence);
    // Every cut of the bytes that loses the sentence's end is refused by the peek, and
    // every cut at all by the full decode.
    for (size_t cut = 0; cut < bytes.size(); cut += 7) {
      std::string_view head(bytes.data(), cut);
      EventRecord rr;
      EXPECT_FALSE(DecodeEventRecord(head, &rr));
      EventRecordText tt;
      if (t.sentence.data() + t.sentence.size() > bytes.data() + cut) {
        EXPECT_FALSE(PeekEventRecord(head, &tt));
      }
    }
    ++n;
  }
  EXPECT_GT(n, 50u);
}

TEST_F(StoredRecordsTest, DamagedRecordIsLeftOutNotFused) {
  // A record whose first fields read but whose tail is cut: kept by Add, refused by Read,
  // and fusion goes on without it.
  RawDb raw(db_);
  store::Stmt q(raw.db, "SELECT record FROM event_records LIMIT 2");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q.Step(), SQLITE_ROW);
  std::string good = q.Blob(0);
  ASSERT_EQ(q.Step(), SQLITE_ROW);
  std::string other = q.Blob(0);
  StoredRecords records(resolution_);
  EventRecordText t;
  ASSERT_TRUE(PeekEventRecord(other, &t));
  size_t keep = static_cast<size_t>(t.sentence.data() + t.sentence.size() - other.data());
  ASSERT_LT(keep, other.size());
  EXPECT_TRUE(records.Add(good));
  EXPECT_TRUE(records.Add(std::string_view(other.data(), keep)));
  EXPECT_FALSE(records.Add("not a record"));
  records.Sort();
  ASSERT_EQ(records.size(), 2u);
  FusedSoFar so_far;
  FusedEvents fused = FuseEvents(records, resolution_, 1, &so_far,
                                 [](std::vector<Event>&, std::vector<Conflict>&) { return Status::Ok(); });
  EXPECT_TRUE(fused.status.ok());
  EXPECT_EQ(fused.stats.mentions, 1u);
  EXPECT_EQ(fused.stats.events, 1u);
}

}  // namespace
}  // namespace dossier
