#include "store/ask_index.h"

#include <sqlite3.h>
#include <zlib.h>
#ifdef DOSSIER_HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <queue>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <utility>

#include "ask/match.h"
#include "ask/question.h"
#include "core/document_json.h"
#include "core/json_writer.h"
#include "core/step_timer.h"
#include "entities/name_key.h"
#include "ingest/utf8.h"
#include "store/dossier_json.h"
#include "store/record_codec.h"
#include "store/sentence_hits.h"
#include "store/statement.h"
#include "store/store.h"

namespace dossier {

using nlohmann::json;

namespace {

// Bump when the ask_* tables change: stores indexed by another version are read whole.
constexpr const char* kAskIndexVersion = "1";

// The order Store::LoadEventsJson() lists events in: ask_facts.rank (and the rowid of
// ask_events) is the position in it, so that candidate queries meet events in the order the
// answerer, reading every event, would (real events first, most documents first), and break
// ties of score the same way. Keep in step with LoadEventsJson.
constexpr const char* kEventOrder = "e.real DESC, e.ndocs DESC, e.nmentions DESC, e.date, e.id";

using store::Exec;
using store::Stmt;

// As ask/match.cpp reads a JSON name: strings as they are, null as "", others dumped.
std::string Str(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "";
  return j.dump();
}

// A JSON array of strings (as SQLite's json_group_array writes it) into `out`; false when it
// is anything else (the caller then parses it as JSON).
bool ParseStringArray(const std::string& t, std::vector<std::string>* out) {
  size_t i = 0, n = t.size();
  auto space = [&] { while (i < n && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r')) ++i; };
  auto hex4 = [&](size_t at, uint32_t* v) {
    if (at + 4 > n) return false;
    *v = 0;
    for (size_t k = at; k < at + 4; ++k) {
      char c = t[k];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      *v = *v * 16 + static_cast<uint32_t>(d);
    }
    return true;
  };
  auto utf8 = [](uint32_t c, std::string* s) {
    if (c < 0x80) {
      *s += static_cast<char>(c);
    } else if (c < 0x800) {
      *s += static_cast<char>(0xC0 | (c >> 6));
      *s += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *s += static_cast<char>(0xE0 | (c >> 12));
      *s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      *s += static_cast<char>(0xF0 | (c >> 18));
      *s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *s += static_cast<char>(0x80 | (c & 0x3F));
    }
  };
  space();
  if (i >= n || t[i] != '[') return false;
  ++i;
  space();
  if (i < n && t[i] == ']') return true;
  while (i < n) {
    if (t[i] != '"') return false;
    std::string v;
    for (++i;; ++i) {
      if (i >= n) return false;
      char c = t[i];
      if (c == '"') break;
      if (c != '\\') {
        v += c;
        continue;
      }
      if (++i >= n) return false;
      switch (t[i]) {
        case '"': v += '"'; break;
        case '\\': v += '\\'; break;
        case '/': v += '/'; break;
        case 'b': v += '\b'; break;
        case 'f': v += '\f'; break;
        case 'n': v += '\n'; break;
        case 'r': v += '\r'; break;
        case 't': v += '\t'; break;
        case 'u': {
          uint32_t c1;
          if (!hex4(i + 1, &c1)) return false;
          i += 4;
          if (c1 >= 0xD800 && c1 < 0xDC00) {  // a surrogate pair
            uint32_t c2;
            if (i + 2 >= n || t[i + 1] != '\\' || t[i + 2] != 'u' || !hex4(i + 3, &c2) || c2 < 0xDC00 || c2 > 0xDFFF)
              return false;
            i += 6;
            c1 = 0x10000 + ((c1 - 0xD800) << 10) + (c2 - 0xDC00);
          }
          utf8(c1, &v);
          break;
        }
        default: return false;
      }
    }
    ++i;  // past the closing quote
    out->push_back(std::move(v));
    space();
    if (i < n && t[i] == ',') {
      ++i;
      space();
      continue;
    }
    if (i < n && t[i] == ']') return true;
    return false;
  }
  return false;
}

json ParseArray(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_array() ? j : json::array();
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// An FTS5 phrase: the words in double quotes (the tokenizer splits them as it split the
// indexed text).
std::string Phrase(const std::string& words) {
  std::string out = "\"";
  for (char c : words) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  return out + "\"";
}

bool HasAlnum(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); });
}

const char* kDrop = R"sql(
DROP TABLE IF EXISTS ask_meta;
DROP TABLE IF EXISTS ask_names;
DROP TABLE IF EXISTS ask_facts;
DROP TABLE IF EXISTS ask_events;
DROP TABLE IF EXISTS ask_timeline;
DROP TABLE IF EXISTS ask_conflicts;
DROP TABLE IF EXISTS ask_lengths;
DROP TABLE IF EXISTS ask_docs;
DROP TABLE IF EXISTS ask_event_parts;
)sql";

const char* kCreate = R"sql(
CREATE TABLE IF NOT EXISTS ask_meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS ask_names(k1 TEXT NOT NULL, k2 TEXT NOT NULL, fold TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ask_facts(
  rank INTEGER PRIMARY KEY, seq INTEGER, id TEXT, cameo TEXT, place TEXT, date TEXT, source TEXT,
  target TEXT, texts TEXT, docs INTEGER, mentions INTEGER, asserted INTEGER);
CREATE VIRTUAL TABLE IF NOT EXISTS ask_events USING fts5(
  roles, place, text, fam, content = '', columnsize = 0,
  tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS ask_timeline(seq INTEGER PRIMARY KEY, event TEXT, event_rank INTEGER, date TEXT, summary TEXT);
CREATE TABLE IF NOT EXISTS ask_lengths(chunk INTEGER PRIMARY KEY, lens BLOB);
CREATE TABLE IF NOT EXISTS ask_docs(id TEXT PRIMARY KEY, first INTEGER, last INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ask_event_parts(rank INTEGER NOT NULL, part TEXT NOT NULL, json TEXT NOT NULL);
)sql";

// ask_event_parts: events with at least this many mentions (a stored event's JSON grows with
// its mentions: these are the ones of hundreds of kilobytes and more) are also stored in
// parts, so that a question reads the slot it asks about rather than the whole event.
constexpr int64_t kBigEventMentions = 128;

// ask_lengths: the token count of sentence `rowid` (FTS5's docsize, what bm25() divides by)
// is byte (rowid & (kLengthChunk - 1)) of the blob of chunk rowid / kLengthChunk, capped at
// kLengthUnknown (then read from the docsize table).
constexpr int kLengthChunkBits = 14;
constexpr int64_t kLengthChunk = int64_t{1} << kLengthChunkBits;
constexpr unsigned char kLengthUnknown = 255;

// The first integer of an FTS5 docsize blob (SQLite's varint); 0 when there is none.
int64_t DocsizeValue(const unsigned char* b, int n) {
  if (b == nullptr || n <= 0) return 0;
  uint64_t v = 0;
  for (int i = 0; i < n && i < 9; ++i) {
    if (i == 8) return static_cast<int64_t>((v << 8) | b[i]);
    v = (v << 7) | (b[i] & 0x7F);
    if (!(b[i] & 0x80)) break;
  }
  return static_cast<int64_t>(v);
}

// Indexes are made after the rows are in (faster than keeping them up to date).
const char* kIndexes = R"sql(
CREATE INDEX IF NOT EXISTS ask_names_keys ON ask_names(k1, k2);
CREATE INDEX IF NOT EXISTS ask_names_fold ON ask_names(fold);
CREATE INDEX IF NOT EXISTS ask_facts_id ON ask_facts(id);
)sql";

const char* kTimeline = R"sql(
INSERT INTO ask_timeline(seq, event, event_rank, date, summary)
  SELECT t.seq, coalesce(t.json ->> '$.event', ''),
         (SELECT max(f.rank) FROM ask_facts f WHERE f.id = coalesce(t.json ->> '$.event', '')),
         coalesce(t.json ->> '$.date', ''), coalesce(t.json ->> '$.summary', '')
  FROM timeline t;
CREATE INDEX IF NOT EXISTS ask_timeline_event ON ask_timeline(event_rank);
CREATE INDEX IF NOT EXISTS ask_timeline_summary ON ask_timeline(summary);
)sql";

}  // namespace

// ---------------------------------------------------------------------------------------
// Building the tables.

Status Store::IndexForAsk() { return AskIndex::Build(db_); }

Status AskIndex::BeginStage(sqlite3* db) {
  return Exec(db,
              "DROP TABLE IF EXISTS temp.ask_stage;"
              "CREATE TEMP TABLE ask_stage(seq INTEGER PRIMARY KEY, id TEXT, cameo TEXT, place TEXT, date TEXT, "
              "source TEXT, target TEXT, texts TEXT, docs INTEGER, mentions INTEGER, asserted INTEGER, roles TEXT, "
              "place_keys TEXT)");
}

Status AskIndex::EndStage(sqlite3* db) { return Exec(db, "DROP TABLE IF EXISTS temp.ask_stage"); }

const char* AskIndex::kStageInsert =
    "INSERT INTO temp.ask_stage(seq, id, cameo, place, date, source, target, texts, docs, mentions, asserted, roles, "
    "place_keys) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)";

// What the facts were when read back from the stored JSON: the source and target arrays as
// stored, the distinct mention sentences in mention order (as json_group_array(DISTINCT)
// wrote them; its escapes are the stored JSON's), the number of distinct documents, of
// mentions, and of asserted or hedged mentions.
AskIndex::StagedFacts AskIndex::FactsOf(const dossier::Event& e) {
  StagedFacts f;
  auto array = [](const std::vector<std::string>& items) {
    JsonWriter w;
    w.StringArray(items);
    return w.Take();
  };
  f.source = array(e.source);
  f.target = array(e.target);
  JsonWriter texts;
  texts.BeginArray();
  std::unordered_set<std::string_view> seen_text, seen_doc;
  for (const EventRecord& r : e.mentions) {
    if (seen_text.insert(r.sentence).second) texts.String(r.sentence);
    seen_doc.insert(r.doc);
    Modality m = r.mention.modality;
    f.asserted += m == Modality::kAsserted || m == Modality::kHedged;
  }
  texts.EndArray();
  f.texts = texts.Take();
  f.docs = static_cast<int64_t>(seen_doc.size());
  f.mentions = static_cast<int64_t>(e.mentions.size());
  // What ask_events searches for the event's roles and place: each name's keys, the
  // names as the stored JSON gives them back (invalid UTF-8 replaced as it writes them).
  auto keys = [](const std::string& name) { return Join(ask::NameKeys(name), " "); };
  std::vector<std::string> roles;
  for (const std::vector<std::string>* list : {&e.source, &e.target})
    for (const std::string& n : *list) {
      if (IsWellFormedUtf8(n)) {
        roles.push_back(keys(n));
      } else {
        JsonWriter w;
        w.String(n);
        roles.push_back(keys(Str(json::parse(w.Take(), nullptr, false))));
      }
    }
  f.roles = Join(roles, " , ");
  f.place_keys = keys(e.place);
  return f;
}

Status AskIndex::Stage(sqlite3* db, sqlite3_stmt* insert, int64_t seq, const dossier::Event& e, const StagedFacts& f) {
  Stmt ins(insert);  // borrowed: reset, not finalized
  ins.Bind(1, seq).Bind(2, e.id).Bind(3, e.cameo).Bind(4, e.place).Bind(5, e.date).Bind(6, f.source)
      .Bind(7, f.target).Bind(8, f.texts).Bind(9, f.docs).Bind(10, f.mentions).Bind(11, f.asserted)
      .Bind(12, f.roles).Bind(13, f.place_keys);
  if (ins.Step() != SQLITE_DONE) return Status::Error(std::string("ask stage: ") + sqlite3_errmsg(db));
  return Status::Ok();
}

