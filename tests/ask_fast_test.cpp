// The ask index's fast paths (store/ask_index.h) read less than the paths they replace; each
// must give what the slow one gives:
//  * AskIndex::Search: Store::Search's hits (same sentences, BM25 scores, order), with the
//    sentence lengths of ask_lengths and without them, ties included;
//  * AskIndex::LoadGroundingText: what grounding reads of the whole document;
//  * AskIndex::EventSlot / EventMentions (from ask_event_parts, or from the stored JSON
//    read in part): the parts of AskIndex::Event the answerer reads;
//  * AskIndex::LoadDocumentLayers for one sentence: that sentence's layers;
//  * answers with the search prefetched, and `dossier ask` on the index or not.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "ask/answer.h"
#include "ask/question.h"
#include "core/document_json.h"
#include "shell.h"
#include "store/ask_index.h"
#include "store/store.h"
#include "temp_dir.h"

namespace dossier {
namespace {

using nlohmann::json;

int RunCommand(const std::string& cmd, std::string* out = nullptr) { return dossier_test::Shell(cmd + " 2>&1", out); }

// A corpus whose documents repeat each other's sentences (so that many sentences score the
// same), in a store built by the dossier binary; and the examples corpus.
class AskFastTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new dossier_test::TempDir();
    const char* pool[] = {
        "Rebels attacked the northern garrison on Monday, killing 12 soldiers.",
        "The attack on the garrison was carried out by the Northern Front, officials said.",
        "At least 30 people were injured in the attacks, the health ministry said.",
        "Government forces launched strikes against rebel positions near Orlin.",
        "The strike killed the rebel commander Tomas Vell, according to the army.",
        "Talks between the government and the rebels began in Casper on Friday.",
        "The prime minister resigned because of the failed peace talks.",
        "Police arrested three men suspected of planning the attack.",
        "Residents said the explosion happened near the central market of Orlin.",
        "The rebels said the strikes were in retaliation for the arrests.",
        "Attacks.",
        "Attack attack attack on the garrison.",
        "The garrison was attacked again.",
        "Orlin.",
        "People were killed.",
    };
    for (int d = 0; d < 24; ++d) {
      std::string text = "Report " + std::to_string(d) + " from Orlin\n\n";
      for (int k = 0; k < 7; ++k) text += std::string(pool[(d * 5 + k * 3) % 15]) + " ";
      text += "\n\nThis report number " + std::to_string(d) + " was filed by a correspondent in Orlin.\n";
      dir_->Write("corpus/doc" + std::to_string(d) + ".txt", text);
    }
    repeated_ = dir_->Path("repeated.db");
    examples_ = dir_->Path("examples.db");
    std::string out;
    ASSERT_EQ(dossier_test::BuildStore(repeated_, dir_->Path("corpus"), &out), 0) << out;
    ASSERT_EQ(dossier_test::BuildStore(examples_, dossier_test::ExamplesCorpus(), &out), 0) << out;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::unique_ptr<Store> Open(const std::string& path) {
    std::unique_ptr<Store> s;
    EXPECT_TRUE(Store::Open(path, false, &s).ok()) << path;
    return s;
  }
  // A copy of `path` with `sql` run on it.
  static std::string Altered(const std::string& path, const std::string& name, const char* sql) {
    std::string copy = dir_->Path(name);
    std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing);
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
    return copy;
  }

  static dossier_test::TempDir* dir_;
  static std::string repeated_, examples_;
};

dossier_test::TempDir* AskFastTest::dir_ = nullptr;
std::string AskFastTest::repeated_;
std::string AskFastTest::examples_;

const std::vector<std::vector<std::string>> kTermLists = {
    {"attack"},
    {"attack", "attacks", "attacked"},  // one stem, three phrases
    {"Orlin"},
    {"garrison", "attack", "strike", "strikes", "killed", "people"},
    {"self-defense", "peace talks", "Northern Front"},  // phrases of several tokens
    {"because", "retaliation", "resigned", "prime", "minister"},
    {"Report", "report"},
    {"zzyzx"},
    {"\"quoted\"", "arrested"},
    {"Hamdawi", "strike", "killed", "drone", "Valdoria"},
    {"Qasr", "Amin", "why", "meet", "meeting"},
};

