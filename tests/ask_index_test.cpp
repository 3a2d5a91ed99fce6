// The ask index of the store (store/ask_index.h): the bounded view a question loads must
// give the answers the whole dossier gives; and the ask-side pieces it relies on (entities
// fetched on demand, matching over event facts).
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "ask/answer.h"
#include "ask/match.h"
#include "ask/question.h"
#include "core/document_json.h"
#include "store/ask_index.h"
#include "store/store.h"
#include "examples_store.h"
#include "shell.h"
#include "temp_dir.h"

namespace dossier {
namespace {

using nlohmann::json;

// Runs `cmd` with its standard error merged into *out.
int RunCommand(const std::string& cmd, std::string* out = nullptr) { return dossier_test::Shell(cmd + " 2>&1", out); }

// Documents from the store; grounding reads go through the ask index when one is given
// (as `dossier ask` does on a large store).
class Docs : public ask::DocumentSource {
 public:
  Docs(Store* store, AskIndex* index) : store_(store), index_(index) {}
  const Document* Get(const std::string& id) override {
    auto it = full_.find(id);
    if (it != full_.end()) return it->second.get();
    auto doc = std::make_unique<Document>();
    if (!store_->LoadDocument(id, doc.get()).ok()) doc.reset();
    return full_.emplace(id, std::move(doc)).first->second.get();
  }
  const Document* GetLayers(const std::string& id, unsigned layers, int sentence) override {
    if (index_ == nullptr) return Get(id);
    auto& slot = partial_[std::to_string(layers) + "/" + std::to_string(sentence) + "/" + id];
    if (!slot) {
      slot = std::make_unique<Document>();
      if (!index_->LoadDocumentLayers(id, layers, slot.get(), sentence).ok()) return Get(id);
    }
    return slot.get();
  }

 private:
  Store* store_;
  AskIndex* index_;
  std::unordered_map<std::string, std::unique_ptr<Document>> full_, partial_;
};

// The examples corpus built once into a store by the dossier binary.
class AskIndexTest : public dossier_test::ExamplesStoreTest {
 protected:
  void SetUp() override { ASSERT_TRUE(Store::Open(db_, false, &store_).ok()); }

  ask::DossierView Whole() {
    ask::DossierView v;
    EXPECT_TRUE(store_->LoadEntitiesJson(&v.entities).ok());
    EXPECT_TRUE(store_->LoadEventsJson(&v.events).ok());
    EXPECT_TRUE(store_->LoadTimelineJson(&v.timeline).ok());
    EXPECT_TRUE(store_->LoadConflictsJson(&v.conflicts).ok());
    std::vector<DocRow> rows;
    EXPECT_TRUE(store_->ListDocs(false, &rows).ok());
    for (const DocRow& r : rows)
      v.names[r.id] = r.outlet.empty() ? std::filesystem::path(r.path).filename().string() : r.outlet;
    return v;
  }