Status AskIndex::Build(sqlite3* db) {
  StepTimer step("ask index");  // DOSSIER_STAGE_TIMES=2 prints each step's time
  Status s = Exec(db, kDrop);
  if (s.ok()) s = Exec(db, kCreate);
  if (!s.ok()) return Status::Error("ask index: " + s.message());

  // Entities: every name and alias by its first two name keys and by its fold, as
  // ask::EntityIndex reads them (name, then aliases).
  {
    Stmt q(db, "SELECT seq, coalesce(json ->> '$.name', ''), coalesce(json -> '$.aliases', '[]') FROM entities ORDER BY seq");
    Stmt ins(db, "INSERT INTO ask_names(k1, k2, fold, seq) VALUES(?,?,?,?)");
    if (!q.ok() || !ins.ok()) return Status::Error("ask index: " + q.error() + ins.error());
    while (q.Step() == SQLITE_ROW) {
      int64_t seq = q.Int(0);
      std::vector<std::string> names = {q.Text(1)};
      for (const json& a : ParseArray(q.Text(2))) names.push_back(Str(a));
      std::set<std::tuple<std::string, std::string, std::string>> rows;
      for (const std::string& n : names) {
        std::vector<std::string> k = ask::NameKeys(n);
        rows.insert({k.empty() ? "" : k[0], k.size() > 1 ? k[1] : "", FoldName(n)});
      }
      for (const auto& [k1, k2, fold] : rows) {
        ins.Bind(1, k1).Bind(2, k2).Bind(3, fold).Bind(4, seq);
        if (ins.Step() != SQLITE_DONE) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
        ins.Reset();
      }
    }
  }

  step.Step("names");
  // Events: their facts, and the FTS row the candidate queries search, in rank order from
  // the facts staged as each event was written.
  int64_t max_docs = 0, count = 0;
  std::vector<std::pair<int64_t, int64_t>> big;  // (rank, seq) of events with many mentions
  {
    Stmt q(db,
           ("SELECT s.seq, s.id, s.cameo, s.place, s.date, s.source, s.target, s.docs, s.mentions, s.asserted, "
            "s.texts, s.roles, s.place_keys FROM events e CROSS JOIN temp.ask_stage s ON s.seq = e.seq ORDER BY " +
            std::string(kEventOrder)).c_str());
    Stmt facts(db,
               "INSERT INTO ask_facts(rank, seq, id, cameo, place, date, source, target, texts, docs, mentions, "
               "asserted) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    Stmt fts(db, "INSERT INTO ask_events(rowid, roles, place, text, fam) VALUES(?,?,?,?,?)");
    if (!q.ok() || !facts.ok() || !fts.ok()) return Status::Error("ask index: " + q.error() + facts.error() + fts.error());
    int64_t rank = 0;
    while (q.Step() == SQLITE_ROW) {
      int64_t seq = q.Int(0);
      ++rank;
      std::string cameo = q.Text(2), place = q.Text(3), source = q.Text(5), target = q.Text(6);
      int64_t nums[3] = {q.Int(7), q.Int(8), q.Int(9)};  // docs, mentions, asserted
      std::string texts = q.Text(10);
      facts.Bind(1, rank).Bind(2, seq).Bind(3, q.Text(1)).Bind(4, cameo).Bind(5, place).Bind(6, q.Text(4))
          .Bind(7, source).Bind(8, target).Bind(9, texts).Bind(10, nums[0]).Bind(11, nums[1]).Bind(12, nums[2]);
      if (facts.Step() != SQLITE_DONE) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
      facts.Reset();
      fts.Bind(1, rank).Bind(2, q.Text(11)).Bind(3, q.Text(12)).Bind(4, texts)
          .Bind(5, cameo.size() >= 2 ? "f" + cameo.substr(0, 2) : std::string());
      if (fts.Step() != SQLITE_DONE) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
      fts.Reset();
      max_docs = std::max(max_docs, nums[0]);
      if (nums[1] >= kBigEventMentions) big.emplace_back(rank, seq);
      ++count;
    }
  }
  step.Step("events");
  s = EndStage(db);
  if (s.ok()) s = Exec(db, kIndexes);
  if (s.ok()) s = Exec(db, kTimeline);
  if (s.ok()) s = BuildEventParts(db, big);
  if (!s.ok()) return Status::Error("ask index: " + s.message());

  step.Step("indexes, timeline, event parts");
  // Sentence lengths, for the evidence search (Search()): one pass over FTS5's docsize table.
  int64_t lengths_max = -1;
  {
    Stmt q(db, "SELECT id, sz FROM sentences_docsize ORDER BY id");
    Stmt ins(db, "INSERT INTO ask_lengths(chunk, lens) VALUES(?,?)");
    if (q.ok() && ins.ok()) {
      std::string lens;
      int64_t chunk = -1;
      auto flush = [&]() {
        if (chunk < 0) return true;
        ins.Bind(1, chunk).BindBlob(2, lens);
        bool ok = ins.Step() == SQLITE_DONE;
        ins.Reset();
        return ok;
      };
      int rc;
      while ((rc = q.Step()) == SQLITE_ROW) {
        int64_t id = q.Int(0);
        if (id < 0) continue;
        if (id / kLengthChunk != chunk) {
          if (!flush()) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
          chunk = id / kLengthChunk;
          lens.assign(static_cast<size_t>(kLengthChunk), static_cast<char>(kLengthUnknown));
        }
        int64_t n = DocsizeValue(static_cast<const unsigned char*>(sqlite3_column_blob(q.stmt(), 1)),
                                 sqlite3_column_bytes(q.stmt(), 1));
        lens[static_cast<size_t>(id % kLengthChunk)] =
            static_cast<char>(n >= 0 && n < kLengthUnknown ? n : kLengthUnknown);
        lengths_max = id;
      }
      if (rc != SQLITE_DONE || !flush()) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
    }
  }

  step.Step("sentence lengths");
  // Each document's sentence rows (the first and last rowid: a document's rows are written
  // together), for grounding quotes without reading the document's layers.
  {
    Stmt q(db, "SELECT rowid, doc FROM sentence_rows");
    Stmt ins(db, "INSERT INTO ask_docs(id, first, last) VALUES(?,?,?)");
    if (q.ok() && ins.ok()) {
      std::unordered_map<std::string, std::pair<int64_t, int64_t>> range;
      std::pair<int64_t, int64_t>* last = nullptr;  // the range of the previous row's document
      std::string last_doc;
      int rc;
      while ((rc = q.Step()) == SQLITE_ROW) {
        int64_t row = q.Int(0);
        std::string_view doc = q.TextView(1);
        if (last == nullptr || doc != last_doc) {  // a document's rows mostly come together
          last_doc.assign(doc);
          last = &range.try_emplace(last_doc, row, row).first->second;
        }
        last->first = std::min(last->first, row);
        last->second = std::max(last->second, row);
      }
      if (rc != SQLITE_DONE) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
      std::vector<std::pair<std::string, std::pair<int64_t, int64_t>>> sorted(range.begin(), range.end());
      range.clear();
      std::sort(sorted.begin(), sorted.end());
      for (const auto& [id, r] : sorted) {
        ins.Bind(1, id).Bind(2, r.first).Bind(3, r.second);
        if (ins.Step() != SQLITE_DONE) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
        ins.Reset();
      }
    }
  }

  step.Step("document sentence ranges");
  // The fingerprint of the indexed events, and what LoadView() reads once.
  std::string last_id;
  int64_t last_seq = 0;
  {
    Stmt q(db, "SELECT seq, coalesce(id, '') FROM events ORDER BY seq DESC LIMIT 1");
    if (q.ok() && q.Step() == SQLITE_ROW) {
      last_seq = q.Int(0);
      last_id = q.Text(1);
    }
  }
  std::string top_person;
  {
    // ask::EntityIndex::MostMentioned("PERSON"): the most mentions, then the first stored.
    Stmt q(db,
           "SELECT seq FROM entities WHERE coalesce(json ->> '$.type', '') = 'PERSON' "
           "ORDER BY coalesce(json ->> '$.mentions', 0) DESC, seq LIMIT 1");
    if (q.ok() && q.Step() == SQLITE_ROW) top_person = std::to_string(q.Int(0));
  }
  Stmt ins(db, "INSERT OR REPLACE INTO ask_meta(key, value) VALUES(?,?)");
  if (!ins.ok()) return Status::Error("ask index: " + ins.error());
  for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"version", kAskIndexVersion},
           {"events", std::to_string(count)},
           {"last_seq", std::to_string(last_seq)},
           {"last_id", last_id},
           {"max_docs", std::to_string(max_docs)},
           {"top_person", top_person},
           {"lengths_max", std::to_string(lengths_max)}}) {
    ins.Bind(1, k).Bind(2, v);
    if (ins.Step() != SQLITE_DONE) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
    ins.Reset();
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------
// Reading them.

AskIndex::AskIndex(Store* store)
    : store_(store), db_(store->db_), stmts_(std::make_unique<store::StatementCache>(store->db_)) {}

sqlite3_stmt* AskIndex::Cached(const char* sql) { return stmts_->Get(sql); }

std::string AskIndex::Meta(const std::string& key) {
  if (!meta_read_) {
    meta_read_ = true;
    Stmt q(db_, "SELECT key, value FROM ask_meta");
    while (q.ok() && q.Step() == SQLITE_ROW) meta_[q.Text(0)] = q.Text(1);
  }
  auto it = meta_.find(key);
  return it == meta_.end() ? "" : it->second;
}

bool AskIndex::Usable() {
  if (Meta("version") != kAskIndexVersion) return false;
  Stmt q(db_, "SELECT seq, coalesce(id, '') FROM events ORDER BY seq DESC LIMIT 1");
  int64_t last_seq = 0;
  std::string last_id;
  if (q.ok() && q.Step() == SQLITE_ROW) {
    last_seq = q.Int(0);
    last_id = q.Text(1);
  }
  return Meta("last_seq") == std::to_string(last_seq) && Meta("last_id") == last_id;
}

void AskIndex::BeginRead() {
  // A question reads few pages more than once (B-tree interiors, ask tables); the store's
  // 64 MB page cache would only add a fresh page of memory (a page fault) per page read.
  Exec(db_, "PRAGMA cache_size=-2000");
  Exec(db_, "BEGIN");
}
void AskIndex::EndRead() { Exec(db_, "COMMIT"); }

int64_t AskIndex::EventCount() { return Usable() ? std::atoll(Meta("events").c_str()) : 0; }

namespace {
bool EntityWithoutDocs(std::string_view text, json* out);
}  // namespace

std::vector<json> AskIndex::LoadEntities(const std::vector<int64_t>& seqs) {
  std::vector<json> out;
  // What ask::EntityIndex reads; the documents and merge reasons (megabytes for big
  // entities) are left out: skipped unparsed, or (an entity not in the form the store
  // writes) removed by SQLite.
  Stmt q(Cached("SELECT json FROM entities WHERE seq = ?"));
  for (int64_t seq : seqs) {
    q.Bind(1, seq);
    if (q.Step() == SQLITE_ROW) {
      const char* t = reinterpret_cast<const char*>(sqlite3_column_text(q.stmt(), 0));
      std::string_view text = t == nullptr ? std::string_view() : std::string_view(t, sqlite3_column_bytes(q.stmt(), 0));
      json j;
      if (!EntityWithoutDocs(text, &j)) {
        Stmt slow(Cached("SELECT json_remove(json, '$.docs', '$.merges') FROM entities WHERE seq = ?"));
        slow.Bind(1, seq);
        j = slow.Step() == SQLITE_ROW ? json::parse(slow.Text(0), nullptr, false) : json();
      }
      if (j.is_object()) {
        j["_seq"] = seq;
        out.push_back(std::move(j));
      }
    }
    q.Reset();
  }
  return out;
}

std::vector<json> AskIndex::EntitiesNamed(const std::string& name) {
  auto memo = named_.find(name);
  if (memo != named_.end()) return memo->second;
  // A superset of ask::EntityIndex::ByName(): same fold, or same first two name keys (equal
  // name keys have them).
  std::vector<std::string> k = ask::NameKeys(name);
  std::set<int64_t> seqs;
  Stmt q(Cached(
      "SELECT seq FROM ask_names WHERE fold = ?1 "
      "UNION SELECT seq FROM ask_names WHERE k1 = ?2 AND k2 = ?3 AND ?2 <> ''"));
  q.Bind(1, FoldName(name)).Bind(2, k.empty() ? "" : k[0]).Bind(3, k.size() > 1 ? k[1] : "");
  while (q.Step() == SQLITE_ROW) seqs.insert(q.Int(0));
  std::vector<json> rows = LoadEntities(std::vector<int64_t>(seqs.begin(), seqs.end()));
  named_[name] = rows;
  return rows;
}

const json* AskIndex::Event(const std::string& id) {
  auto it = events_.find(id);
  if (it != events_.end()) return it->second.get();
  std::unique_ptr<json> e;
  Stmt q(Cached("SELECT e.json FROM ask_facts f JOIN events e ON e.seq = f.seq WHERE f.id = ? ORDER BY f.rank DESC LIMIT 1"));
  q.Bind(1, id);
  if (q.Step() == SQLITE_ROW) {
    json j = json::parse(q.Text(0), nullptr, false);
    if (j.is_object()) {
      ExpandStoredEvent(&j);  // as Store::LoadEventsJson does
      e = std::make_unique<json>(std::move(j));
    }
  }
  const json* p = e.get();
  events_.emplace(id, std::move(e));
  return p;
}

std::string AskIndex::DocName(const std::string& id) {
  auto it = doc_names_.find(id);
  if (it != doc_names_.end()) return it->second;
  std::string name;
  Stmt q(Cached("SELECT coalesce(outlet, ''), coalesce(path, '') FROM docs WHERE id = ?"));
  q.Bind(1, id);
  if (q.Step() == SQLITE_ROW) {
    name = q.Text(0);
    if (name.empty()) name = std::filesystem::path(q.Text(1)).filename().string();
  }
  doc_names_[id] = name;
  return name;
}

namespace {

// The end of the JSON string starting at `i` (its opening quote), or npos when it is cut
// short. Stored texts are long: memchr finds the quotes.
size_t SkipJsonString(std::string_view s, size_t i) {
  const size_t n = s.size();
  size_t from = i + 1;
  while (from < n) {
    const void* hit = std::memchr(s.data() + from, '"', n - from);
    if (hit == nullptr) return std::string::npos;
    size_t q = static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    size_t k = q;
    while (k > from && s[k - 1] == '\\') --k;
    if (((q - k) & 1) == 0) return q + 1;  // not escaped
    from = q + 1;
  }
  return std::string::npos;
}

// The end of the JSON value starting at `i` (strings, arrays and objects matched, scalars
// up to the next delimiter), or npos when it is cut short.
size_t SkipJsonValue(std::string_view s, size_t i) {
  const size_t n = s.size();
  if (i >= n) return std::string::npos;
  if (s[i] == '"') return SkipJsonString(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < n) {
      char c = s[i];
      if (c == '"') {
        i = SkipJsonString(s, i);
        if (i == std::string::npos) return i;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      else if ((c == '}' || c == ']') && --depth == 0) return i + 1;
      ++i;
    }
    return std::string::npos;
  }
  while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace

namespace {

// The integer member `key` of the JSON object text[i, end), or `missing`.
int64_t MemberInt(std::string_view text, size_t i, const char* key, int64_t missing) {
  i = SkipSpace(text, i);
  if (i >= text.size() || text[i] != '{') return missing;
  i = SkipSpace(text, i + 1);
  const size_t klen = std::strlen(key);
  while (i < text.size() && text[i] == '"') {
    size_t key_end = SkipJsonValue(text, i);
    if (key_end == std::string::npos) return missing;
    bool match = key_end - i == klen + 2 && text.compare(i + 1, klen, key) == 0;
    i = SkipSpace(text, key_end);
    if (i >= text.size() || text[i] != ':') return missing;
    i = SkipSpace(text, i + 1);
    size_t end = SkipJsonValue(text, i);
    if (end == std::string::npos) return missing;
    if (match) {
      if (i < end && (text[i] == '-' || std::isdigit(static_cast<unsigned char>(text[i])))) {
        bool neg = text[i] == '-';
        int64_t v = 0;
        for (size_t k = neg ? i + 1 : i; k < end && std::isdigit(static_cast<unsigned char>(text[k])); ++k)
          v = v * 10 + (text[k] - '0');
        return neg ? -v : v;
      }
      return missing;
    }
    i = SkipSpace(text, end);
    if (i < text.size() && text[i] == ',') i = SkipSpace(text, i + 1);
  }
  return missing;
}

}  // namespace

namespace {

// The members of the JSON object text[i, ...): (key, value range) in order; false when it
// is not an object as the store writes them.
bool ObjectMembers(std::string_view text, size_t i,
                   const std::function<bool(std::string_view key, size_t begin, size_t end)>& each) {
  i = SkipSpace(text, i);
  if (i >= text.size() || text[i] != '{') return false;
  i = SkipSpace(text, i + 1);
  while (i < text.size() && text[i] != '}') {
    if (text[i] != '"') return false;
    size_t key_end = SkipJsonString(text, i);
    if (key_end == std::string::npos) return false;
    std::string_view key = text.substr(i + 1, key_end - i - 2);
    if (key.find('\\') != std::string_view::npos) return false;  // keys are plain words
    i = SkipSpace(text, key_end);
    if (i >= text.size() || text[i] != ':') return false;
    i = SkipSpace(text, i + 1);
    size_t end = SkipJsonValue(text, i);
    if (end == std::string::npos) return false;
    if (!each(key, i, end)) return true;
    i = SkipSpace(text, end);
    if (i < text.size() && text[i] == ',') i = SkipSpace(text, i + 1);
  }
  return i < text.size();
}

std::unique_ptr<json> ReadEventMentions(std::string_view text);

// The stored entity `text` without its members "docs" and "merges" (what
// json_remove(json, '$.docs', '$.merges') gives, parsed), those two skipped unparsed; false
// when the text is not an object in the form the store writes, or a member does not parse.
bool EntityWithoutDocs(std::string_view text, json* out) {
  json j = json::object();
  bool parsed = true;
  bool form = ObjectMembers(text, 0, [&](std::string_view key, size_t begin, size_t end) {
    if (key == "docs" || key == "merges") return true;
    json v = json::parse(text.begin() + static_cast<std::ptrdiff_t>(begin),
                         text.begin() + static_cast<std::ptrdiff_t>(end), nullptr, false);
    if (v.is_discarded()) {
      parsed = false;
      return false;
    }
    j[std::string(key)] = std::move(v);
    return true;
  });
  if (!form || !parsed) return false;
  *out = std::move(j);
  return true;
}

// The event of stored JSON `text` with, of its slots, only `slot`, its evidence expanded as
// ExpandStoredEvent() does (mention indices to the mentions' sentences), and no mentions;
// null when the text is not in the form the store writes (the caller parses it whole).
std::unique_ptr<json> ReadEventSlot(std::string_view text, const std::string& slot) {
  std::pair<size_t, size_t> slots{0, 0}, mentions{0, 0};
  bool has_slots = false, has_mentions = false;
  auto e = std::make_unique<json>(json::object());
  try {
    bool ok = ObjectMembers(text, 0, [&](std::string_view key, size_t b, size_t end) {
      if (key == "slots") {
        slots = {b, end};
        has_slots = true;
      } else if (key == "mentions") {
        mentions = {b, end};
        has_mentions = true;
      } else if (key == "id" || key == "date" || key == "place") {
        (*e)[std::string(key)] = json::parse(text.substr(b, end - b));
      }
      return true;
    });
    if (!ok) return nullptr;
    if (!has_slots) return e;
    json& out_slots = (*e)["slots"] = json::object();
    ok = ObjectMembers(text, slots.first, [&](std::string_view key, size_t b, size_t end) {
      if (key != slot) return true;
      out_slots[slot] = json::parse(text.substr(b, end - b));
      return false;
    });
    if (!ok) return nullptr;
    if (has_mentions && (slot == "date" || slot == "place") &&
        (!out_slots.contains(slot) || out_slots[slot].empty())) {
      // The answerer then reads the event's own value and its mentions (as EventMentions()).
      std::unique_ptr<json> m = ReadEventMentions(text);
      if (m == nullptr) return nullptr;
      (*e)["mentions"] = std::move((*m)["mentions"]);
      return e;
    }
    if (!has_mentions || !out_slots.contains(slot) || !out_slots[slot].is_array()) return e;
    // The mentions' places, read once; a mention's sentence when evidence names it.
    std::vector<std::pair<size_t, size_t>> elems;
    {
      size_t i = SkipSpace(text, mentions.first);
      if (i >= text.size() || text[i] != '[') return nullptr;
      i = SkipSpace(text, i + 1);
      while (i < mentions.second && text[i] != ']') {
        size_t end = SkipJsonValue(text, i);
        if (end == std::string::npos || end > mentions.second) return nullptr;
        elems.emplace_back(i, end);
        i = SkipSpace(text, end);
        if (i < mentions.second && text[i] == ',') i = SkipSpace(text, i + 1);
      }
    }
    std::unordered_map<int64_t, json> sentence_of;
    auto sentence = [&](int64_t m) -> const json& {
      auto it = sentence_of.find(m);
      if (it != sentence_of.end()) return it->second;
      json t = "";
      if (text[elems[static_cast<size_t>(m)].first] != '{') throw json::type_error::create(302, "mention", nullptr);
      // mentions[m].value("text", ""): a mention always has its sentence as a string.
      ObjectMembers(text, elems[static_cast<size_t>(m)].first, [&](std::string_view key, size_t b, size_t end) {
        if (key != "text") return true;
        t = json::parse(text.substr(b, end - b));
        if (!t.is_string()) throw json::type_error::create(302, "mention text", nullptr);
        return false;
      });
      return sentence_of.emplace(m, std::move(t)).first->second;
    };
    for (json& v : out_slots[slot]) {
      if (!v.is_object() || !v.contains("evidence") || !v["evidence"].is_array()) continue;
      for (json& ev : v["evidence"]) {
        if (!ev.is_number_integer()) continue;
        int64_t m = ev.get<int64_t>();
        ev = m >= 0 && m < static_cast<int64_t>(elems.size()) ? sentence(m) : json("");
      }
    }
  } catch (const json::exception&) {
    return nullptr;
  }
  return e;
}

// The event of stored JSON `text` with only its mentions, each with only the members
// "doc", "text", "attributed_to" and "sourcing"; null when the text is not in the form the
// store writes.
std::unique_ptr<json> ReadEventMentions(std::string_view text) {
  auto e = std::make_unique<json>(json::object());
  try {
    bool ok = ObjectMembers(text, 0, [&](std::string_view key, size_t b, size_t end) {
      if (key == "id") {
        (*e)["id"] = json::parse(text.substr(b, end - b));
      } else if (key == "mentions") {
        json mentions = json::array();
        size_t i = SkipSpace(text, b);
        if (i >= end || text[i] != '[') {
          mentions = json::parse(text.substr(b, end - b));  // not an array: as it is
        } else {
          i = SkipSpace(text, i + 1);
          while (i < end && text[i] != ']') {
            size_t e_end = SkipJsonValue(text, i);
            if (e_end == std::string::npos || e_end > end) throw json::other_error::create(501, "mentions", nullptr);
            json m = json::object();
            if (text[i] != '{' ||
                !ObjectMembers(text, i, [&](std::string_view k, size_t vb, size_t ve) {
                  if (k == "doc" || k == "text" || k == "attributed_to" || k == "sourcing")
                    m[std::string(k)] = json::parse(text.substr(vb, ve - vb));
                  return true;
                }))
              m = json::parse(text.substr(i, e_end - i));
            mentions.push_back(std::move(m));
            i = SkipSpace(text, e_end);
            if (i < end && text[i] == ',') i = SkipSpace(text, i + 1);
          }
        }
        (*e)["mentions"] = std::move(mentions);
      }
      return true;
    });
    if (!ok) return nullptr;
  } catch (const json::exception&) {
    return nullptr;
  }
  return e;
}

// The members of a stored event that the parts of a big event keep, raw.
struct EventText {
  std::string_view id = "\"\"", date, place;
  std::vector<std::pair<std::string_view, std::string_view>> slots;  // name, raw values
  std::vector<std::pair<size_t, size_t>> mentions;                   // element ranges
  bool has_mentions = false, has_slots = false;
};

bool ReadEventText(std::string_view text, EventText* out) {
  std::pair<size_t, size_t> slots{0, 0}, mentions{0, 0};
  bool ok = ObjectMembers(text, 0, [&](std::string_view key, size_t b, size_t end) {
    if (key == "id") out->id = text.substr(b, end - b);
    else if (key == "date") out->date = text.substr(b, end - b);
    else if (key == "place") out->place = text.substr(b, end - b);
    else if (key == "slots") slots = {b, end}, out->has_slots = true;
    else if (key == "mentions") mentions = {b, end}, out->has_mentions = true;
    return true;
  });
  if (!ok) return false;
  if (out->has_slots) {
    if (text[slots.first] != '{') return false;
    ok = ObjectMembers(text, slots.first, [&](std::string_view key, size_t b, size_t end) {
      out->slots.emplace_back(key, text.substr(b, end - b));
      return true;
    });
    if (!ok) return false;
  }
  if (out->has_mentions) {
    size_t i = SkipSpace(text, mentions.first);
    if (i >= text.size() || text[i] != '[') return false;
    i = SkipSpace(text, i + 1);
    while (i < mentions.second && text[i] != ']') {
      size_t end = SkipJsonValue(text, i);
      if (end == std::string::npos || end > mentions.second || text[i] != '{') return false;
      out->mentions.emplace_back(i, end);
      i = SkipSpace(text, end);
      if (i < mentions.second && text[i] == ',') i = SkipSpace(text, i + 1);
    }
  }
  return true;
}

}  // namespace

// Each big event (`big`: rank and seq) in parts: part "" holds its id, date and place; part
// "slot:NAME" the same, the values of slot NAME as stored ("values") and the sentences of
// the mentions their evidence names ("texts": mention index -> sentence; "mentions": how
// many mentions there are). An event not in the form expected is left whole.
Status AskIndex::BuildEventParts(sqlite3* db, const std::vector<std::pair<int64_t, int64_t>>& big) {
  Stmt q(db, "SELECT json FROM events WHERE seq = ?");
  Stmt ins(db, "INSERT INTO ask_event_parts(rank, part, json) VALUES(?,?,?)");
  if (!q.ok() || !ins.ok()) return Status::Error(q.error() + ins.error());
  for (const auto& [rank, seq] : big) {
    q.Bind(1, seq);
    if (q.Step() != SQLITE_ROW) {
      q.Reset();
      continue;
    }
    const char* t = reinterpret_cast<const char*>(sqlite3_column_text(q.stmt(), 0));
    std::string_view text(t ? t : "", t ? static_cast<size_t>(sqlite3_column_bytes(q.stmt(), 0)) : 0);
    std::vector<std::pair<std::string, std::string>> rows;
    try {
      EventText e;
      if (!ReadEventText(text, &e) || !e.has_mentions) {
        q.Reset();
        continue;
      }
      std::string head = "{\"id\":" + std::string(e.id);
      if (!e.date.empty()) head += ",\"date\":" + std::string(e.date);
      if (!e.place.empty()) head += ",\"place\":" + std::string(e.place);
      // The mentions' sentences (mentions[m].value("text", "")), read when evidence names them.
      std::vector<json> sentence(e.mentions.size());
      std::vector<bool> read(e.mentions.size(), false);
      auto sentence_of = [&](size_t m) -> const json& {
        if (!read[m]) {
          read[m] = true;
          sentence[m] = "";
          bool ok = ObjectMembers(text, e.mentions[m].first, [&](std::string_view k, size_t b, size_t end) {
            if (k != "text") return true;
            sentence[m] = json::parse(text.substr(b, end - b));
            return false;
          });
          if (!ok || !sentence[m].is_string()) throw json::type_error::create(302, "mention text", nullptr);
        }
        return sentence[m];
      };
      rows.emplace_back("", head + "}");
      for (const auto& [name, values] : e.slots) {
        json v = json::parse(values);
        json texts = json::object();
        if (v.is_array())
          for (const json& x : v) {
            if (!x.is_object() || !x.contains("evidence") || !x["evidence"].is_array()) continue;
            for (const json& ev : x["evidence"]) {
              if (!ev.is_number_integer()) continue;
              int64_t m = ev.get<int64_t>();
              if (m >= 0 && m < static_cast<int64_t>(sentence.size()))
                texts[std::to_string(m)] = sentence_of(static_cast<size_t>(m));
            }
          }
        rows.emplace_back("slot:" + std::string(name),
                          head + ",\"mentions\":" + std::to_string(e.mentions.size()) + ",\"values\":" + std::string(values) +
                              ",\"texts\":" + texts.dump(-1, ' ', false, json::error_handler_t::replace) + "}");
      }
    } catch (const json::exception&) {
      rows.clear();  // left whole
    }
    q.Reset();
    for (const auto& [part, j] : rows) {
      ins.Bind(1, rank).Bind(2, part).Bind(3, j);
      if (ins.Step() != SQLITE_DONE) return Status::Error(sqlite3_errmsg(db));
      ins.Reset();
    }
  }
  return Exec(db, "CREATE INDEX IF NOT EXISTS ask_event_parts_key ON ask_event_parts(rank, part)");
}

namespace {

// The event of a part written by BuildEventParts, as EventSlot() gives it. `part` is
// taken apart (its values and texts are moved, not copied, into the event).
std::unique_ptr<json> EventFromPart(json* part, const std::string& slot) {
  auto e = std::make_unique<json>(json::object());
  for (const char* k : {"id", "date", "place"})
    if (part->contains(k)) (*e)[k] = std::move((*part)[k]);
  json& slots = (*e)["slots"] = json::object();
  if (part->contains("values")) {
    json values = std::move((*part)["values"]);
    json texts = part->contains("texts") ? std::move((*part)["texts"]) : json::object();
    const int64_t n = part->value("mentions", int64_t{0});
    // The evidence (mention indices) each value names, in order, with the text it becomes:
    // a text named more than once is copied but for its last use, which takes it.
    std::vector<std::pair<json*, json*>> uses;  // (evidence, its text or null)
    std::unordered_map<json*, size_t> left;     // text -> uses not yet made
    if (values.is_array())
      for (json& v : values) {
        if (!v.is_object() || !v.contains("evidence") || !v["evidence"].is_array()) continue;
        for (json& ev : v["evidence"]) {
          if (!ev.is_number_integer()) continue;
          int64_t m = ev.get<int64_t>();
          std::string key = std::to_string(m);
          json* text = nullptr;
          if (m >= 0 && m < n && texts.is_object()) {
            auto it = texts.find(key);
            if (it != texts.end()) text = &*it;
          }
          uses.emplace_back(&ev, text);
          if (text != nullptr) ++left[text];
        }
      }
    for (auto& [ev, text] : uses) {
      if (text == nullptr) *ev = json("");
      else if (--left[text] == 0) *ev = std::move(*text);
      else *ev = *text;
    }
    slots[slot] = std::move(values);
  }
  return e;
}

}  // namespace

std::unique_ptr<json> AskIndex::EventPart(const std::string& id, const std::string& slot) {
  if (!parts_checked_) {
    parts_checked_ = true;
    Stmt t(db_, "SELECT 1 FROM ask_event_parts LIMIT 1");
    has_parts_ = t.ok();
  }
  if (!has_parts_ || slot.empty()) return nullptr;
  Stmt q(Cached(
      "SELECT json FROM ask_event_parts WHERE rank = (SELECT max(rank) FROM ask_facts WHERE id = ?1) AND part IN ('', ?2) "
      "ORDER BY part DESC LIMIT 1"));
  q.Bind(1, id).Bind(2, "slot:" + slot);
  if (q.Step() != SQLITE_ROW) return nullptr;  // not stored in parts
  try {
    const char* t = reinterpret_cast<const char*>(sqlite3_column_text(q.stmt(), 0));
    json part = json::parse(std::string_view(t ? t : "", t ? static_cast<size_t>(sqlite3_column_bytes(q.stmt(), 0)) : 0));
    // An empty date or place: the answerer reads the event's own value and its mentions,
    // which the parts do not keep.
    if ((slot == "date" || slot == "place") && (!part.contains("values") || part["values"].empty())) return nullptr;
    return EventFromPart(&part, slot);
  } catch (const json::exception&) {
    return nullptr;
  }
}

std::unique_ptr<json> AskIndex::ReadStoredEvent(
    const std::string& id, const std::function<std::unique_ptr<json>(std::string_view)>& read, bool* found) {
  Stmt q(Cached("SELECT e.json FROM ask_facts f JOIN events e ON e.seq = f.seq WHERE f.id = ? ORDER BY f.rank DESC LIMIT 1"));
  q.Bind(1, id);
  *found = q.Step() == SQLITE_ROW;
  if (!*found) return nullptr;
  const char* t = reinterpret_cast<const char*>(sqlite3_column_text(q.stmt(), 0));
  if (t == nullptr) return nullptr;
  return read(std::string_view(t, static_cast<size_t>(sqlite3_column_bytes(q.stmt(), 0))));
}

const json* AskIndex::EventMentions(const std::string& id) {
  auto whole = events_.find(id);
  if (whole != events_.end()) return whole->second.get();
  const std::string key = id + "\nmentions";
  auto it = event_slots_.find(key);
  if (it != event_slots_.end()) return it->second.get();
  bool found = false;
  std::unique_ptr<json> e = ReadStoredEvent(id, ReadEventMentions, &found);
  if (!found) return nullptr;
  if (e == nullptr) return Event(id);  // not in the expected form: read whole
  return event_slots_.emplace(key, std::move(e)).first->second.get();
}

const json* AskIndex::EventSlot(const std::string& id, const std::string& slot) {
  auto whole = events_.find(id);
  if (whole != events_.end()) return whole->second.get();
  const std::string key = id + '\n' + slot;
  auto it = event_slots_.find(key);
  if (it != event_slots_.end()) return it->second.get();
  std::unique_ptr<json> e = slot.empty() ? nullptr : EventPart(id, slot);
  if (e != nullptr) return event_slots_.emplace(key, std::move(e)).first->second.get();
  bool found = false;
  e = ReadStoredEvent(id, [&](std::string_view text) { return ReadEventSlot(text, slot); }, &found);
  if (!found) return nullptr;
  if (e == nullptr) return Event(id);  // not in the expected form: read whole
  return event_slots_.emplace(key, std::move(e)).first->second.get();
}

namespace {

// The integers of a JSON array of [start, end] pairs (the stored "sentences"); false when it
// is anything else.
bool ParseSpanPairs(const std::string& t, size_t i, size_t end, std::vector<Span>* out) {
  auto number = [&](uint32_t* v) {
    i = SkipSpace(t, i);
    if (i >= end || !std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    uint64_t n = 0;
    while (i < end && std::isdigit(static_cast<unsigned char>(t[i]))) {
      n = n * 10 + static_cast<uint64_t>(t[i++] - '0');
      if (n > 0xFFFFFFFFull) return false;
    }
    *v = static_cast<uint32_t>(n);
    return true;
  };
  auto expect = [&](char c) {
    i = SkipSpace(t, i);
    if (i >= end || t[i] != c) return false;
    ++i;
    return true;
  };
  if (!expect('[')) return false;
  i = SkipSpace(t, i);
  if (i < end && t[i] == ']') return true;
  while (true) {
    Span sp;
    if (!expect('[') || !number(&sp.start) || !expect(',') || !number(&sp.end) || !expect(']')) return false;
    out->push_back(sp);
    i = SkipSpace(t, i);
    if (i < end && t[i] == ',') {
      ++i;
      continue;
    }
    return expect(']');
  }
}

// The elements of the JSON array text[i, end): their [begin, end) ranges.
bool ArrayElements(const std::string& t, size_t i, size_t end, std::vector<std::pair<size_t, size_t>>* out) {
  i = SkipSpace(t, i);
  if (i >= end || t[i] != '[') return false;
  i = SkipSpace(t, i + 1);
  while (i < end && t[i] != ']') {
    size_t e = SkipJsonValue(t, i);
    if (e == std::string::npos || e > end) return false;
    out->emplace_back(i, e);
    i = SkipSpace(t, e);
    if (i < end && t[i] == ',') i = SkipSpace(t, i + 1);
  }
  return i < end;
}

}  // namespace

Status AskIndex::LoadDocumentLayers(const std::string& id, unsigned layers, Document* doc, int sentence) {
  Stmt q(Cached("SELECT text, layers FROM docs WHERE id = ?"));
  q.Bind(1, id);
  if (q.Step() != SQLITE_ROW) return Status::Error("no document " + id);
  // The layers as Store::AddDocuments writes them (store/record_codec.h).
  const void* blob = sqlite3_column_blob(q.stmt(), 1);
  size_t size = static_cast<size_t>(sqlite3_column_bytes(q.stmt(), 1));
  if (blob == nullptr || size < 4) return Status::Error("document " + id + ": no layers");
  std::string text;
  if (!DecodeLayers(blob, size, &text)) return Status::Error("document " + id + ": layers not in the expected form");
  // With a sentence, only what concerns it (no grounding layers: see the header).
  const bool one = sentence >= 0 && (layers & ask::DocumentSource::kEvents);
  // The top-level members asked for; the others are skipped unparsed.
  std::set<std::string> wanted;
  if (one) {
    wanted = {"sentences"};
  } else {
    wanted = {"attributions", "blocks", "parts", "sentences", "sentence_blocks"};
  }
  if (layers & ask::DocumentSource::kEvents) wanted.insert("events");
  if (layers & ask::DocumentSource::kEntities) wanted.insert("entities");
  if (layers & ask::DocumentSource::kTimexes) wanted.insert("timex");
  std::map<std::string, std::pair<size_t, size_t>> at;  // member -> its value's range
  size_t i = SkipSpace(text, 0);
  if (i >= text.size() || text[i] != '{') return Status::Error("document " + id + ": layers not an object");
  i = SkipSpace(text, i + 1);
  try {
    while (i < text.size() && text[i] != '}') {
      size_t key_end = SkipJsonValue(text, i);
      if (key_end == std::string::npos || text[i] != '"') return Status::Error("document " + id + ": bad layers");
      std::string key = json::parse(text.begin() + static_cast<std::ptrdiff_t>(i),
                                    text.begin() + static_cast<std::ptrdiff_t>(key_end)).get<std::string>();
      i = SkipSpace(text, key_end);
      if (i >= text.size() || text[i] != ':') return Status::Error("document " + id + ": bad layers");
      i = SkipSpace(text, i + 1);
      size_t end = SkipJsonValue(text, i);
      if (end == std::string::npos) return Status::Error("document " + id + ": bad layers");
      if (wanted.count(key)) at[key] = {i, end};
      i = SkipSpace(text, end);
      if (i < text.size() && text[i] == ',') i = SkipSpace(text, i + 1);
    }
  } catch (const json::exception& e) {
    return Status::Error("document " + id + ": " + e.what());
  }
  if (i >= text.size()) return Status::Error("document " + id + ": layers cut short");
  auto parse = [&](std::pair<size_t, size_t> r) {
    return json::parse(text.begin() + static_cast<std::ptrdiff_t>(r.first),
                       text.begin() + static_cast<std::ptrdiff_t>(r.second));
  };
  if (one) return LoadSentenceLayers(id, text, at, sentence, q.Text(0), doc);
  json j = json::object();
  try {
    for (const auto& [key, r] : at) {
      if (key == "events" && sentence >= 0) {
        // Only the event mentions of `sentence` ("sentence" as EventMentionFromJson reads
        // it: -1 when absent).
        json events = json::array();
        std::vector<std::pair<size_t, size_t>> elems;
        if (!ArrayElements(text, r.first, r.second, &elems)) return Status::Error("document " + id + ": bad layers");
        for (const auto& e : elems)
          if (MemberInt(text, e.first, "sentence", -1) == sentence) events.push_back(parse(e));
        j[key] = std::move(events);
      } else {
        j[key] = parse(r);
      }
    }
  } catch (const json::exception& e) {
    return Status::Error("document " + id + ": " + e.what());
  }
  // The fields grounding reads, as DocumentFromJson() (core/document_json.cpp) reads them.
  static const json kNone = json::array();
  auto list = [&](const char* key) -> const json& { return j.contains(key) && j[key].is_array() ? j[key] : kNone; };
  try {
    doc->text = q.Text(0);
    doc->parts.clear();
    for (const json& pj : list("parts")) {
      ThreadPart t;
      t.role = RoleFromString(pj.value("role", "article"));
      doc->parts.push_back(t);
    }
    if (doc->parts.empty()) doc->parts.push_back(ThreadPart{});
    doc->blocks.clear();
    for (const json& bj : list("blocks")) {
      Block b;
      b.part = bj.value("part", 0);
      b.span = Span{bj.value("start", 0u), bj.value("end", 0u)};
      doc->blocks.push_back(b);
    }
    doc->sentences.clear();
    const json& sb = list("sentence_blocks");
    size_t k = 0;
    for (const json& sj : list("sentences")) {
      int block = k < sb.size() ? sb[k].get<int>() : -1;
      doc->sentences.push_back(Sentence{{sj[0], sj[1]}, block});
      ++k;
    }
    doc->attributions.clear();
    for (const json& aj : list("attributions")) {
      Attribution a;
      a.span = Span{aj.value("start", 0u), aj.value("end", 0u)};
      a.sentence = aj.value("sentence", -1);
      a.source = aj.value("source", "");
      a.sourcing = SourcingFromString(aj.value("sourcing", "author"));
      doc->attributions.push_back(std::move(a));
    }
  } catch (const json::exception& e) {
    return Status::Error("document " + id + ": " + e.what());
  }
  // The other layers asked for, read by DocumentFromJson() itself.
  if (layers & (ask::DocumentSource::kEvents | ask::DocumentSource::kEntities | ask::DocumentSource::kTimexes)) {
    json rest = json::object();
    for (const char* key : {"events", "entities", "timex"})
      if (j.contains(key)) rest[key] = std::move(j[key]);
    Document other;
    Status s = DocumentFromJson(rest, &other);
    if (!s.ok()) return s;
    doc->events = std::move(other.events);
    doc->entities = std::move(other.entities);
    doc->timexes = std::move(other.timexes);
  }
  return Status::Ok();
}

Status AskIndex::LoadSentenceLayers(const std::string& id, const std::string& text,
                                    const std::map<std::string, std::pair<size_t, size_t>>& at, int sentence,
                                    std::string clean, Document* doc) {
  auto bad = [&]() { return Status::Error("document " + id + ": bad layers"); };
  auto parse = [&](std::pair<size_t, size_t> r) {
    return json::parse(text.begin() + static_cast<std::ptrdiff_t>(r.first),
                       text.begin() + static_cast<std::ptrdiff_t>(r.second));
  };
  std::vector<Span> spans;
  auto sit = at.find("sentences");
  if (sit != at.end() && !ParseSpanPairs(text, sit->second.first, sit->second.second, &spans)) return bad();
  Span span{1, 0};  // contains nothing when the sentence is not there
  if (static_cast<size_t>(sentence) < spans.size()) span = spans[static_cast<size_t>(sentence)];
  json rest = json::object();
  // Entity mentions and time expressions left out keep their place (their indices are what
  // event mentions name) with a span outside every sentence.
  std::vector<size_t> kept_entities, kept_timex;
  size_t n_entities = 0, n_timex = 0;
  try {
    std::set<int64_t> named;  // entity mentions the sentence's event mentions name
    json events = json::array();
    if (auto e = at.find("events"); e != at.end()) {
      std::vector<std::pair<size_t, size_t>> elems;
      if (!ArrayElements(text, e->second.first, e->second.second, &elems)) return bad();
      for (const auto& el : elems) {
        if (MemberInt(text, el.first, "sentence", -1) != sentence) continue;
        events.push_back(parse(el));
        EventMention m = EventMentionFromJson(events.back());
        for (const auto* args : {&m.source, &m.target})
          for (const EventArg& a : *args) named.insert(a.mention);
        named.insert(m.place.mention);
      }
    }
    rest["events"] = std::move(events);
    for (const char* key : {"entities", "timex"}) {
      auto e = at.find(key);
      if (e == at.end()) continue;
      std::vector<std::pair<size_t, size_t>> elems;
      if (!ArrayElements(text, e->second.first, e->second.second, &elems)) return bad();
      const bool entities = key[0] == 'e';
      (entities ? n_entities : n_timex) = elems.size();
      json list = json::array();
      for (size_t k = 0; k < elems.size(); ++k) {
        int64_t start = MemberInt(text, elems[k].first, "start", -1), end = MemberInt(text, elems[k].first, "end", -1);
        bool inside = start >= span.start && end <= span.end;  // Span::Contains
        if (!(inside || start < 0 || end < 0 || (entities && named.count(static_cast<int64_t>(k))))) continue;
        list.push_back(parse(elems[k]));
        (entities ? kept_entities : kept_timex).push_back(k);
      }
      rest[key] = std::move(list);
    }
  } catch (const json::exception& e) {
    return Status::Error("document " + id + ": " + e.what());
  }
  Document other;
  Status s = DocumentFromJson(rest, &other);
  if (!s.ok()) return s;
  const Span outside{0xFFFFFFFFu, 0xFFFFFFFFu};
  doc->entities.assign(n_entities, EntityMention{});
  for (EntityMention& m : doc->entities) m.span = outside;
  for (size_t k = 0; k < kept_entities.size() && k < other.entities.size(); ++k)
    doc->entities[kept_entities[k]] = std::move(other.entities[k]);
  doc->timexes.assign(n_timex, Timex{});
  for (Timex& t : doc->timexes) t.span = outside;
  for (size_t k = 0; k < kept_timex.size() && k < other.timexes.size(); ++k)
    doc->timexes[kept_timex[k]] = std::move(other.timexes[k]);
  doc->text = std::move(clean);
  doc->sentences.clear();
  for (const Span& sp : spans) doc->sentences.push_back(Sentence{sp, -1});
  doc->parts.assign(1, ThreadPart{});
  doc->blocks.clear();
  doc->attributions.clear();
  doc->events = std::move(other.events);
  return Status::Ok();
}

Status AskIndex::LoadGroundingText(const std::string& id, ask::GroundingText* out) {
  Stmt d(Cached("SELECT d.text, a.first, a.last FROM ask_docs a JOIN docs d ON d.id = a.id WHERE a.id = ?"));
  if (!d.ok()) return Status::Error("no ask_docs");
  d.Bind(1, id);
  if (d.Step() != SQLITE_ROW) return Status::Error("no sentence rows for " + id);
  out->text = d.Text(0);
  out->doc = nullptr;
  out->sentences.clear();
  Stmt r(Cached(
      "SELECT idx, start, end, attributed_to, sourcing, role FROM sentence_rows "
      "WHERE rowid BETWEEN ?1 AND ?2 AND doc = ?3 ORDER BY rowid"));
  r.Bind(1, d.Int(1)).Bind(2, d.Int(2)).Bind(3, id);
  while (r.Step() == SQLITE_ROW) {
    // Rows in sentence order, every sentence once (else the layers are read).
    if (r.Int(0) != static_cast<int64_t>(out->sentences.size())) return Status::Error("sentence rows of " + id);
    ask::GroundingText::Sentence sn;
    sn.start = static_cast<uint32_t>(r.Int(1));
    sn.end = static_cast<uint32_t>(r.Int(2));
    // Store::AddDocuments keeps the sentence's first attribution; grounding takes it unless
    // it is the author's.
    sn.sourcing = SourcingFromString(r.Text(4));
    if (sn.sourcing != Sourcing::kAuthor) sn.attributed_to = r.Text(3);
    sn.role = RoleFromString(r.Text(5));
    if (sn.start > sn.end || sn.end > out->text.size() ||
        (!out->sentences.empty() && sn.start < out->sentences.back().end))
      return Status::Error("sentence rows of " + id);
    out->sentences.push_back(std::move(sn));
  }
  return Status::Ok();
}

std::vector<AskIndex::Hit> AskIndex::Match(const std::string& query, int limit, int offset) {
  std::vector<Hit> out;
  // FTS5 gives its rows in rowid order, so LIMIT stops early: the first `limit` stored
  // events (real first, most documents first) that match.
  Stmt q(Cached(
      "SELECT f.rank, f.docs, f.mentions, f.asserted FROM ask_events JOIN ask_facts f ON f.rank = ask_events.rowid "
      "WHERE ask_events MATCH ? ORDER BY ask_events.rowid LIMIT ? OFFSET ?"));
  q.Bind(1, query).Bind(2, static_cast<int64_t>(limit)).Bind(3, static_cast<int64_t>(offset));
  while (q.Step() == SQLITE_ROW) {
    Hit h;
    h.rank = q.Int(0);
    h.docs = static_cast<int>(q.Int(1));
    int64_t mentions = q.Int(2), asserted = q.Int(3);
    h.real = mentions == 0 ? 1.0 : static_cast<double>(asserted) / static_cast<double>(mentions);
    out.push_back(h);
  }
  return out;
}

// Which events the answerer may be about.
//
// ask::MatchEvents() scores an event by what it shares with the question: a question entity
// in its source or target (1.5 to 3 per entity), elsewhere in it (place, mention sentences:
// 1), the event family of the question's verbs (2), each question word in its best mention
// sentence (0.5), plus 0.3 * log2(1 + documents), all scaled by its share of asserted
// mentions; the answer uses the best events only (the first, and those within 75% of it).
//
// Every such signal is an FTS query over ask_events: per entity "in a role" (roles column,
// its names' keys as phrases) and "anywhere" (roles, place, or its names and aliases as
// written in the mention text), the family (fam: the CAMEO roots of the question's
// families), per word (text: the word and its synonyms). For every combination of signals,
// richest first, the first events in stored order that have them all are loaded. Stored
// order is real events first, most documents first, so within one combination the events
// come by decreasing score estimate; an event is left out only when `per_query` events with
// at least its signals and at least its document count come before it, and each of them
// scores at least as well as it does (up to the approximations below). Combinations whose
// best possible estimate is far below the best event found are skipped.
//
// Approximations (where, in principle, the answer on a big store may differ from the one
// reading every event): words are matched by FTS5's Porter stemmer rather than ask::Stem();
// an entity is found in mention sentences by its names and aliases as written, not by
// transliteration keys (an alias list holds the spellings the corpus used, as resolution
// merged them); a word signal matches any mention while the score counts words in the best
// single mention; at most two entities and four words form combinations.
std::vector<int64_t> AskIndex::CandidateEvents(const ask::Question& q, const ask::QuestionEntities& qe,
                                               const ask::EntityIndex& index, const Limits& limits) {
  struct Option {
    std::string expr;
    double weight;
  };
  // Groups of exclusive options (an entity in a role, or anywhere); an empty option list
  // entry is "not required".
  std::vector<std::vector<Option>> groups;

  std::vector<int> ents;
  for (int e : qe.entities)
    if (std::find(ents.begin(), ents.end(), e) == ents.end() && ents.size() < 2) ents.push_back(e);
  for (int e : ents) {
    const ask::EntityRef& r = index.at(e);
    std::vector<std::string> key_phrases, text_phrases;
    for (const auto& k : r.keys)
      if (key_phrases.size() < 16) key_phrases.push_back(Phrase(Join(k, " ")));
    for (const std::string& n : r.names) {
      if (!HasAlnum(n) || text_phrases.size() >= 16) continue;
      std::string p = Phrase(n);
      if (std::find(text_phrases.begin(), text_phrases.end(), p) == text_phrases.end()) text_phrases.push_back(p);
    }
    if (key_phrases.empty() && text_phrases.empty()) continue;
    std::string keys = Join(key_phrases, " OR "), texts = Join(text_phrases, " OR ");
    std::vector<Option> g;
    if (!key_phrases.empty()) g.push_back({"roles : (" + keys + ")", 2.5});
    std::string any;
    if (!key_phrases.empty()) any = "{roles place} : (" + keys + ")";
    if (!text_phrases.empty()) any += (any.empty() ? "" : " OR ") + std::string("text : (") + texts + ")";
    g.push_back({any, 1.0});
    groups.push_back(std::move(g));
  }
  std::vector<std::string> roots = ask::CameoRootsOf(ask::QuestionFamilies(q));
  if (!roots.empty()) {
    std::vector<std::string> toks;
    for (const std::string& r : roots)
      if (HasAlnum(r)) toks.push_back(Phrase("f" + r));
    if (!toks.empty()) groups.push_back({{"fam : (" + Join(toks, " OR ") + ")", 2.0}});
  }
  std::set<std::string> seen_words;
  int nwords = 0;
  for (size_t i : ask::MatchWords(q, index)) {
    const ask::Word& w = q.words[i];
    if (!seen_words.insert(w.stem).second || nwords >= 4) continue;
    std::vector<std::string> terms;
    if (HasAlnum(w.fold)) terms.push_back(Phrase(w.fold));
    for (const std::string& syn : ask::SynonymWords(ask::SynonymGroup(w.stem))) {
      std::string p = Phrase(FoldName(syn));
      if (HasAlnum(syn) && std::find(terms.begin(), terms.end(), p) == terms.end()) terms.push_back(p);
    }
    if (terms.empty()) continue;
    groups.push_back({{"text : (" + Join(terms, " OR ") + ")", 0.5}});
    ++nwords;
  }

  // Every combination: one option (or none) per group.
  struct Combo {
    std::vector<const Option*> parts;
    double weight = 0;
  };
  std::vector<Combo> combos = {Combo{}};
  for (const auto& g : groups) {
    std::vector<Combo> next;
    for (const Combo& c : combos) {
      next.push_back(c);
      for (const Option& o : g) {
        Combo d = c;
        d.parts.push_back(&o);
        d.weight += o.weight;
        next.push_back(std::move(d));
      }
    }
    combos = std::move(next);
  }
  combos.erase(std::remove_if(combos.begin(), combos.end(), [](const Combo& c) { return c.parts.empty(); }),
               combos.end());
  std::stable_sort(combos.begin(), combos.end(), [](const Combo& a, const Combo& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.parts.size() < b.parts.size();
  });

  const double max_docs_term = 0.3 * std::log2(1.0 + static_cast<double>(std::atoll(Meta("max_docs").c_str())));
  double best = 0;  // best estimate found so far
  std::set<int64_t> out;
  int queries = 0;
  for (const Combo& c : combos) {
    if (queries >= limits.queries) break;
    // Nothing with these signals can come near the best event found.
    if (c.weight + max_docs_term < 0.6 * best) continue;
    std::vector<std::string> parts;
    for (const Option* o : c.parts) parts.push_back("(" + o->expr + ")");
    ++queries;
    for (const Hit& h : Match(Join(parts, " AND "), limits.per_query)) {
      out.insert(h.rank);
      best = std::max(best, (c.weight + 0.3 * std::log2(1.0 + h.docs)) * (0.5 + 0.5 * h.real));
    }
  }
  return std::vector<int64_t>(out.begin(), out.end());
}

// The timeline entries a what-happened question reads (ask/answer.cpp, EventList). The
// answerer lists each summary once, from its first entry in timeline order (if that entry's
// event is about the question), so for every summary it may list, its first entry is loaded.
//  * With a question entity (and no "after"/"before"): the summaries of the entries of every
//    event whose mention sentences name it (by its names and aliases as written; at most
//    kMaxEntityEvents events, kMaxSummaries summaries). Few events have entries, so this is
//    cheap, and it is all the answerer would list.
//  * Without one, or "after"/"before" an event: every entry qualifies (dated after/before
//    that event's date); answers are ranked by the documents that support them, so the
//    entries of the events first in stored order (most documents first) are read until the
//    next ones cannot make the list (see below), at most kMaxEvents entries.
std::vector<int64_t> AskIndex::TimelineEntries(const ask::Question& q, const ask::QuestionEntities& qe,
                                               const ask::EntityIndex& index,
                                               const std::vector<ask::EventFacts>& facts, const Limits& limits) {
  std::string pivot;
  if (!q.relation.empty()) {
    std::vector<ask::EventMatch> m = ask::MatchEvents(q, qe, index, facts);
    if (!m.empty()) pivot = m.front().facts->date;
  }
  auto calendar = [](const std::string& v) {  // as EventList reads dates
    if (v.size() < 4) return false;
    for (size_t i = 0; i < v.size() && i < 10; ++i)
      if (!(std::isdigit(static_cast<unsigned char>(v[i])) || (i >= 4 && v[i] == '-'))) return false;
    return true;
  };
  if (!pivot.empty() && !calendar(pivot)) pivot.clear();
  bool open = qe.entities.empty() || !pivot.empty();
  std::vector<std::string> phrases;
  if (!open)
    for (int e : qe.entities)
      for (const std::string& n : index.at(e).names)
        if (HasAlnum(n) && phrases.size() < 32) phrases.push_back(Phrase(n));
  constexpr int64_t kMaxEntityEvents = 50000;  // events naming the entity, at most
  constexpr int64_t kMaxSummaries = 2000;      // summaries of their entries, at most
  constexpr size_t kListed = 12;               // answers listed
  constexpr int kMaxEvents = 2000;             // open: entries read, at most
  std::set<int64_t> entries;
  std::set<std::string> summaries;
  if (!open) {
    // Every summary of the entries of the events whose mention sentences name a question
    // entity (the answerer lists each summary once, from its first entry: added below).
    if (!phrases.empty()) {
      Stmt all(db_,
               "SELECT DISTINCT summary FROM ask_timeline WHERE event_rank IN "
               "(SELECT rowid FROM ask_events WHERE ask_events MATCH ?1 LIMIT ?2) LIMIT ?3");
      all.Bind(1, "text : (" + Join(phrases, " OR ") + ")")
          .Bind(2, static_cast<int64_t>(kMaxEntityEvents))
          .Bind(3, static_cast<int64_t>(kMaxSummaries));
      while (all.Step() == SQLITE_ROW) summaries.insert(all.Text(0));
    }
  } else {
    // A date after the pivot sorts after it as a string (and one before it, before).
    std::string sql =
        "SELECT t.seq, t.summary, f.docs FROM ask_timeline t JOIN ask_facts f ON f.rank = t.event_rank "
        "WHERE t.event_rank IS NOT NULL";
    if (!pivot.empty()) sql += q.relation == "after" ? " AND t.date > ?1" : " AND t.date < ?1";
    sql += " ORDER BY t.event_rank LIMIT ?2 OFFSET ?3";
    Stmt all(db_, sql.c_str());
    // Chunks of entries, their events in stored order (most documents first). An answer
    // scores at most one per document and, with the usual sourcing, more than 0.6 per
    // document; so once 12 summaries are in, entries whose event has fewer than 0.6 times
    // the documents of the 12th best cannot make the list.
    std::map<std::string, int> docs_of;  // summary -> documents of its first event read
    const int chunk = std::max(1, limits.timeline_events);
    for (int offset = 0; offset < kMaxEvents; offset += chunk) {
      bool more = false;
      int last_docs = 0;
      if (!pivot.empty()) all.Bind(1, pivot);
      all.Bind(2, static_cast<int64_t>(chunk)).Bind(3, static_cast<int64_t>(offset));
      while (all.Step() == SQLITE_ROW) {
        more = true;
        entries.insert(all.Int(0));
        last_docs = static_cast<int>(all.Int(2));
        docs_of.emplace(all.Text(1), last_docs);
      }
      all.Reset();
      if (!more) break;  // no more entries
      if (docs_of.size() >= kListed) {
        std::vector<int> docs;
        for (const auto& [summary, d] : docs_of) docs.push_back(d);
        std::nth_element(docs.begin(), docs.begin() + (kListed - 1), docs.end(), std::greater<int>());
        if (last_docs < 0.6 * docs[kListed - 1]) break;
      }
    }
    for (const auto& [summary, d] : docs_of) summaries.insert(summary);
  }
  std::set<int64_t> out = entries;
  Stmt first(db_, "SELECT min(seq) FROM ask_timeline WHERE summary = ?");
  for (const std::string& summary : summaries) {
    first.Bind(1, summary);
    if (first.Step() == SQLITE_ROW && !first.Null(0)) out.insert(first.Int(0));
    first.Reset();
  }
  return std::vector<int64_t>(out.begin(), out.end());
}

Status AskIndex::LoadView(const std::string& question, ask::DossierView* view, const Limits& limits) {
  *view = ask::DossierView();
  view->lookup = this;
  ask::Question q = ask::AnalyzeQuestion(question);

  // The entities the question can name (ask::EntityIndex::FindIn matches a name where the
  // question's word keys spell its keys, skipping keyless words inside it: so its first two
  // keys are a question word's key and the next key), and the most mentioned person (taken
  // for "he", "she").
  std::vector<std::string> keys = ask::WordKeys(q.words);
  std::set<int64_t> seqs;
  {
    Stmt s(db_, "SELECT seq FROM ask_names WHERE k1 = ?1 AND (k2 = '' OR k2 = ?2)");
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].empty()) continue;
      std::string next;
      for (size_t j = i + 1; j < keys.size() && next.empty(); ++j) next = keys[j];
      s.Bind(1, keys[i]).Bind(2, next);
      while (s.Step() == SQLITE_ROW) seqs.insert(s.Int(0));
      s.Reset();
    }
  }
  if (q.pronoun && !Meta("top_person").empty()) seqs.insert(std::atoll(Meta("top_person").c_str()));
  for (json& e : LoadEntities(std::vector<int64_t>(seqs.begin(), seqs.end()))) view->entities.push_back(std::move(e));

  // The question's entities as the answerer will resolve them, and its candidate events.
  ask::EntityIndex index(view->entities, this);
  ask::QuestionEntities qe = ask::ResolveQuestionEntities(q, index);
  // The evidence search the answerer will run, started now on its own connection.
  ask::PlannedSearch plan;
  if (prefetch_on_ && ask::PlanSearch(q, qe, index, &plan)) Prefetch(plan.terms, plan.limit);
  std::vector<int64_t> events = CandidateEvents(q, qe, index, limits);
  {
    Stmt s(db_,
           "SELECT id, cameo, place, date, source, target, texts, docs, mentions, asserted FROM ask_facts WHERE rank = ?");
    for (int64_t rank : events) {
      s.Bind(1, rank);
      if (s.Step() == SQLITE_ROW) {
        // The mention sentences (the bulk of it) are read without building JSON values.
        std::vector<std::string> texts;
        std::string raw_texts = s.Text(6);
        bool plain = ParseStringArray(raw_texts, &texts);
        json c = {{"id", s.Text(0)},
                  {"cameo", s.Text(1)},
                  {"place", s.Text(2)},
                  {"date", s.Text(3)},
                  {"source", ParseArray(s.Text(4))},
                  {"target", ParseArray(s.Text(5))},
                  {"texts", plain ? json::array() : ParseArray(raw_texts)}};
        ask::EventFacts f = ask::FactsOfCompact(c, static_cast<int>(s.Int(7)), static_cast<int>(s.Int(8)),
                                                static_cast<int>(s.Int(9)));
        if (plain) f.texts = std::move(texts);
        f.seq = rank;
        view->event_facts.push_back(std::move(f));
      }
      s.Reset();
    }
  }

  // The timeline, for what-happened questions only (nothing else reads it).
  if (q.type == ask::AnswerType::kEvents) {
    Stmt s(db_, "SELECT json FROM timeline WHERE seq = ?");
    for (int64_t seq : TimelineEntries(q, qe, index, view->event_facts, limits)) {
      s.Bind(1, seq);
      if (s.Step() == SQLITE_ROW) {
        json j = json::parse(s.Text(0), nullptr, false);
        if (!j.is_discarded()) view->timeline.push_back(std::move(j));
      }
      s.Reset();
    }
  }

  // Conflicts are left out: the answerer does not read them (and those of big events are
  // long).
  return Status::Ok();

}

// ---------------------------------------------------------------------------------------
// Evidence search: Store::Search()'s hits without ranking every matching sentence.
//
// Store::Search() ranks the sentences matching "t1" OR "t2" OR ... with FTS5's bm25() and
// keeps the first `limit` (ORDER BY rank LIMIT: the best scores, ties in rowid order, as
// SQLite's sorter keeps the rows it met first). bm25() looks up the length of every
// matching sentence in FTS5's docsize table, which for common words is most of the cost
// (hundreds of thousands of sentences on a large store). Here an FTS5 auxiliary function
// reads, through FTS5's own API, what bm25() reads: every phrase's matching rows
// (xQueryPhrase, which bm25() also runs, to count them), their instances, the row count and
// total size. The scores are computed with bm25()'s formula in its order of operations (so
// they are the same doubles) from the lengths of ask_lengths (a byte per sentence, written
// with the index): the sentences in rowid order, each kept when it beats the worst kept;
// one whose phrases cannot reach that score (a phrase adds less than idf * (k1 + 1)) is
// passed over unread. Without ask_lengths (a store indexed before it), lengths come from
// the docsize table, and only for the sentences that can still make the list: a sentence
// has at least as many tokens as its last matched phrase ends at, and bm25 decreases with
// length, which bounds its score; they are scored best bound first until the next bound is
// below the worst kept. Phrases the query repeats (the tokenizer stems "attack" and
// "attacks" alike) are read once. A search can run ahead on a connection and thread of its
// own (Prefetch).

namespace {

constexpr const char* kTopKPointer = "dossier_ask_topk";

// One distinct phrase's matching rows in rowid order: the rowid, and the phrase's instances
// in the row (16 bits) with where the last one ends (16 bits: the row has at least that many
// tokens; capped, which keeps it a lower bound).
struct PhraseRows {
  std::vector<uint32_t> rowid;
  std::vector<uint32_t> tf_end;
  std::unordered_map<size_t, uint32_t> big_tf;  // instance counts of 0xFFFF or more, by index
  uint32_t Tf(size_t i) const {
    uint32_t tf = tf_end[i] >> 16;
    if (tf != 0xFFFF) return tf;
    auto it = big_tf.find(i);
    return it == big_tf.end() ? tf : it->second;
  }
  uint32_t End(size_t i) const { return tf_end[i] & 0xFFFF; }
};

struct TopKCall {
  std::vector<std::string> terms;  // the query's phrases, in order
  bool called = false;
  bool wide = false;  // a rowid beyond 32 bits: the caller falls back to Store::Search
  int rc = SQLITE_OK;
  sqlite3_int64 nrow = 0, ntoken = 0;
  std::vector<uint32_t> distinct;   // per phrase: its distinct phrase
  std::vector<uint32_t> first_of;   // per distinct phrase: its first phrase
  std::vector<sqlite3_int64> hits;  // per distinct phrase: rows matching it (bm25's nHit)
  std::vector<PhraseRows> rows;     // per distinct phrase
};

struct PhraseScan {
  TopKCall* call;
  uint32_t distinct;
  uint32_t size;
};

int CollectPhraseRow(const Fts5ExtensionApi* api, Fts5Context* fts, void* user) {
  auto* scan = static_cast<PhraseScan*>(user);
  ++scan->call->hits[scan->distinct];
  // The phrase's instances in the row, in position order: how many, and where the last ends.
  Fts5PhraseIter it;
  int col = -1, off = -1, last = -1;
  uint32_t n = 0;
  int rc = api->xPhraseFirst(fts, 0, &it, &col, &off);
  if (rc != SQLITE_OK) return rc;
  for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off)) {
    ++n;
    last = off;
  }
  if (n == 0) return SQLITE_OK;
  sqlite3_int64 rowid = api->xRowid(fts);
  if (rowid < 0 || rowid > 0xFFFFFFFFll) {
    scan->call->wide = true;
    return SQLITE_OK;
  }
  PhraseRows& r = scan->call->rows[scan->distinct];
  uint64_t end = static_cast<uint64_t>(std::max(last, 0)) + scan->size;
  if (n >= 0xFFFF) r.big_tf[r.rowid.size()] = n;
  r.rowid.push_back(static_cast<uint32_t>(rowid));
  r.tf_end.push_back((std::min<uint32_t>(n, 0xFFFF) << 16) | static_cast<uint32_t>(std::min<uint64_t>(end, 0xFFFF)));
  return SQLITE_OK;
}