void ExpectSameHits(const std::vector<SentenceHit>& got, const std::vector<SentenceHit>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].doc, want[i].doc) << what << " #" << i;
    EXPECT_EQ(got[i].sentence, want[i].sentence) << what << " #" << i;
    EXPECT_EQ(got[i].start, want[i].start) << what << " #" << i;
    EXPECT_EQ(got[i].end, want[i].end) << what << " #" << i;
    EXPECT_EQ(got[i].text, want[i].text) << what << " #" << i;
    EXPECT_EQ(got[i].score, want[i].score) << what << " #" << i;  // the same doubles
    EXPECT_EQ(got[i].attributed_to, want[i].attributed_to) << what << " #" << i;
    EXPECT_EQ(got[i].sourcing, want[i].sourcing) << what << " #" << i;
    EXPECT_EQ(got[i].role, want[i].role) << what << " #" << i;
    EXPECT_EQ(got[i].outlet, want[i].outlet) << what << " #" << i;
    EXPECT_EQ(got[i].published, want[i].published) << what << " #" << i;
  }
}

TEST_F(AskFastTest, SearchGivesTheHitsOfStoreSearch) {
  // With ask_lengths, with it gone (lengths from FTS5's docsize table), with it covering
  // only some sentences (the others from the docsize table: a cut chunk, a lower last
  // sentence), and prefetched.
  std::string no_lengths = Altered(repeated_, "no_lengths.db", "DELETE FROM ask_lengths");
  std::string cut_lengths = Altered(repeated_, "cut_lengths.db", "UPDATE ask_lengths SET lens = substr(lens, 1, 40)");
  std::string fewer_lengths =
      Altered(examples_, "fewer_lengths.db", "UPDATE ask_meta SET value = '25' WHERE key = 'lengths_max'");
  // Sentences far apart (rowids in several blocks of 2^16, the same texts again): their
  // lengths from the docsize table.
  std::string spread = Altered(repeated_, "spread.db", R"sql(
      INSERT INTO sentence_rows(rowid, doc, idx, start, end, attributed_to, sourcing, role)
        SELECT rowid + k, doc, idx, start, end, attributed_to, sourcing, role FROM sentence_rows,
          (SELECT 70000 AS k UNION ALL SELECT 200000 UNION ALL SELECT 1000000) WHERE rowid < 70000;
      INSERT INTO sentences(rowid, text)
        SELECT r.rowid, CAST(substr(CAST(d.text AS BLOB), r.start + 1, r.end - r.start) AS TEXT)
        FROM sentence_rows r JOIN docs d ON d.id = r.doc WHERE r.rowid >= 70000;)sql");
  for (const std::string& path : {repeated_, no_lengths, cut_lengths, examples_, fewer_lengths, spread}) {
    std::unique_ptr<Store> store = Open(path);
    AskIndex index(store.get());
    for (const auto& terms : kTermLists)
      for (int limit : {1, 3, 7, 20, 80, 300}) {
        std::string what = path + " " + terms.front() + " limit " + std::to_string(limit);
        std::vector<SentenceHit> want = store->Search(terms, limit);
        ExpectSameHits(index.Search(terms, limit), want, what);
        AskIndex ahead(store.get());
        ahead.Prefetch(terms, limit);
        ExpectSameHits(ahead.Search(terms, limit), want, what + " prefetched");
      }
    // Ties: the cut falls among sentences of the same score (the repeated corpus).
    std::vector<SentenceHit> all = store->Search({"garrison"}, 1000);
    for (size_t k = 1; k < all.size(); ++k)
      if (all[k].score == all[k - 1].score) {
        ExpectSameHits(index.Search({"garrison"}, static_cast<int>(k)), store->Search({"garrison"}, static_cast<int>(k)),
                       path + " garrison tie at " + std::to_string(k));
        break;
      }
  }
  // A prefetched search asked with other terms runs again.
  std::unique_ptr<Store> store = Open(repeated_);
  AskIndex index(store.get());
  index.Prefetch({"attack"}, 5);
  ExpectSameHits(index.Search({"Orlin"}, 5), store->Search({"Orlin"}, 5), "other terms");
}