  std::unique_ptr<Store> store_;
};

const char* kQuestions[] = {
    "How many people were killed in the strike on Tariq al-Hamdawi?",
    "Who carried out the drone strike on al-Hamdawi?",
    "Why was Tariq al-Hamdawi in Qasr Amin?",
    "When was Tariq al-Hamdawi killed?",
    "When did the rocket attack that killed a Valdorian contractor happen?",
    "How many people were killed?",
    "Who carried out the attack?",
    "Where did the explosion happen?",
    "What happened in Qasr Amin?",
    "What happened after the strike?",
    "What happened before the strike on Hamdawi?",
    "What happened?",
    "Who is Nadia Bishara?",
    "Why did Valdoria kill him?",
    "When was he killed?",
    "Who killed him?",
    "Did Saraya al-Fajr retaliate?",
    "Why did the Dawn Brigades attack Camp Halvard?",
    "How many missiles were fired?",
    "Who ordered the strike on Hamdawi?",
    "How many were wounded at Camp Halvard?",
    "When was Hamdaoui killed?",
};

TEST_F(AskIndexTest, IndexIsWrittenWithTheDossier) {
  AskIndex index(store_.get());
  ASSERT_TRUE(index.Usable());
  json events;
  ASSERT_TRUE(store_->LoadEventsJson(&events).ok());
  EXPECT_EQ(index.EventCount(), static_cast<int64_t>(events.size()));
  EXPECT_GT(index.EventCount(), 0);
}

TEST_F(AskIndexTest, BoundedViewAnswersAsTheWholeDossier) {
  ask::DossierView whole = Whole();
  AskIndex index(store_.get());
  for (const char* q : kQuestions) {
    Docs full_docs(store_.get(), nullptr);
    json expected = ask::AnswerQuestion(q, whole, *store_, &full_docs);
    ask::DossierView bounded;
    ASSERT_TRUE(index.LoadView(q, &bounded).ok()) << q;
    EXPECT_TRUE(bounded.events.empty());
    EXPECT_LT(bounded.event_facts.size() + bounded.entities.size(), whole.events.size() + whole.entities.size()) << q;
    Docs light_docs(store_.get(), &index);
    json got = ask::AnswerQuestion(q, bounded, *store_, &light_docs);
    EXPECT_EQ(got.dump(1), expected.dump(1)) << q;
  }
}

TEST_F(AskIndexTest, FindsEntitiesByAliasAndSpellingAndTheirEvents) {
  AskIndex index(store_.get());
  // "al-Hamdawi" is an alias, "Hamdaoui" a spelling no document uses (same name keys).
  for (const char* q : {"Who carried out the drone strike on al-Hamdawi?", "When was Hamdaoui killed?"}) {
    ask::DossierView v;
    ASSERT_TRUE(index.LoadView(q, &v).ok());
    bool entity = false;
    for (const json& e : v.entities) entity = entity || e.value("name", "") == "Tariq al-Hamdawi";
    EXPECT_TRUE(entity) << q;
    bool event = false;  // the strike that killed him
    for (const ask::EventFacts& f : v.event_facts)
      for (const std::string& t : f.target) event = event || t == "Tariq al-Hamdawi";
    EXPECT_TRUE(event) << q;
  }
}

// Every entity fetched by name is its stored JSON without "docs" and "merges" (as SQLite's
// json_remove() gives it), also when the stored JSON is not in the form the store writes (a
// key with an escape: removed by SQLite then).
TEST_F(AskIndexTest, EntitiesNamedAreTheStoredEntitiesWithoutDocuments) {
  std::string odd = dir_->Path("odd_entity.db");
  std::filesystem::copy_file(db_, odd, std::filesystem::copy_options::overwrite_existing);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(odd.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE entities SET json = json_set(json, '$.\"x\\u0041\"', 1) WHERE seq = 1", nullptr,
                           nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  for (const std::string& path : {db_, odd}) {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(path, false, &store).ok());
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT seq, json, json_remove(json, '$.docs', '$.merges') FROM entities", -1, &st,
                                 nullptr),
              SQLITE_OK);
    AskIndex index(store.get());
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
      int64_t seq = sqlite3_column_int64(st, 0);
      json stored = json::parse(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
      json want = json::parse(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)));
      want["_seq"] = seq;
      bool found = false;
      for (const json& e : index.EntitiesNamed(stored.value("name", "")))
        if (e.value("_seq", int64_t{-1}) == seq) {
          found = true;
          EXPECT_EQ(e, want) << path << " entity " << seq;
          EXPECT_FALSE(e.contains("docs"));
        }
      EXPECT_TRUE(found) << path << " entity " << seq;
      ++n;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    EXPECT_GT(n, 5);
  }
}

TEST_F(AskIndexTest, FindsEventsByFamilyWord) {
  // No names: the events come by the family of "attacked" and by stored order; the best
  // one reading every event is among them.
  ask::DossierView whole = Whole();
  AskIndex index(store_.get());
  const char* q = "When was the camp attacked?";
  ask::DossierView v;
  ASSERT_TRUE(index.LoadView(q, &v).ok());
  ASSERT_FALSE(v.event_facts.empty());
  std::vector<ask::EventFacts> all;
  for (const json& e : whole.events) all.push_back(ask::FactsOf(e));
  ask::Question qq = ask::AnalyzeQuestion(q);
  ask::EntityIndex wi(whole.entities);
  std::vector<ask::EventMatch> best = ask::MatchEvents(qq, ask::ResolveQuestionEntities(qq, wi), wi, all);
  ASSERT_FALSE(best.empty());
  EXPECT_TRUE(best.front().family);
  bool found = false;
  for (const ask::EventFacts& f : v.event_facts) found = found || f.id == best.front().facts->id;
  EXPECT_TRUE(found) << best.front().facts->id;
}