struct TokenList {
  std::vector<std::string> tokens;
};
int AddToken(void* ctx, int flags, const char* token, int n, int, int) {
  auto* list = static_cast<TokenList*>(ctx);
  if ((flags & FTS5_TOKEN_COLOCATED) && !list->tokens.empty())
    list->tokens.back() += std::string("\x01") + std::string(token, static_cast<size_t>(n));
  else
    list->tokens.emplace_back(token, static_cast<size_t>(n));
  return SQLITE_OK;
}

// The auxiliary function: on the first row of the query, reads what bm25() would for all rows.
void TopKFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nval, sqlite3_value** vals) {
  auto* call = nval >= 1 ? static_cast<TopKCall*>(sqlite3_value_pointer(vals[0], kTopKPointer)) : nullptr;
  sqlite3_result_null(ctx);
  if (call == nullptr || call->called) return;
  call->called = true;
  int rc = api->xRowCount(fts, &call->nrow);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &call->ntoken);
  const int nphrase = std::max(api->xPhraseCount(fts), 0);
  // Phrases with the same tokens (as the table's tokenizer gives them) are read once. When
  // the phrases are not the terms one for one, each phrase is its own.
  std::vector<std::vector<std::string>> tokens(static_cast<size_t>(nphrase));
  bool same = static_cast<int>(call->terms.size()) == nphrase;
  for (int i = 0; same && rc == SQLITE_OK && i < nphrase; ++i) {
    TokenList list;
    const std::string& t = call->terms[static_cast<size_t>(i)];
    rc = api->xTokenize(fts, t.data(), static_cast<int>(t.size()), &list, AddToken);
    same = rc == SQLITE_OK && static_cast<int>(list.tokens.size()) == api->xPhraseSize(fts, i) && !list.tokens.empty();
    tokens[static_cast<size_t>(i)] = std::move(list.tokens);
  }
  if (rc != SQLITE_OK) {
    call->rc = rc;
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  call->distinct.assign(static_cast<size_t>(nphrase), 0);
  for (int i = 0; i < nphrase; ++i) {
    uint32_t d = static_cast<uint32_t>(call->first_of.size());
    if (same)
      for (uint32_t k = 0; k < call->first_of.size(); ++k)
        if (tokens[call->first_of[k]] == tokens[static_cast<size_t>(i)]) d = k;
    if (d == call->first_of.size()) call->first_of.push_back(static_cast<uint32_t>(i));
    call->distinct[static_cast<size_t>(i)] = d;
  }
  call->hits.assign(call->first_of.size(), 0);
  call->rows.assign(call->first_of.size(), PhraseRows{});
  for (uint32_t d = 0; rc == SQLITE_OK && d < call->first_of.size(); ++d) {
    int i = static_cast<int>(call->first_of[d]);
    PhraseScan scan{call, d, static_cast<uint32_t>(std::max(api->xPhraseSize(fts, i), 0))};
    rc = api->xQueryPhrase(fts, i, &scan, CollectPhraseRow);
  }
  call->rc = rc;
  if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
}

