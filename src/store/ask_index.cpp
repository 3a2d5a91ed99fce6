#include "store/ask_index.h"

#include <sqlite3.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "ask/match.h"
#include "ask/question.h"
#include "core/document_json.h"
#include "entities/name_key.h"
#include "store/dossier_json.h"
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
)sql";

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

Status AskIndex::Build(sqlite3* db) {
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

  // Events: their facts, and the FTS row the candidate queries search. One pass over the
  // stored JSON; the mentions are read once (one json_each per event).
  int64_t max_docs = 0, count = 0;
  {
    Stmt q(db,
           ("SELECT e.seq, coalesce(e.json ->> '$.id', ''), coalesce(e.json ->> '$.cameo', ''), "
           "coalesce(e.json ->> '$.place', ''), coalesce(e.json ->> '$.date', ''), "
           "coalesce(e.json -> '$.source', '[]'), coalesce(e.json -> '$.target', '[]'), "
           "(SELECT json_array(count(DISTINCT coalesce(m.value ->> '$.doc', '')), count(*), "
           "   coalesce(sum(coalesce(m.value ->> '$.modality', 'asserted') IN ('asserted', 'hedged')), 0), "
           "   json_group_array(DISTINCT coalesce(m.value ->> '$.text', ''))) "
           " FROM json_each(e.json, '$.mentions') m) "
           "FROM events e ORDER BY " + std::string(kEventOrder)).c_str());
    Stmt facts(db,
               "INSERT INTO ask_facts(rank, seq, id, cameo, place, date, source, target, texts, docs, mentions, "
               "asserted) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    Stmt fts(db, "INSERT INTO ask_events(rowid, roles, place, text, fam) VALUES(?,?,?,?,?)");
    if (!q.ok() || !facts.ok() || !fts.ok()) return Status::Error("ask index: " + q.error() + facts.error() + fts.error());
    std::unordered_map<std::string, std::string> keys_of;  // name -> its keys, space-joined
    auto keys = [&](const std::string& name) -> const std::string& {
      auto it = keys_of.find(name);
      if (it == keys_of.end()) it = keys_of.emplace(name, Join(ask::NameKeys(name), " ")).first;
      return it->second;
    };
    int64_t rank = 0;
    while (q.Step() == SQLITE_ROW) {
      int64_t seq = q.Int(0);
      ++rank;
      std::string cameo = q.Text(2), place = q.Text(3), source = q.Text(5), target = q.Text(6);
      // [docs, mentions, asserted, [texts...]]
      std::string agg = q.Text(7);
      int64_t nums[3] = {0, 0, 0};
      size_t pos = 1;
      for (int i = 0; i < 3 && pos < agg.size(); ++i) {
        size_t comma = agg.find(',', pos);
        if (comma == std::string::npos) break;
        nums[i] = std::atoll(agg.c_str() + pos);
        pos = comma + 1;
      }
      std::string texts = pos < agg.size() && agg.back() == ']' ? agg.substr(pos, agg.size() - pos - 1) : "[]";
      facts.Bind(1, rank).Bind(2, seq).Bind(3, q.Text(1)).Bind(4, cameo).Bind(5, place).Bind(6, q.Text(4))
          .Bind(7, source).Bind(8, target).Bind(9, texts).Bind(10, nums[0]).Bind(11, nums[1]).Bind(12, nums[2]);
      if (facts.Step() != SQLITE_DONE) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
      facts.Reset();
      std::vector<std::string> roles;
      for (const std::string* list : {&source, &target})
        for (const json& n : ParseArray(*list)) roles.push_back(keys(Str(n)));
      fts.Bind(1, rank).Bind(2, Join(roles, " , ")).Bind(3, keys(place)).Bind(4, texts)
          .Bind(5, cameo.size() >= 2 ? "f" + cameo.substr(0, 2) : std::string());
      if (fts.Step() != SQLITE_DONE) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
      fts.Reset();
      max_docs = std::max(max_docs, nums[0]);
      ++count;
    }
  }
  s = Exec(db, kIndexes);
  if (s.ok()) s = Exec(db, kTimeline);
  if (!s.ok()) return Status::Error("ask index: " + s.message());

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
           {"top_person", top_person}}) {
    ins.Bind(1, k).Bind(2, v);
    if (ins.Step() != SQLITE_DONE) return Status::Error(std::string("ask index: ") + sqlite3_errmsg(db));
    ins.Reset();
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------
// Reading them.

AskIndex::AskIndex(Store* store) : db_(store->db_) {}
AskIndex::~AskIndex() {
  for (auto& [sql, stmt] : stmts_) sqlite3_finalize(stmt);
}

sqlite3_stmt* AskIndex::Cached(const char* sql) {
  auto it = stmts_.find(sql);
  if (it != stmts_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) stmt = nullptr;
  stmts_[sql] = stmt;
  return stmt;
}

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

void AskIndex::BeginRead() { Exec(db_, "BEGIN"); }
void AskIndex::EndRead() { Exec(db_, "COMMIT"); }

int64_t AskIndex::EventCount() { return Usable() ? std::atoll(Meta("events").c_str()) : 0; }

std::vector<json> AskIndex::LoadEntities(const std::vector<int64_t>& seqs) {
  std::vector<json> out;
  // What ask::EntityIndex reads; the documents and merge reasons (long for big entities)
  // are left out.
  Stmt q(Cached("SELECT json_remove(json, '$.docs', '$.merges') FROM entities WHERE seq = ?"));
  for (int64_t seq : seqs) {
    q.Bind(1, seq);
    if (q.Step() == SQLITE_ROW) {
      json j = json::parse(q.Text(0), nullptr, false);
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

// The end of the JSON value starting at `i` (strings, arrays and objects matched, scalars
// up to the next delimiter), or npos when it is cut short.
size_t SkipJsonValue(const std::string& s, size_t i) {
  const size_t n = s.size();
  auto skip_string = [&](size_t k) -> size_t {  // k at the opening quote
    for (++k; k < n; ++k) {
      if (s[k] == '\\') ++k;
      else if (s[k] == '"') return k + 1;
    }
    return std::string::npos;
  };
  if (i >= n) return std::string::npos;
  if (s[i] == '"') return skip_string(i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < n) {
      char c = s[i];
      if (c == '"') {
        i = skip_string(i);
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

size_t SkipSpace(const std::string& s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace

namespace {

// The integer member `key` of the JSON object text[i, end), or `missing`.
int64_t MemberInt(const std::string& text, size_t i, const char* key, int64_t missing) {
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
      if (i < end && (text[i] == '-' || std::isdigit(static_cast<unsigned char>(text[i]))))
        return std::strtoll(text.c_str() + i, nullptr, 10);
      return missing;
    }
    i = SkipSpace(text, end);
    if (i < text.size() && text[i] == ',') i = SkipSpace(text, i + 1);
  }
  return missing;
}

}  // namespace

Status AskIndex::LoadDocumentLayers(const std::string& id, unsigned layers, Document* doc, int sentence) {
  Stmt q(Cached("SELECT text, layers FROM docs WHERE id = ?"));
  q.Bind(1, id);
  if (q.Step() != SQLITE_ROW) return Status::Error("no document " + id);
  // The layers as Store::AddDocuments writes them: the JSON's length (4 bytes), then zlib.
  const void* blob = sqlite3_column_blob(q.stmt(), 1);
  size_t size = static_cast<size_t>(sqlite3_column_bytes(q.stmt(), 1));
  if (blob == nullptr || size < 4) return Status::Error("document " + id + ": no layers");
  uint32_t n;
  std::memcpy(&n, blob, 4);
  std::string text(n, '\0');
  uLongf len = n;
  if (uncompress(reinterpret_cast<Bytef*>(text.data()), &len, static_cast<const Bytef*>(blob) + 4,
                 static_cast<uLong>(size - 4)) != Z_OK || len != n)
    return Status::Error("document " + id + ": layers not in the expected form");
  // The top-level members asked for; the others are skipped unparsed.
  std::set<std::string> wanted = {"attributions", "blocks", "parts", "sentences", "sentence_blocks"};
  if (layers & ask::DocumentSource::kEvents) wanted.insert("events");
  if (layers & ask::DocumentSource::kEntities) wanted.insert("entities");
  if (layers & ask::DocumentSource::kTimexes) wanted.insert("timex");
  json j = json::object();
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
      if (key == "events" && sentence >= 0 && wanted.count(key)) {
        // Only the event mentions of `sentence` ("sentence" as EventMentionFromJson reads
        // it: -1 when absent).
        json events = json::array();
        size_t e = SkipSpace(text, i);
        if (e < end && text[e] == '[') e = SkipSpace(text, e + 1);
        while (e < end && text[e] != ']') {
          size_t e_end = SkipJsonValue(text, e);
          if (e_end == std::string::npos || e_end > end) return Status::Error("document " + id + ": bad layers");
          if (MemberInt(text, e, "sentence", -1) == sentence)
            events.push_back(json::parse(text.begin() + static_cast<std::ptrdiff_t>(e),
                                         text.begin() + static_cast<std::ptrdiff_t>(e_end)));
          e = SkipSpace(text, e_end);
          if (e < end && text[e] == ',') e = SkipSpace(text, e + 1);
        }
        j[key] = std::move(events);
      } else if (wanted.count(key)) {
        j[key] = json::parse(text.begin() + static_cast<std::ptrdiff_t>(i),
                             text.begin() + static_cast<std::ptrdiff_t>(end));
      }
      i = SkipSpace(text, end);
      if (i < text.size() && text[i] == ',') i = SkipSpace(text, i + 1);
    }
  } catch (const json::exception& e) {
    return Status::Error("document " + id + ": " + e.what());
  }
  if (i >= text.size()) return Status::Error("document " + id + ": layers cut short");
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

}  // namespace dossier