TEST_F(AskIndexTest, StoredFactsAreTheFactsOfTheEvents) {
  ask::DossierView whole = Whole();
  AskIndex index(store_.get());
  ask::DossierView v;
  ASSERT_TRUE(index.LoadView("What happened in Qasr Amin?", &v).ok());
  ASSERT_FALSE(v.event_facts.empty());
  std::unordered_map<std::string, ask::EventFacts> by_id;
  for (const json& e : whole.events) by_id[e.value("id", "")] = ask::FactsOf(e);
  for (const ask::EventFacts& f : v.event_facts) {
    ASSERT_TRUE(by_id.count(f.id)) << f.id;
    const ask::EventFacts& w = by_id[f.id];
    EXPECT_EQ(f.cameo, w.cameo);
    EXPECT_EQ(f.place, w.place);
    EXPECT_EQ(f.date, w.date);
    EXPECT_EQ(f.source, w.source);
    EXPECT_EQ(f.target, w.target);
    EXPECT_EQ(std::set<std::string>(f.texts.begin(), f.texts.end()),
              std::set<std::string>(w.texts.begin(), w.texts.end()));
    EXPECT_EQ(f.docs, w.docs);
    EXPECT_EQ(f.mentions, w.mentions);
    EXPECT_EQ(f.asserted, w.asserted);
    const json* full = index.Event(f.id);
    ASSERT_NE(full, nullptr);
    EXPECT_EQ(full->value("id", ""), f.id);
  }
}

TEST_F(AskIndexTest, DocumentsLoadedInPartHoldTheirLayers) {
  AskIndex index(store_.get());
  std::vector<DocRow> rows;
  ASSERT_TRUE(store_->ListDocs(false, &rows).ok());
  ASSERT_FALSE(rows.empty());
  for (const DocRow& r : rows) {
    Document full, light, rest;
    ASSERT_TRUE(store_->LoadDocument(r.id, &full).ok());
    ASSERT_TRUE(index.LoadDocumentLayers(r.id, ask::DocumentSource::kGrounding, &light).ok()) << r.id;
    EXPECT_TRUE(light.events.empty() && light.entities.empty() && light.timexes.empty());
    unsigned all = ask::DocumentSource::kEvents | ask::DocumentSource::kEntities | ask::DocumentSource::kTimexes;
    ASSERT_TRUE(index.LoadDocumentLayers(r.id, all, &rest).ok()) << r.id;
    json fj = DocumentToJson(full), rj = DocumentToJson(rest);
    for (const char* layer : {"events", "entities", "timex", "sentences"})
      EXPECT_EQ(rj[layer], fj[layer]) << r.id << " " << layer;
    // The event mentions of one sentence.
    for (size_t si = 0; si < full.sentences.size(); ++si) {
      Document one;
      ASSERT_TRUE(index.LoadDocumentLayers(r.id, ask::DocumentSource::kEvents, &one, static_cast<int>(si)).ok());
      std::vector<int> want, got;
      for (size_t k = 0; k < full.events.size(); ++k)
        if (full.events[k].sentence == static_cast<int>(si)) want.push_back(full.events[k].span.start);
      for (const EventMention& e : one.events) {
        EXPECT_EQ(e.sentence, static_cast<int>(si));
        got.push_back(e.span.start);
      }
      EXPECT_EQ(got, want) << r.id << " sentence " << si;
    }
    EXPECT_EQ(light.text, full.text);
    ASSERT_EQ(light.sentences.size(), full.sentences.size());
    for (size_t i = 0; i < full.sentences.size(); ++i) {
      EXPECT_EQ(light.sentences[i].span.start, full.sentences[i].span.start);
      EXPECT_EQ(light.sentences[i].span.end, full.sentences[i].span.end);
    }
    ASSERT_EQ(light.attributions.size(), full.attributions.size());
    for (size_t i = 0; i < full.attributions.size(); ++i) {
      EXPECT_EQ(light.attributions[i].sentence, full.attributions[i].sentence);
      EXPECT_EQ(light.attributions[i].source, full.attributions[i].source);
      EXPECT_EQ(light.attributions[i].sourcing, full.attributions[i].sourcing);
    }
    ASSERT_EQ(light.blocks.size(), full.blocks.size());
    ASSERT_EQ(light.parts.size(), full.parts.size());
    for (uint32_t off = 0; off < full.text.size(); off += 7) {
      EXPECT_EQ(light.RoleAt(off), full.RoleAt(off));
      EXPECT_EQ(light.SentenceAt(off), full.SentenceAt(off));
    }
  }
}