// The token counts of ask_lengths for sentences asked for in increasing rowid order, each
// chunk read once and used in place (not copied): `stmt` selects a chunk's blob by its
// number, and stays on that chunk's row until the next chunk is asked for (reset when this
// goes away). Gives what SentenceRanker::StoredLength() gives, for sentences up to `max`
// (the last one ask_lengths covers).
class ChunkedLengths {
 public:
  ChunkedLengths(sqlite3_stmt* stmt, int64_t max) : stmt_(stmt), max_(max) {}
  ~ChunkedLengths() {
    if (stmt_ != nullptr) sqlite3_reset(stmt_);
  }
  ChunkedLengths(const ChunkedLengths&) = delete;
  ChunkedLengths& operator=(const ChunkedLengths&) = delete;

  // The token count of sentence `rowid`, -1 when ask_lengths does not give it. `rowid` is
  // never less than the one asked for before.
  int64_t Get(int64_t rowid) {
    if (stmt_ == nullptr || rowid < 0 || rowid > max_) return -1;
    const int64_t chunk = rowid >> kLengthChunkBits;
    if (chunk != chunk_) {
      chunk_ = chunk;
      data_ = nullptr;
      size_ = 0;
      sqlite3_reset(stmt_);
      sqlite3_bind_int64(stmt_, 1, chunk);
      if (sqlite3_step(stmt_) == SQLITE_ROW) {
        data_ = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, 0));
        size_ = data_ == nullptr ? 0 : static_cast<size_t>(sqlite3_column_bytes(stmt_, 0));
      }
    }
    const size_t at = static_cast<size_t>(rowid & (kLengthChunk - 1));
    if (at >= size_) return -1;
    return data_[at] == kLengthUnknown ? -1 : data_[at];
  }

 private:
  sqlite3_stmt* stmt_;
  const int64_t max_;
  int64_t chunk_ = -1;
  const unsigned char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace

// FTS5's bm25 top of the sentences for one connection (see above).
class SentenceRanker {
 public:
  explicit SentenceRanker(sqlite3* db) : db_(db), stmts_(db) {}
  SentenceRanker(const SentenceRanker&) = delete;
  SentenceRanker& operator=(const SentenceRanker&) = delete;
  // Store::Search()'s hits for `terms`; false when the FTS5 API cannot be had.
  bool Search(const std::vector<std::string>& terms, int limit, std::vector<SentenceHit>* hits);

 private:
  // The best `limit` sentences (rowid and score as bm25() gives it) for the FTS5 query
  // `match` of the phrases `terms`; false when the FTS5 API cannot be had.
  bool Top(const std::vector<std::string>& terms, const std::string& match, int limit,
           std::vector<std::pair<int64_t, double>>* out);
  // Tokens in sentence `rowid` (what FTS5's bm25() reads for it), -1 when unknown;
  // StoredLength() only from ask_lengths (-1 when it does not have it).
  int64_t SentenceLength(int64_t rowid);
  int64_t StoredLength(int64_t rowid);
  // The last sentence ask_lengths covers (-1: none).
  int64_t LengthsMax();
  sqlite3_stmt* Cached(const char* sql);

  sqlite3* db_;
  store::StatementCache stmts_;
  bool fts5_checked_ = false;
  bool fts5_ok_ = false;
  int64_t lengths_max_ = -2;  // sentences ask_lengths covers (-1: none; -2: not read yet)
  std::unordered_map<int64_t, std::string> lengths_;  // ask_lengths chunks read
  int64_t last_chunk_ = -1;
  const std::string* last_lengths_ = nullptr;
};