TEST_F(AskFastTest, SentenceRowsGroundAsTheDocument) {
  std::vector<std::string> stores = {repeated_, examples_};
  for (const std::string& path : stores) {
    std::unique_ptr<Store> store = Open(path);
    AskIndex index(store.get());
    std::vector<DocRow> rows;
    ASSERT_TRUE(store->ListDocs(false, &rows).ok());
    ASSERT_FALSE(rows.empty());
    for (const DocRow& r : rows) {
      Document doc;
      ASSERT_TRUE(store->LoadDocument(r.id, &doc).ok());
      ask::GroundingText want = ask::GroundingText::Of(doc);
      ask::GroundingText got;
      ASSERT_TRUE(index.LoadGroundingText(r.id, &got).ok()) << r.id;
      EXPECT_EQ(got.doc, nullptr);
      EXPECT_EQ(got.text, want.text);
      ASSERT_EQ(got.sentences.size(), want.sentences.size()) << r.id;
      for (size_t i = 0; i < want.sentences.size(); ++i) {
        const auto& g = got.sentences[i];
        const auto& w = want.sentences[i];
        EXPECT_EQ(g.start, w.start) << r.id << " sentence " << i;
        EXPECT_EQ(g.end, w.end) << r.id << " sentence " << i;
        EXPECT_EQ(g.sourcing, w.sourcing) << r.id << " sentence " << i;
        EXPECT_EQ(g.attributed_to, w.attributed_to) << r.id << " sentence " << i;
        // Grounding reads the role at the quote's place: the same all through a sentence.
        for (uint32_t off = w.start; off < w.end; ++off) EXPECT_EQ(g.role, doc.RoleAt(off)) << r.id << " @" << off;
      }
      for (uint32_t off = 0; off < doc.text.size(); off += 5) EXPECT_EQ(got.SentenceAt(off), doc.SentenceAt(off));
    }
    ask::GroundingText none;
    EXPECT_FALSE(index.LoadGroundingText("no such document", &none).ok());
  }
  // A store indexed before ask_docs: the caller reads the layers.
  std::string old = Altered(examples_, "no_docs.db", "DROP TABLE ask_docs");
  std::unique_ptr<Store> store = Open(old);
  AskIndex index(store.get());
  std::vector<DocRow> rows;
  ASSERT_TRUE(store->ListDocs(false, &rows).ok());
  ask::GroundingText g;
  EXPECT_FALSE(index.LoadGroundingText(rows.front().id, &g).ok());
}

// The members of the stored event that answering reads, from Event().
void ExpectSameEventPart(const json& got, const json& whole, const std::string& slot, const std::string& what) {
  if (!slot.empty()) {  // EventMentions() need give only the mentions
    for (const char* k : {"id", "date", "place"}) {
      EXPECT_EQ(got.value(k, json()), whole.value(k, json())) << what << " " << k;
    }
  }
  const json none = json::array();
  const json& want_slots = whole.contains("slots") ? whole["slots"] : json::object();
  const json& got_slots = got.contains("slots") ? got["slots"] : json::object();
  if (!slot.empty()) {
    EXPECT_EQ(got_slots.contains(slot), want_slots.contains(slot)) << what;
    if (want_slots.contains(slot)) {
      EXPECT_EQ(got_slots[slot], want_slots[slot]) << what;
    }
  }
  bool mentions = slot.empty() || ((slot == "date" || slot == "place") &&
                                   (!want_slots.contains(slot) || want_slots[slot].empty()));
  if (!mentions) return;
  const json& want = whole.contains("mentions") ? whole["mentions"] : none;
  ASSERT_TRUE(got.contains("mentions")) << what;
  ASSERT_EQ(got["mentions"].size(), want.size()) << what;
  for (size_t i = 0; i < want.size(); ++i)
    for (const char* k : {"doc", "text", "attributed_to", "sourcing"})
      EXPECT_EQ(got["mentions"][i].value(k, json()), want[i].value(k, json())) << what << " mention " << i << " " << k;
}