// Layers not in the form the store writes (a wrong length, a cut stream, no zlib at all)
// fail to load in part, and the caller then loads the document whole.
TEST_F(AskIndexTest, DocumentLayersNotInTheStoredFormFail) {
  std::string odd = dir_->Path("odd_layers.db");
  std::filesystem::copy_file(db_, odd, std::filesystem::copy_options::overwrite_existing);
  std::vector<DocRow> rows;
  ASSERT_TRUE(store_->ListDocs(false, &rows).ok());
  ASSERT_GE(rows.size(), 4u);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(odd.c_str(), &db), SQLITE_OK);
    auto layers = [&](const std::string& id) {
      sqlite3_stmt* st = nullptr;
      EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT layers FROM docs WHERE id = ?", -1, &st, nullptr), SQLITE_OK);
      sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      std::string b;
      if (sqlite3_step(st) == SQLITE_ROW)
        b.assign(static_cast<const char*>(sqlite3_column_blob(st, 0)), static_cast<size_t>(sqlite3_column_bytes(st, 0)));
      sqlite3_finalize(st);
      return b;
    };
    auto set_layers = [&](const std::string& id, const std::string& b) {
      sqlite3_stmt* st = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE docs SET layers = ?1 WHERE id = ?2", -1, &st, nullptr), SQLITE_OK);
      sqlite3_bind_blob(st, 1, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, id.c_str(), -1, SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
      ASSERT_EQ(sqlite3_changes(db), 1);
      sqlite3_finalize(st);
    };
    // A length one byte more than the JSON's; the stream cut in half; no zlib at all.
    std::string b = layers(rows[0].id);
    ASSERT_GT(b.size(), 8u);
    uint32_t n;
    std::memcpy(&n, b.data(), 4);
    ++n;
    std::memcpy(b.data(), &n, 4);
    set_layers(rows[0].id, b);
    b = layers(rows[1].id);
    set_layers(rows[1].id, b.substr(0, b.size() / 2));
    b = layers(rows[2].id);
    set_layers(rows[2].id, b.substr(0, 4) + std::string(200, 'x'));
    sqlite3_close(db);
  }
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(odd, false, &store).ok());
  AskIndex index(store.get());
  for (size_t i = 0; i < 4; ++i) {
    Document doc;
    bool ok = index.LoadDocumentLayers(rows[i].id, ask::DocumentSource::kEvents, &doc).ok();
    EXPECT_EQ(ok, i == 3) << rows[i].id;  // the fourth is left as it was
  }
}

TEST_F(AskIndexTest, StaleOrMissingIndexIsNotUsed) {
  std::string copy = dir_->Path("stale.db");
  std::filesystem::copy_file(db_, copy, std::filesystem::copy_options::overwrite_existing);
  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::Open(copy, false, &s).ok());
    AskIndex index(s.get());
    EXPECT_TRUE(index.Usable());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
  // Another dossier written over it by a program that keeps no ask index.
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::Open(copy, false, &s).ok());
    AskIndex index(s.get());
    EXPECT_FALSE(index.Usable());
    EXPECT_EQ(index.EventCount(), 0);
  }
  // A store from before the index: ask reads it whole, even when told to use the index.
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE ask_meta", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  std::string out, expected;
  const std::string q = "\"Who carried out the drone strike on al-Hamdawi?\"";
  ASSERT_EQ(RunCommand("DOSSIER_ASK_INDEX=always " + std::string(DOSSIER_BINARY) + " ask --json --db " + copy + " " + q, &out), 0)
      << out;
  ASSERT_EQ(RunCommand("DOSSIER_ASK_INDEX=never " + std::string(DOSSIER_BINARY) + " ask --json --db " + copy + " " + q, &expected), 0);
  EXPECT_EQ(out, expected);
  EXPECT_NE(out.find("\"answers\""), std::string::npos);
}

// --- ask-side pieces, without a store ---------------------------------------------------

// Serves entities by name from a list, counting the calls.
class FakeLookup : public ask::EntityLookup {
 public:
  explicit FakeLookup(json all) : all_(std::move(all)) {}
  std::vector<json> EntitiesNamed(const std::string& name) override {
    ++calls;
    std::vector<json> out;
    std::vector<std::string> k = ask::NameKeys(name);
    for (const json& e : all_) {
      bool hit = e.value("name", "") == name || (!k.empty() && ask::NameKeys(e.value("name", "")) == k);
      for (const json& a : e.value("aliases", json::array())) hit = hit || a.get<std::string>() == name;
      if (hit) out.push_back(e);
    }
    return out;
  }
  int calls = 0;

 private:
  json all_;
};