int64_t SentenceRanker::LengthsMax() {
  if (lengths_max_ == -2) {
    lengths_max_ = -1;
    Stmt q(db_, "SELECT value FROM ask_meta WHERE key = 'lengths_max'");
    if (q.ok() && q.Step() == SQLITE_ROW) lengths_max_ = std::atoll(q.Text(0).c_str());
  }
  return lengths_max_;
}

int64_t SentenceRanker::StoredLength(int64_t rowid) {
  if (rowid < 0 || rowid > LengthsMax()) return -1;
  const int64_t chunk = rowid >> kLengthChunkBits;
  if (chunk != last_chunk_) {
    auto it = lengths_.find(chunk);
    if (it == lengths_.end()) {
      Stmt q(Cached("SELECT lens FROM ask_lengths WHERE chunk = ?"));
      q.Bind(1, chunk);
      it = lengths_.emplace(chunk, q.Step() == SQLITE_ROW ? q.Blob(0) : std::string()).first;
    }
    last_chunk_ = chunk;
    last_lengths_ = &it->second;
  }
  const size_t at = static_cast<size_t>(rowid & (kLengthChunk - 1));
  if (at >= last_lengths_->size()) return -1;
  unsigned char v = static_cast<unsigned char>((*last_lengths_)[at]);
  return v == kLengthUnknown ? -1 : v;
}