TEST_F(AskFastTest, EventPartsAreTheEventsParts) {
  // The examples' events are small: stored in parts here all of them, to compare.
  std::string parts = Altered(examples_, "parts.db", "DELETE FROM ask_event_parts");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(parts.c_str(), &db), SQLITE_OK);
    std::vector<std::pair<int64_t, int64_t>> all;
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT rank, seq FROM ask_facts ORDER BY rank", -1, &st, nullptr), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) all.emplace_back(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    ASSERT_FALSE(all.empty());
    ASSERT_EQ(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
    ASSERT_TRUE(AskIndex::BuildEventParts(db, all).ok());
    ASSERT_EQ(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  for (const std::string& path : {examples_, parts}) {
    std::unique_ptr<Store> store = Open(path);
    json events;
    ASSERT_TRUE(store->LoadEventsJson(&events).ok());
    ASSERT_FALSE(events.empty());
    AskIndex whole_index(store.get());
    for (const json& e : events) {
      std::string id = e.value("id", "");
      const json* whole = whole_index.Event(id);
      ASSERT_NE(whole, nullptr) << id;
      std::set<std::string> slots = {"date", "place", "killed", "source", "target", "no such slot"};
      const json event_slots = e.value("slots", json::object());
      for (const auto& [name, v] : event_slots.items()) slots.insert(name);
      for (const std::string& slot : slots) {
        AskIndex index(store.get());  // a fresh one: no whole event read before
        const json* got = index.EventSlot(id, slot);
        ASSERT_NE(got, nullptr) << path << " " << id << " " << slot;
        ExpectSameEventPart(*got, *whole, slot, path + " " + id + " " + slot);
      }
      AskIndex index(store.get());
      const json* got = index.EventMentions(id);
      ASSERT_NE(got, nullptr) << id;
      ExpectSameEventPart(*got, *whole, "", path + " " + id + " mentions");
    }
    AskIndex index(store.get());
    EXPECT_EQ(index.EventSlot("no such event", "date"), nullptr);
    EXPECT_EQ(index.EventMentions("no such event"), nullptr);
  }
}

TEST_F(AskFastTest, OneSentenceLayersAreThatSentencesLayers) {
  for (const std::string& path : {repeated_, examples_}) {
    std::unique_ptr<Store> store = Open(path);
    AskIndex index(store.get());
    std::vector<DocRow> rows;
    ASSERT_TRUE(store->ListDocs(false, &rows).ok());
    unsigned all = ask::DocumentSource::kEvents | ask::DocumentSource::kEntities | ask::DocumentSource::kTimexes;
    for (const DocRow& r : rows) {
      Document full;
      ASSERT_TRUE(store->LoadDocument(r.id, &full).ok());
      json fj = DocumentToJson(full);
      for (size_t si = 0; si < full.sentences.size(); ++si) {
        Document one;
        ASSERT_TRUE(index.LoadDocumentLayers(r.id, all, &one, static_cast<int>(si)).ok()) << r.id;
        EXPECT_EQ(one.text, full.text);
        ASSERT_EQ(one.sentences.size(), full.sentences.size());
        EXPECT_EQ(one.sentences[si].span.start, full.sentences[si].span.start);
        EXPECT_EQ(one.sentences[si].span.end, full.sentences[si].span.end);
        const Span span = full.sentences[si].span;
        // Its event mentions, as the whole document has them.
        json want_events = json::array(), got_events = json::array();
        for (const EventMention& e : full.events)
          if (e.sentence == static_cast<int>(si)) want_events.push_back(EventMentionToJson(full, e));
        for (const EventMention& e : one.events) got_events.push_back(EventMentionToJson(full, e));
        EXPECT_EQ(got_events, want_events) << r.id << " sentence " << si;
        // Entity mentions and time expressions: the same indices; those inside the sentence
        // (and those its event mentions name) as they are, the others outside every sentence.
        json oj = DocumentToJson(one);
        ASSERT_EQ(one.entities.size(), full.entities.size());
        ASSERT_EQ(one.timexes.size(), full.timexes.size());
        std::set<int> named;
        for (const EventMention& e : full.events)
          if (e.sentence == static_cast<int>(si)) {
            for (const auto* args : {&e.source, &e.target})
              for (const EventArg& a : *args) named.insert(a.mention);
            named.insert(e.place.mention);
          }
        for (size_t k = 0; k < full.entities.size(); ++k) {
          if (span.Contains(full.entities[k].span) || named.count(static_cast<int>(k))) {
            EXPECT_EQ(oj["entities"][k], fj["entities"][k]) << r.id << " entity " << k;
          } else {
            for (const Sentence& s : full.sentences) EXPECT_FALSE(s.span.Contains(one.entities[k].span));
          }
        }
        for (size_t k = 0; k < full.timexes.size(); ++k) {
          if (span.Contains(full.timexes[k].span)) {
            EXPECT_EQ(oj["timex"][k], fj["timex"][k]) << r.id << " timex " << k;
          } else {
            for (const Sentence& s : full.sentences) EXPECT_FALSE(s.span.Contains(one.timexes[k].span));
          }
        }
      }
    }
  }
}

const char* kQuestions[] = {
    "How many people were killed in the strike on Tariq al-Hamdawi?",
    "Who carried out the drone strike on al-Hamdawi?",
    "Why was Tariq al-Hamdawi in Qasr Amin?",
    "When was Tariq al-Hamdawi killed?",
    "How many people were killed?",
    "Who carried out the attack?",
    "Where did the explosion happen?",
    "What happened in Qasr Amin?",
    "What happened after the strike?",
    "Who is Nadia Bishara?",
    "Why did Valdoria kill him?",
    "Did Saraya al-Fajr retaliate?",
    "Who ordered the strike on Hamdawi?",
    "How many were wounded at Camp Halvard?",
    "Who was arrested?",
    "When did the talks begin?",
    "Why did the prime minister resign?",
    "Who attacked the garrison?",
    "Where did the explosion happen in Orlin?",
};

// Documents from the store; with an index, grounding and layers are read through it (as
// `dossier ask` does on a large store).
class Docs : public ask::DocumentSource {
 public:
  Docs(Store* store, AskIndex* index) : store_(store), index_(index) {}
  const Document* Get(const std::string& id) override {
    auto& slot = full_[id];
    if (!slot) {
      slot = std::make_unique<Document>();
      if (!store_->LoadDocument(id, slot.get()).ok()) slot.reset();
    }
    return slot.get();
  }
  const Document* GetLayers(const std::string& id, unsigned layers, int sentence) override {
    if (index_ == nullptr) return Get(id);
    if (!(layers & kEvents)) sentence = -1;
    auto& slot = partial_[std::to_string(layers | kGrounding) + "/" + std::to_string(sentence) + "/" + id];
    if (!slot) {
      slot = std::make_unique<Document>();
      if (!index_->LoadDocumentLayers(id, layers | kGrounding, slot.get(), sentence).ok()) return Get(id);
    }
    return slot.get();
  }
  const ask::GroundingText* GetGroundingText(const std::string& id) override {
    if (index_ == nullptr) return DocumentSource::GetGroundingText(id);
    auto& slot = grounding_[id];
    if (!slot) {
      slot = std::make_unique<ask::GroundingText>();
      if (!index_->LoadGroundingText(id, slot.get()).ok()) return DocumentSource::GetGroundingText(id);
    }
    return slot.get();
  }

 private:
  Store* store_;
  AskIndex* index_;
  std::unordered_map<std::string, std::unique_ptr<Document>> full_, partial_;
  std::unordered_map<std::string, std::unique_ptr<ask::GroundingText>> grounding_;
};

TEST_F(AskFastTest, AnswersOnTheIndexWithThePrefetchedSearchAreTheWholeDossiers) {
  for (const std::string& path : {examples_, repeated_}) {
    std::unique_ptr<Store> store = Open(path);
    ask::DossierView whole;
    ASSERT_TRUE(store->LoadEntitiesJson(&whole.entities).ok());
    ASSERT_TRUE(store->LoadEventsJson(&whole.events).ok());
    ASSERT_TRUE(store->LoadTimelineJson(&whole.timeline).ok());
    ASSERT_TRUE(store->LoadConflictsJson(&whole.conflicts).ok());
    std::vector<DocRow> rows;
    ASSERT_TRUE(store->ListDocs(false, &rows).ok());
    for (const DocRow& r : rows)
      whole.names[r.id] = r.outlet.empty() ? std::filesystem::path(r.path).filename().string() : r.outlet;
    for (const char* q : kQuestions) {
      Docs full_docs(store.get(), nullptr);
      json expected = ask::AnswerQuestion(q, whole, *store, &full_docs);
      AskIndex index(store.get());
      index.set_prefetch(true);
      ask::DossierView bounded;
      ASSERT_TRUE(index.LoadView(q, &bounded).ok()) << q;
      Docs light_docs(store.get(), &index);
      json got = ask::AnswerQuestion(q, bounded, index, &light_docs);
      EXPECT_EQ(got.dump(1), expected.dump(1)) << path << ": " << q;
      // Every quote shown is in its document's clean text.
      for (const json& a : got["answers"])
        for (const json& s : a["support"]) {
          Document d;
          ASSERT_TRUE(store->LoadDocument(s.value("doc", ""), &d).ok());
          EXPECT_NE(d.text.find(s.value("quote", "")), std::string::npos) << q;
        }
    }
  }
}

TEST_F(AskFastTest, AskOnTheIndexPrintsWhatAskOnTheWholeDossierPrints) {
  for (const std::string& path : {examples_, repeated_}) {
    for (const char* q : kQuestions) {
      std::string cmd = std::string(DOSSIER_BINARY) + " ask --json --db " + path + " " + dossier_test::ShellQuote(q);
      std::string on, off;
      ASSERT_EQ(RunCommand("DOSSIER_ASK_INDEX=always " + cmd, &on), 0) << on;
      ASSERT_EQ(RunCommand("DOSSIER_ASK_INDEX=never " + cmd, &off), 0) << off;
      EXPECT_EQ(on, off) << path << ": " << q;
      std::string inline_search;
      ASSERT_EQ(RunCommand("DOSSIER_ASK_INDEX=always DOSSIER_ASK_PREFETCH=0 " + cmd, &inline_search), 0);
      EXPECT_EQ(inline_search, off) << path << ": " << q;
    }
  }
}

}  // namespace
}  // namespace dossier