TEST(AskEntityIndex, ByNameFetchesOnDemandAndBreaksTiesByStoredOrder) {
  json all = json::parse(R"([
    {"_seq": 1, "id": "E1", "type": "PERSON", "name": "Marten Vosk", "aliases": ["Vosk"], "mentions": 5},
    {"_seq": 2, "id": "E2", "type": "GPE", "name": "Norland", "aliases": [], "mentions": 9},
    {"_seq": 3, "id": "E3", "type": "ORG", "name": "Vosk Holdings", "aliases": ["Vosk"], "mentions": 5},
    {"_seq": 4, "id": "E4", "type": "PERSON", "name": "Martin Vossk", "aliases": [], "mentions": 7}
  ])");
  FakeLookup lookup(all);
  ask::EntityIndex index(json::array({all[1]}), &lookup);
  ASSERT_EQ(index.size(), 1u);
  int v = index.ByName("Vosk");  // E1 and E3: same mentions, E1 stored first
  ASSERT_GE(v, 0);
  EXPECT_EQ(index.at(v).id, "E1");
  EXPECT_EQ(index.ByName("Vosk"), v);  // remembered
  EXPECT_EQ(lookup.calls, 1);
  // "Martin Vossk" has the name keys of "Marten Vosk" and more mentions.
  int m = index.ByName("Marten Vosk");
  ASSERT_GE(m, 0);
  EXPECT_EQ(index.at(m).id, "E4");
  EXPECT_EQ(index.ByName("Nobody Known"), -1);
  // Whole-dossier index (no lookup): the same answers.
  ask::EntityIndex whole(all);
  EXPECT_EQ(whole.at(whole.ByName("Vosk")).id, "E1");
  EXPECT_EQ(whole.MostMentioned("PERSON"), 3);
}

TEST(AskMatch, FactsOfCompactEqualFactsOfTheEvent) {
  json e = json::parse(R"({"id": "V1", "cameo": "190", "date": "2031-05-02", "place": "Port Ilse",
    "source": ["Norland"], "target": ["Marten Vosk"],
    "mentions": [
      {"doc": "d1", "text": "The strike killed Vosk.", "modality": "asserted"},
      {"doc": "d2", "text": "The strike killed Vosk.", "modality": "hedged"},
      {"doc": "d2", "text": "Norland may strike again.", "modality": "possible"}]})");
  ask::EventFacts a = ask::FactsOf(e);
  EXPECT_EQ(a.docs, 2);
  EXPECT_EQ(a.mentions, 3);
  EXPECT_EQ(a.asserted, 2);
  EXPECT_EQ(a.texts.size(), 2u);
  json c = {{"id", "V1"}, {"cameo", "190"}, {"place", "Port Ilse"}, {"date", "2031-05-02"},
            {"source", {"Norland"}}, {"target", {"Marten Vosk"}}, {"texts", a.texts}};
  ask::EventFacts b = ask::FactsOfCompact(c, 2, 3, 2);
  EXPECT_EQ(b.id, a.id);
  EXPECT_EQ(b.texts, a.texts);
  EXPECT_EQ(b.source, a.source);
  EXPECT_EQ(b.target, a.target);
  EXPECT_EQ(b.docs, a.docs);
  EXPECT_EQ(b.asserted, a.asserted);
}

// The roles and place an event is searched by are staged with it: each name's keys (as
// ask::NameKeys gives them), names as the stored JSON gives them back.
TEST(AskIndexStage, RolesAndPlaceAreTheNamesKeys) {
  auto joined = [](const std::string& name) {
    std::string out;
    for (const std::string& k : ask::NameKeys(name)) out += (out.empty() ? "" : " ") + k;
    return out;
  };
  Event e;
  e.source = {"General Ana Ruiz"};
  e.target = {"Northport Harbour Authority"};
  e.place = "Northport";
  AskIndex::StagedFacts f = AskIndex::FactsOf(e);
  EXPECT_EQ(f.roles, joined("General Ana Ruiz") + " , " + joined("Northport Harbour Authority"));
  EXPECT_EQ(f.place_keys, joined("Northport"));
  EXPECT_FALSE(f.place_keys.empty());

  // A name that is not UTF-8 is keyed as the JSON writer stores it (U+FFFD for the bad byte).
  Event bad = e, replaced = e;
  bad.target = {"Northport\xff Authority"};
  replaced.target = {"Northport\xEF\xBF\xBD Authority"};
  EXPECT_EQ(AskIndex::FactsOf(bad).roles, AskIndex::FactsOf(replaced).roles);
}

}  // namespace
}  // namespace dossier