int64_t SentenceRanker::SentenceLength(int64_t rowid) {
  int64_t n = StoredLength(rowid);
  if (n >= 0) return n;
  // FTS5's docsize row: one varint per column (one column here).
  Stmt q(Cached("SELECT sz FROM sentences_docsize WHERE id = ?"));
  q.Bind(1, rowid);
  if (q.Step() != SQLITE_ROW) return -1;
  return DocsizeValue(static_cast<const unsigned char*>(sqlite3_column_blob(q.stmt(), 0)),
                      sqlite3_column_bytes(q.stmt(), 0));
}

bool SentenceRanker::Top(const std::vector<std::string>& terms, const std::string& match, int limit,
                         std::vector<std::pair<int64_t, double>>* out) {
  out->clear();
  if (!fts5_checked_) {
    fts5_checked_ = true;
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
      sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
      sqlite3_step(st);
    }
    sqlite3_finalize(st);
    fts5_ok_ = api != nullptr && api->iVersion >= 2 &&
               api->xCreateFunction(api, "dossier_ask_topk", nullptr, &TopKFunction, nullptr) == SQLITE_OK;
  }
  if (!fts5_ok_) return false;
  if (limit <= 0) return true;
  TopKCall call;
  call.terms = terms;
  {
    Stmt q(Cached("SELECT dossier_ask_topk(sentences, ?2) FROM sentences WHERE sentences MATCH ?1 LIMIT 1"));
    if (!q.ok()) return false;
    q.Bind(1, match);
    sqlite3_bind_pointer(q.stmt(), 2, &call, kTopKPointer, nullptr);
    int rc = q.Step();
    if (rc != SQLITE_ROW || call.rc != SQLITE_OK) return true;  // no match, or an error: no hits (as Store::Search)
  }
  if (call.wide) return false;
  if (call.nrow <= 0) return true;

  // bm25()'s constants and IDF, as fts5_aux.c computes them.
  const double k1 = 1.2;
  const double b = 0.75;
  const double avgdl = static_cast<double>(call.ntoken) / static_cast<double>(call.nrow);
  const size_t ndistinct = call.first_of.size();
  std::vector<double> idf(ndistinct);
  std::vector<double> times(ndistinct, 0.0);  // phrases per distinct phrase
  for (size_t d = 0; d < ndistinct; ++d) {
    double v = std::log((call.nrow - call.hits[d] + 0.5) / (call.hits[d] + 0.5));
    if (v <= 0.0) v = 1e-6;
    idf[d] = v;
  }
  for (uint32_t d : call.distinct) times[d] += 1.0;
  auto term = [&](uint32_t d, uint32_t tf, double D) {
    double f = static_cast<double>(tf);
    return idf[d] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * D / avgdl)));
  };
  // The score as bm25() sums it: phrases in query order (those without instances add 0).
  std::vector<uint32_t> tf_of(ndistinct, 0);
  auto exact = [&](const std::pair<uint32_t, uint32_t>* p, size_t n, double D) {
    for (size_t k = 0; k < n; ++k) tf_of[p[k].first] = p[k].second;
    double s = 0.0;
    for (uint32_t d : call.distinct)
      if (tf_of[d] > 0) s += term(d, tf_of[d], D);
    for (size_t k = 0; k < n; ++k) tf_of[p[k].first] = 0;
    return s;
  };

  // The kept rows: a heap whose top is the worst kept (lowest score, then highest rowid).
  struct Kept {
    double score;
    int64_t rowid;
  };
  auto better = [](const Kept& a, const Kept& c) {
    if (a.score != c.score) return a.score > c.score;
    return a.rowid < c.rowid;
  };
  std::priority_queue<Kept, std::vector<Kept>, decltype(better)> kept(better);
  const size_t k = static_cast<size_t>(limit);
  auto offer = [&](const Kept& x) {
    if (kept.size() < k) {
      kept.push(x);
    } else if (better(x, kept.top())) {
      kept.pop();
      kept.push(x);
    }
  };
  // Rows whose length ask_lengths does not give, to score best bound first.
  struct Pending {
    double bound;
    int64_t rowid;
    uint32_t first, count;  // in `pending_tf`
  };
  std::vector<Pending> pending;
  std::vector<std::pair<uint32_t, uint32_t>> pending_tf;

  // The rows in rowid order, a block of 2^16 rowids at a time: the phrases' rows in the
  // block (a run of each phrase's rows), phrase after phrase, sorted by their low 16 bits
  // (LSD radix sort, two 8-bit digits, stable: within a row the distinct phrases come in
  // order). Small buffers, whatever the number of rows and phrases.
  struct Entry {
    uint32_t rowid;
    uint32_t phrase;  // distinct phrase
    size_t at;        // index in its PhraseRows
  };
  constexpr int kBlockBits = 16;
  uint32_t hi = 0;
  for (const PhraseRows& pr : call.rows)
    if (!pr.rowid.empty()) hi = std::max(hi, pr.rowid.back());
  std::vector<size_t> end_at(ndistinct, 0);  // per distinct phrase: the end of its rows in `block`
  std::vector<Entry> block, sorted;
  size_t next_entry = 0;    // in `block`, the next row's first entry
  uint64_t next_block = 0;  // the first rowid of the block after `block`
  // Loads the next block that has rows into `block`; false when there is none.
  auto load_block = [&]() {
    block.clear();
    next_entry = 0;
    while (block.empty()) {
      if (next_block > hi) return false;
      const uint64_t limit = next_block + (uint64_t{1} << kBlockBits);
      for (uint32_t d = 0; d < ndistinct; ++d) {
        const std::vector<uint32_t>& rows = call.rows[d].rowid;
        const size_t from = end_at[d];
        end_at[d] = static_cast<size_t>(
            std::lower_bound(rows.begin() + static_cast<std::ptrdiff_t>(from), rows.end(), limit) - rows.begin());
        for (size_t i = from; i < end_at[d]; ++i) block.push_back(Entry{rows[i], d, i});
      }
      next_block = limit;
    }
    if (ndistinct > 1) {
      sorted.resize(block.size());
      for (int shift = 0; shift < kBlockBits; shift += 8) {
        size_t count[257] = {0};
        for (const Entry& x : block) ++count[((x.rowid >> shift) & 0xFF) + 1];
        for (int b = 1; b < 257; ++b) count[b] += count[b - 1];
        for (const Entry& x : block) sorted[count[(x.rowid >> shift) & 0xFF]++] = x;
        block.swap(sorted);
      }
    }
    return true;
  };
  // A phrase adds less than idf * (k1 + 1) to any row (bm25 saturates): a row whose
  // phrases cannot reach the worst kept is passed over before its length is read.
  std::vector<double> most(ndistinct);
  for (size_t d = 0; d < ndistinct; ++d) most[d] = times[d] * idf[d] * (k1 + 1.0) * (1 + 1e-9);
  // The lengths of ask_lengths, read in rowid order a chunk at a time.
  ChunkedLengths lengths(Cached("SELECT lens FROM ask_lengths WHERE chunk = ?1"), LengthsMax());
  std::vector<std::pair<uint32_t, size_t>> group;  // (distinct phrase, index in its PhraseRows)
  std::vector<std::pair<uint32_t, uint32_t>> row;  // (distinct phrase, instances)
  for (;;) {
    if (next_entry == block.size() && !load_block()) break;
    const uint32_t rowid = block[next_entry].rowid;
    group.clear();
    double ceiling = 0;
    for (; next_entry < block.size() && block[next_entry].rowid == rowid; ++next_entry) {
      const Entry& x = block[next_entry];
      group.emplace_back(x.phrase, x.at);
      ceiling += most[x.phrase];
    }
    if (kept.size() >= k && ceiling < kept.top().score) continue;
    row.clear();
    uint32_t end = 1;
    for (const auto& [d, i] : group) {
      const PhraseRows& pr = call.rows[d];
      uint32_t tf = pr.tf_end[i] >> 16;
      if (tf == 0xFFFF) tf = pr.Tf(i);
      row.emplace_back(d, tf);
      end = std::max(end, pr.End(i));
    }
    // The length when ask_lengths has it (then the bound is the score up to rounding), else
    // the least it can be.
    const int64_t known = lengths.Get(rowid);
    const double D = known >= 0 ? static_cast<double>(known) : static_cast<double>(end);
    double bound = 0;
    for (const auto& [d, tf] : row) bound += times[d] * term(d, tf, D);
    bound = bound * (1 + 1e-9) + 1e-300;  // summed in another order than the score
    // Rows come in rowid order: one that cannot beat the worst kept now never will.
    if (kept.size() >= k && bound < kept.top().score) continue;
    if (known >= 0) {
      offer(Kept{exact(row.data(), row.size(), D), rowid});
    } else {
      pending.push_back(Pending{bound, rowid, static_cast<uint32_t>(pending_tf.size()), static_cast<uint32_t>(row.size())});
      pending_tf.insert(pending_tf.end(), row.begin(), row.end());
    }
  }
  // The others best bound first, until the next bound is below the worst kept.
  auto by_bound = [](const Pending& a, const Pending& c) { return a.bound < c.bound; };
  std::make_heap(pending.begin(), pending.end(), by_bound);
  for (size_t n = pending.size(); n > 0; --n) {
    const Pending r = pending.front();
    if (kept.size() >= k && r.bound < kept.top().score) break;
    std::pop_heap(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n), by_bound);
    int64_t length = SentenceLength(r.rowid);
    if (length < 0) length = 0;
    offer(Kept{exact(&pending_tf[r.first], r.count, static_cast<double>(length)), r.rowid});
  }
  while (!kept.empty()) {
    out->emplace_back(kept.top().rowid, kept.top().score);
    kept.pop();
  }
  std::reverse(out->begin(), out->end());
  return true;
}

bool SentenceRanker::Search(const std::vector<std::string>& terms, int limit, std::vector<SentenceHit>* hits) {
  hits->clear();
  // The query as Store::Search() writes it.
  std::vector<std::string> phrases;
  std::string query = store::SentenceMatchQuery(terms, &phrases);
  if (query.empty()) return true;
  std::vector<std::pair<int64_t, double>> top;
  if (!Top(phrases, query, limit, &top)) return false;
  static const std::string kHitRow = std::string("SELECT ") + store::kSentenceHitColumns +
                                     " FROM sentence_rows r JOIN docs d ON d.id = r.doc WHERE r.rowid = ?";
  Stmt q(Cached(kHitRow.c_str()));
  for (const auto& [rowid, score] : top) {
    q.Bind(1, rowid);
    while (q.Step() == SQLITE_ROW) {
      SentenceHit h = store::SentenceHitFromRow(q);
      h.score = score;
      hits->push_back(std::move(h));
    }
    q.Reset();
  }
  // ORDER BY rank, doc, idx.
  std::stable_sort(hits->begin(), hits->end(), [](const SentenceHit& a, const SentenceHit& c) {
    if (a.score != c.score) return a.score > c.score;
    if (a.doc != c.doc) return a.doc < c.doc;
    return a.sentence < c.sentence;
  });
  return true;
}

sqlite3_stmt* SentenceRanker::Cached(const char* sql) { return stmts_.Get(sql); }

// The evidence search run ahead on its own connection (AskIndex::Prefetch).
struct AskIndex::Prefetched {
  std::vector<std::string> terms;
  int limit = 0;
  std::thread thread;
  bool joined = false;
  bool ok = false;
  std::vector<SentenceHit> hits;
};

void AskIndex::Prefetch(const std::vector<std::string>& terms, int limit) {
  if (prefetch_ != nullptr || store_->path().empty()) return;
  prefetch_ = std::make_unique<Prefetched>();
  prefetch_->terms = terms;
  prefetch_->limit = limit;
  Prefetched* p = prefetch_.get();
  const std::string path = store_->path();
  try {
    p->thread = std::thread([p, path]() {
      sqlite3* db = nullptr;
      try {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK) {
          sqlite3_busy_timeout(db, 10000);
          Exec(db, "PRAGMA cache_size=-2000; BEGIN");
          {
            SentenceRanker ranker(db);
            p->ok = ranker.Search(p->terms, p->limit, &p->hits);
          }
          Exec(db, "COMMIT");
        }
      } catch (...) {
        p->ok = false;
      }
      sqlite3_close(db);
    });
  } catch (...) {  // no thread: searched in line
    p->joined = true;
  }
}

AskIndex::~AskIndex() {
  if (prefetch_ != nullptr && !prefetch_->joined) prefetch_->thread.join();
  ranker_.reset();
}

std::vector<SentenceHit> AskIndex::Search(const std::vector<std::string>& terms, int limit) const {
  auto* self = const_cast<AskIndex*>(this);  // caches
  if (self->prefetch_ != nullptr && !self->prefetch_->joined) {
    self->prefetch_->thread.join();
    self->prefetch_->joined = true;
    if (self->prefetch_->ok && self->prefetch_->terms == terms && self->prefetch_->limit == limit) {
      std::vector<SentenceHit> hits = std::move(self->prefetch_->hits);
      self->prefetch_->ok = false;  // used once
      return hits;
    }
  }
  if (self->ranker_ == nullptr) self->ranker_ = std::make_unique<SentenceRanker>(db_);
  std::vector<SentenceHit> hits;
  if (!self->ranker_->Search(terms, limit, &hits)) return store_->Search(terms, limit);
  return hits;
}

}  // namespace dossier
