#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/document_json.h"
#include "core/json_writer.h"
#include "core/parallel.h"
#include "store/ask_index.h"
#include "store/dossier_json.h"
#include "store/record_codec.h"
#include "store/stored_records.h"
#include "core/step_timer.h"
#include "store/sentence_hits.h"
#include "store/statement.h"

namespace dossier {

using nlohmann::json;

namespace {

using store::Stmt;

// Event record keys: the document's seq shifted left by this, plus the mention's index.
constexpr int kEventSeqBits = 20;

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT UNIQUE NOT NULL, path TEXT, title TEXT, outlet TEXT, author TEXT, url TEXT,
  published TEXT, precision TEXT, inferred INTEGER, earliest TEXT, latest TEXT,
  kind TEXT, format TEXT, bytes INTEGER, text TEXT, layers BLOB);
-- Record tables are appended to in arrival order (no key on the random document ids, so
-- a batch writes few pages); readers sort what they read. Mention records are one row a
-- document (record_codec.h: EncodeMentions), what entity resolution reads. Event records
-- are clustered by fusion part (seq grows with arrival: documents.seq << 20 | index), so a
-- part is read as one range and a batch appends at the end of each part's range.
CREATE TABLE IF NOT EXISTS mention_records(doc TEXT, mentions BLOB);
CREATE TABLE IF NOT EXISTS event_records(
  part TEXT, seq INTEGER, doc TEXT, idx INTEGER, record BLOB, PRIMARY KEY(part, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sentence_rows(
  rowid INTEGER PRIMARY KEY, doc TEXT, idx INTEGER, start INTEGER, end INTEGER,
  attributed_to TEXT, sourcing TEXT, role TEXT);
-- Contentless: the sentence text is cut out of docs.text by sentence_rows' offsets.
CREATE VIRTUAL TABLE IF NOT EXISTS sentences USING fts5(
  text, content = '', tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS entities(seq INTEGER PRIMARY KEY, id TEXT, json TEXT);
CREATE TABLE IF NOT EXISTS events(
  seq INTEGER PRIMARY KEY, id TEXT, real INTEGER, ndocs INTEGER, nmentions INTEGER, date TEXT, json TEXT);
CREATE TABLE IF NOT EXISTS timeline(seq INTEGER PRIMARY KEY, json TEXT);
CREATE TABLE IF NOT EXISTS conflicts(seq INTEGER PRIMARY KEY, event TEXT, json TEXT);
)sql";

// The dossier order of events (EventOrder) and look-up by id, made once the events are in.
const char* kResultIndexes = R"sql(
CREATE INDEX IF NOT EXISTS events_order ON events(real DESC, ndocs DESC, nmentions DESC, date, id);
CREATE INDEX IF NOT EXISTS events_id ON events(id);
)sql";

// The corpus results are written into *_next tables, a fusion part per transaction (so the
// journal never holds a whole corpus), and swapped in by one last transaction.
const char* kNextTables = R"sql(
DROP TABLE IF EXISTS entities_next; DROP TABLE IF EXISTS events_next;
DROP TABLE IF EXISTS timeline_next; DROP TABLE IF EXISTS conflicts_next;
CREATE TABLE entities_next(seq INTEGER PRIMARY KEY, id TEXT, json TEXT);
CREATE TABLE events_next(
  seq INTEGER PRIMARY KEY, id TEXT, real INTEGER, ndocs INTEGER, nmentions INTEGER, date TEXT, json TEXT);
CREATE TABLE timeline_next(seq INTEGER PRIMARY KEY, json TEXT);
CREATE TABLE conflicts_next(seq INTEGER PRIMARY KEY, event TEXT, json TEXT);
)sql";

const char* kSwapInNext = R"sql(
DROP TABLE entities; DROP TABLE events; DROP TABLE timeline; DROP TABLE conflicts;
ALTER TABLE entities_next RENAME TO entities; ALTER TABLE events_next RENAME TO events;
ALTER TABLE timeline_next RENAME TO timeline; ALTER TABLE conflicts_next RENAME TO conflicts;
)sql";

const char* kDropNext = R"sql(
DROP TABLE IF EXISTS entities_next; DROP TABLE IF EXISTS events_next;
DROP TABLE IF EXISTS timeline_next; DROP TABLE IF EXISTS conflicts_next;
)sql";

}  // namespace

Status Store::Open(const std::string& path, bool create, std::unique_ptr<Store>* out) {
  // SQLite's memory statistics take a global mutex on every allocation (a build makes
  // hundreds of millions); nothing here reads them. Set before SQLite starts, once.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::Error(path + ": cannot open store: " + msg +
                         (create ? "" : " (run `dossier build` first)"));
  }
  std::unique_ptr<Store> store(new Store(db, path));
  sqlite3_busy_timeout(db, 10000);
  // 16 KB pages (new stores only): a WAL frame is a page plus a header, so fewer, larger
  // frames mean fewer partial file blocks for the kernel to zero (measured: build system
  // time -45% at 10k documents). A 64 MB page cache: a build inserts into the FTS index
  // and the id indexes all over.
  Status s = store->Exec(
      "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;");
  if (!s.ok()) return Status::Error(path + ": not a dossier store (" + s.message() + ")");
  // Schema version check.
  {
    Stmt has(db, "SELECT value FROM meta WHERE key='schema_version'");
    if (has.ok() && has.Step() == SQLITE_ROW) {
      int v = std::atoi(has.Text(0).c_str());
      if (v > kSchemaVersion)
        return Status::Error(path + ": store schema version " + std::to_string(v) +
                             " is newer than this dossier (" + std::to_string(kSchemaVersion) + ")");
      // Versions 2 and 3 differ only in the event records (JSON in 2) and mention records
      // (a row a mention), which only `build` reads: their dossier stays readable, but
      // building on them needs a new store.
      if (v < kSchemaVersion && (create || v < kOldestReadable))
        return Status::Error(path + ": store schema version " + std::to_string(v) +
                             " was written by an older dossier; build a new store");
    } else if (!create) {
      Stmt any(db, "SELECT count(*) FROM sqlite_master");
      if (any.ok() && any.Step() == SQLITE_ROW && any.Int(0) > 0)
        return Status::Error(path + ": not a dossier store");
      return Status::Error(path + ": empty store (run `dossier build` first)");
    }
  }
  if (create) {
    s = store->Exec(kSchema);
    if (s.ok()) s = store->Exec(kResultIndexes);
    if (!s.ok()) return Status::Error(path + ": cannot create schema: " + s.message());
    s = store->Exec(("INSERT OR REPLACE INTO meta VALUES('schema_version','" +
                     std::to_string(kSchemaVersion) + "')").c_str());
    if (!s.ok()) return Status::Error(path + ": " + s.message());
  }
  *out = std::move(store);
  return Status::Ok();
}

Store::~Store() { sqlite3_close(db_); }

Status Store::Exec(const char* sql) { return store::Exec(db_, sql); }

Status Store::DocumentIds(std::unordered_set<std::string>* ids) {
  Stmt q(db_, "SELECT id FROM docs");
  if (!q.ok()) return Status::Error(q.error());
  while (q.Step() == SQLITE_ROW) ids->insert(q.Text(0));
  return Status::Ok();
}

StoredDocument PrepareDocument(const Document& d) {
  StoredDocument o;
  const PubDate& p = d.meta.published;
  o.id = d.id;
  o.path = d.path;
  o.title = d.meta.title;
  o.outlet = d.meta.outlet;
  o.author = d.meta.author;
  o.url = d.meta.url;
  o.published = p.value;
  o.precision = ToString(p.precision);
  o.inferred = p.inferred;
  o.earliest = p.earliest;
  o.latest = p.latest;
  o.kind = ToString(d.kind);
  o.format = d.format == SourceFormat::kHtml ? "html" : "text";
  o.bytes = static_cast<int64_t>(d.raw.size());
  o.text = d.text;
  DocumentJsonOptions layers;
  layers.text = false;
  o.layers = EncodeLayers(DocumentJsonText(d, layers));

  if (!d.entities.empty()) {
    std::vector<std::string> titles(d.entities.size());
    std::vector<StoredMention> mentions;
    mentions.reserve(d.entities.size());
    for (size_t i = 0; i < d.entities.size(); ++i) {
      const EntityMention& m = d.entities[i];
      JsonWriter w;
      w.StringArray(m.titles);
      titles[i] = w.Take();
      StoredMention row;
      row.type = ToString(m.type);
      row.text = d.Text(m.span);
      row.titles = titles[i];
      if (m.alias_of >= 0 && m.alias_of < static_cast<int>(d.entities.size()))
        row.alias = d.Text(d.entities[m.alias_of].span);
      mentions.push_back(row);
    }
    o.mentions = EncodeMentions(mentions);
  }
  o.events.reserve(d.events.size());
  for (size_t i = 0; i < d.events.size(); ++i) {
    const EventMention& e = d.events[i];
    EventRecord r;
    r.doc = d.id;
    r.outlet = d.meta.outlet;
    r.published = p.value;
    r.index = static_cast<int>(i);
    r.mention = e;
    Span sentence = e.sentence >= 0 && e.sentence < static_cast<int>(d.sentences.size())
                        ? d.sentences[e.sentence].span
                        : e.span;
    r.sentence = std::string(d.Text(sentence));
    r.sentence_start = sentence.start;
    r.trigger_text = std::string(d.Text(e.trigger));
    if (e.timex >= 0 && e.timex < static_cast<int>(d.timexes.size())) {
      r.timex_text = std::string(d.Text(d.timexes[e.timex].span));
      r.timex_value = d.timexes[e.timex].value;
    }
    if (e.attribution >= 0 && e.attribution < static_cast<int>(d.attributions.size())) {
      r.attributed_to = d.attributions[e.attribution].source;
      r.sourcing = d.attributions[e.attribution].sourcing;
    }
    auto name_of = [&](const EventArg& a) {
      EventRecord::NameRef n;
      if (a.mention >= 0 && a.mention < static_cast<int>(d.entities.size())) {
        n.type = d.entities[a.mention].type;
        n.text = std::string(d.Text(d.entities[a.mention].span));
      }
      return n;
    };
    for (const EventArg& a : e.source) r.source_names.push_back(name_of(a));
    for (const EventArg& a : e.target) r.target_names.push_back(name_of(a));
    r.place_name = name_of(e.place);
    o.events.push_back(EncodeEventRecord(r));
    o.event_parts.push_back(FusionPart(e));
  }
  // Sentences with their attribution, for evidence search.
  std::vector<int> attr_of(d.sentences.size(), -1);
  for (size_t a = 0; a < d.attributions.size(); ++a) {
    int si = d.attributions[a].sentence;
    if (si >= 0 && si < static_cast<int>(attr_of.size()) && attr_of[si] < 0) attr_of[si] = static_cast<int>(a);
  }
  o.sentences.reserve(d.sentences.size());
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    const Sentence& sn = d.sentences[i];
    StoredDocument::SentenceRow row;
    row.start = sn.span.start;
    row.end = sn.span.end;
    row.sourcing = "author";
    if (attr_of[i] >= 0) {
      row.attributed_to = d.attributions[attr_of[i]].source;
      row.sourcing = ToString(d.attributions[attr_of[i]].sourcing);
    }
    row.role = ToString(d.RoleAt(sn.span.start));
    o.sentences.push_back(std::move(row));
  }
  return o;
}

Status Store::AddDocuments(const std::vector<const Document*>& docs) {
  std::vector<StoredDocument> rows;
  rows.reserve(docs.size());
  for (const Document* d : docs) rows.push_back(PrepareDocument(*d));
  return AddPrepared(rows);
}

Status Store::AddPrepared(const std::vector<StoredDocument>& docs) {
  Status s = Exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s;
  auto fail = [&](const std::string& what) {
    Exec("ROLLBACK");
    return Status::Error(path_ + ": cannot write: " + what);
  };
  Stmt doc_ins(db_,
               "INSERT OR IGNORE INTO docs(id,path,title,outlet,author,url,published,precision,"
               "inferred,earliest,latest,kind,format,bytes,text,layers) "
               "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt men_ins(db_, "INSERT INTO mention_records(doc, mentions) VALUES(?,?)");
  Stmt ev_ins(db_, "INSERT INTO event_records(part, seq, doc, idx, record) VALUES(?,?,?,?,?)");
  Stmt row_ins(db_,
               "INSERT INTO sentence_rows(doc,idx,start,end,attributed_to,sourcing,role) "
               "VALUES(?,?,?,?,?,?,?)");
  Stmt fts_ins(db_, "INSERT INTO sentences(rowid, text) VALUES(?,?)");
  if (!doc_ins.ok() || !men_ins.ok() || !ev_ins.ok() || !row_ins.ok() || !fts_ins.ok())
    return fail(doc_ins.error() + men_ins.error() + ev_ins.error() + row_ins.error() + fts_ins.error());
  for (const StoredDocument& d : docs) {
    // The rows are bound without copies: `docs` outlives every step below.
    doc_ins.BindView(1, d.id).BindView(2, d.path).BindView(3, d.title).BindView(4, d.outlet).BindView(5, d.author)
        .BindView(6, d.url).BindView(7, d.published).BindView(8, d.precision).Bind(9, int64_t{d.inferred})
        .BindView(10, d.earliest).BindView(11, d.latest).BindView(12, d.kind).BindView(13, d.format)
        .Bind(14, d.bytes).BindView(15, d.text).BindBlobView(16, d.layers);
    if (doc_ins.Step() != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
    bool inserted = sqlite3_changes(db_) > 0;
    int64_t doc_seq = sqlite3_last_insert_rowid(db_);
    doc_ins.Reset();
    if (!inserted) continue;  // same content already stored
    if (d.events.size() >= (size_t{1} << kEventSeqBits)) return fail(d.id + ": too many event mentions");
    if (!d.mentions.empty()) {
      men_ins.BindView(1, d.id).BindBlobView(2, d.mentions);
      if (men_ins.Step() != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
      men_ins.Reset();
    }
    for (size_t i = 0; i < d.events.size(); ++i) {
      ev_ins.BindView(1, d.event_parts[i]).Bind(2, (doc_seq << kEventSeqBits) | static_cast<int64_t>(i))
          .BindView(3, d.id).Bind(4, static_cast<int64_t>(i)).BindBlobView(5, d.events[i]);
      if (ev_ins.Step() != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
      ev_ins.Reset();
    }
    for (size_t i = 0; i < d.sentences.size(); ++i) {
      const StoredDocument::SentenceRow& sn = d.sentences[i];
      row_ins.BindView(1, d.id).Bind(2, static_cast<int64_t>(i)).Bind(3, int64_t{sn.start})
          .Bind(4, int64_t{sn.end}).BindView(5, sn.attributed_to).BindView(6, sn.sourcing).BindView(7, sn.role);
      if (row_ins.Step() != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
      row_ins.Reset();
      int64_t rowid = sqlite3_last_insert_rowid(db_);
      if (sn.end > d.text.size() || sn.start > sn.end) continue;
      fts_ins.Bind(1, rowid).BindView(2, std::string_view(d.text).substr(sn.start, sn.end - sn.start));
      if (fts_ins.Step() != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
      fts_ins.Reset();
    }
  }
  s = Exec("COMMIT");
  if (!s.ok()) return fail(s.message());
  return Status::Ok();
}

Status Store::MentionRecords(std::vector<MentionRecord>* out, std::vector<std::string>* doc_ids) {
  // Documents are numbered in id order.
  std::unordered_map<std::string, DocNumber> number;
  {
    Stmt q(db_, "SELECT id FROM docs ORDER BY id");
    if (!q.ok()) return Status::Error(q.error());
    while (q.Step() == SQLITE_ROW) {
      number.emplace(q.Text(0), static_cast<DocNumber>(doc_ids->size()));
      doc_ids->push_back(q.Text(0));
    }
  }
  // One record per distinct (type, text, titles, alias) with its documents: a corpus
  // repeats its names, so this is far smaller than one record per mention.
  Stmt q(db_, "SELECT doc, mentions FROM mention_records");
  if (!q.ok()) return Status::Error(q.error());
  std::unordered_map<std::string, size_t> index;
  std::string key;
  std::vector<StoredMention> mentions;
  while (q.Step() == SQLITE_ROW) {
    auto doc = number.find(q.Text(0));
    if (doc == number.end()) continue;
    std::string_view blob(static_cast<const char*>(sqlite3_column_blob(q.stmt(), 1)),
                          static_cast<size_t>(sqlite3_column_bytes(q.stmt(), 1)));
    if (!DecodeMentions(blob, &mentions)) continue;  // damaged: left out, as event records are
    for (const StoredMention& m : mentions) {
      key.clear();
      for (std::string_view part : {m.type, m.text, m.titles, m.alias}) key.append(part).push_back('\x1f');
      auto [it, fresh] = index.try_emplace(key, out->size());
      if (fresh) {
        MentionRecord r;
        r.count = 0;
        r.type = EntityTypeFromString(m.type);
        r.text = m.text;
        auto parsed = json::parse(m.titles, nullptr, false);
        if (parsed.is_array())
          for (const auto& t : parsed)
            if (t.is_string()) r.titles.push_back(t.get<std::string>());
        r.alias_text = m.alias;
        out->push_back(std::move(r));
      }
      MentionRecord& r = (*out)[it->second];
      ++r.count;
      if (r.docs.empty() || r.docs.back() != doc->second) r.docs.push_back(doc->second);
    }
  }
  // Rows come in arrival order: records and their documents are put in a fixed order.
  for (MentionRecord& r : *out) {
    std::sort(r.docs.begin(), r.docs.end());
    r.docs.erase(std::unique(r.docs.begin(), r.docs.end()), r.docs.end());
  }
  std::sort(out->begin(), out->end(), [](const MentionRecord& a, const MentionRecord& b) {
    return std::tie(a.text, a.type, a.titles, a.alias_text, a.docs) < std::tie(b.text, b.type, b.titles, b.alias_text, b.docs);
  });
  return Status::Ok();
}

Status Store::EventParts(std::vector<std::string>* out) {
  // One key seek per part, not a scan of every record.
  Stmt q(db_, "SELECT part FROM event_records WHERE part > ? ORDER BY part LIMIT 1");
  if (!q.ok()) return Status::Error(q.error());
  std::string last;
  while (true) {
    q.Bind(1, last);
    if (q.Step() != SQLITE_ROW) break;
    last = q.Text(0);
    q.Reset();
    out->push_back(last);
  }
  return Status::Ok();
}

Status Store::EventRecords(const Resolution& resolution, const std::string& part, std::unique_ptr<PartRecords>* out,
                           int threads, size_t decoded_limit) {
  size_t count = 0;
  {
    Stmt n(db_, "SELECT count(*) FROM event_records WHERE part = ?");
    if (!n.ok()) return Status::Error(n.error());
    n.Bind(1, part);
    if (n.Step() == SQLITE_ROW) count = static_cast<size_t>(n.Int(0));
  }
  // Read as one range of the part's key, in arrival order; put in (document, index) order
  // here.
  Stmt q(db_, "SELECT record FROM event_records WHERE part = ?");
  if (!q.ok()) return Status::Error(q.error());
  q.Bind(1, part);
  if (count > decoded_limit) {
    auto stored = std::make_unique<StoredRecords>(resolution);
    while (q.Step() == SQLITE_ROW) {
      const void* blob = sqlite3_column_blob(q.stmt(), 0);
      int n = sqlite3_column_bytes(q.stmt(), 0);
      stored->Add(std::string_view(static_cast<const char*>(blob), static_cast<size_t>(n)));
    }
    stored->Sort();
    *out = std::move(stored);
    return Status::Ok();
  }
  // The records are held at their exact count: a growing vector would hold its old and
  // new buffers at once.
  std::vector<EventRecord> records;
  records.reserve(count);
  // Parsed in parallel a chunk at a time.
  const size_t kChunk = 8192;
  std::vector<std::string> rows;
  std::vector<EventRecord> parsed;
  std::vector<char> good;
  bool more = true;
  while (more) {
    rows.clear();
    while (rows.size() < kChunk && (more = q.Step() == SQLITE_ROW)) rows.push_back(q.Blob(0));
    parsed.assign(rows.size(), EventRecord{});
    good.assign(rows.size(), 0);
    ParallelFor(rows.size(), threads, [&](size_t i) {
      if (!DecodeEventRecord(rows[i], &parsed[i])) return;
      ResolveRecordNames(resolution, &parsed[i]);
      good[i] = 1;
    });
    for (size_t i = 0; i < parsed.size(); ++i)
      if (good[i]) records.push_back(std::move(parsed[i]));
  }
  std::sort(records.begin(), records.end(), [](const EventRecord& a, const EventRecord& b) {
    return a.doc != b.doc ? a.doc < b.doc : a.index < b.index;
  });
  *out = std::make_unique<DecodedRecords>(std::move(records));
  return Status::Ok();
}

namespace {

// Writes one row per item: each item's row is made by `make_row` (any value: a JSON text,
// or more), in parallel a chunk at a time (so the rows of a whole corpus are never held),
// then `write_row(item, row)` writes it (Status).
template <typename T, typename MakeRow, typename WriteRow>
Status WriteRows(const std::vector<T>& items, int threads, MakeRow make_row, WriteRow write_row) {
  using Row = decltype(make_row(items.front()));
  const size_t kChunk = 4096;
  std::vector<Row> rows;
  for (size_t first = 0; first < items.size(); first += kChunk) {
    size_t n = std::min(kChunk, items.size() - first);
    rows.assign(n, Row{});
    ParallelFor(n, threads, [&](size_t i) { rows[i] = make_row(items[first + i]); });
    for (size_t i = 0; i < n; ++i) {
      Status s = write_row(items[first + i], rows[i]);
      if (!s.ok()) return s;
    }
  }
  return Status::Ok();
}

// Inserts one row per item with `sql`: each item's JSON is made by `to_json` (WriteRows),
// then `bind` binds the row's parameters from the item and its JSON.
template <typename T, typename ToJson, typename BindRow>
Status InsertJsonRows(sqlite3* db, const char* sql, const std::vector<T>& items, int threads, ToJson to_json,
                      BindRow bind) {
  Stmt ins(db, sql);
  if (!ins.ok()) return Status::Error(ins.error());
  return WriteRows(items, threads, to_json, [&](const T& item, const std::string& json) {
    bind(ins, item, json);
    if (ins.Step() != SQLITE_DONE) return Status::Error(sqlite3_errmsg(db));
    ins.Reset();
    return Status::Ok();
  });
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

Status Store::DossierFailed(const Status& why) {
  AbortDossier();
  return Status::Error(path_ + ": cannot write dossier: " + why.message());
}

Status Store::BeginDossier(const Resolution& entities, int threads) {
  // While the parts are fused, the store only appends rows and reads each part's records
  // once: a 16 MB page cache does (the 64 MB one is for the indexes, restored to finish),
  // and memory then is the fusion's.
  Status s = Exec("PRAGMA cache_size=-16384; BEGIN IMMEDIATE");
  if (s.ok()) s = Exec(kNextTables);
  if (s.ok()) s = AskIndex::BeginStage(db_);
  next_event_seq_ = 1;
  if (s.ok())
    s = InsertJsonRows(
        db_, "INSERT INTO entities_next(id, json) VALUES(?,?)", entities.entities, threads,
        [&](const Entity& e) { return Dump(EntityToJson(e, entities.doc_ids)); },
        [](Stmt& ins, const Entity& e, const std::string& j) { ins.Bind(1, e.id).Bind(2, j); });
  if (s.ok()) s = Exec("COMMIT");
  return s.ok() ? s : DossierFailed(s);
}

Status Store::InsertEvents(const std::vector<Event>& events, int threads) {
  Stmt ins(db_, "INSERT INTO events_next(seq, id, json, real, ndocs, nmentions, date) VALUES(?,?,?,?,?,?,?)");
  Stmt stage(db_, AskIndex::kStageInsert);
  if (!ins.ok() || !stage.ok()) return Status::Error(ins.error() + stage.error());
  // Each event's JSON and ask facts, made in parallel.
  struct Row {
    std::string json;
    AskIndex::StagedFacts facts;
  };
  return WriteRows(
      events, threads, [](const Event& e) { return Row{StoredEventJson(e), AskIndex::FactsOf(e)}; },
      [&](const Event& e, const Row& row) {
        int64_t seq = next_event_seq_++;
        ins.Bind(1, seq).Bind(2, e.id).Bind(3, row.json).Bind(4, int64_t{e.real})
            .Bind(5, static_cast<int64_t>(e.docs.size())).Bind(6, static_cast<int64_t>(e.mentions.size()))
            .Bind(7, e.date);
        if (ins.Step() != SQLITE_DONE) return Status::Error(sqlite3_errmsg(db_));
        ins.Reset();
        return AskIndex::Stage(db_, stage.stmt(), seq, e, row.facts);
      });
}

Status Store::AddEvents(const std::vector<Event>& events, const std::vector<Conflict>& conflicts, int threads) {
  Status s = Exec("BEGIN IMMEDIATE");
  if (s.ok()) s = InsertEvents(events, threads);
  if (s.ok())
    s = InsertJsonRows(
        db_, "INSERT INTO conflicts_next(event, json) VALUES(?,?)", conflicts, threads,
        [](const Conflict& c) { return Dump(ConflictToJson(c)); },
        [](Stmt& ins, const Conflict& c, const std::string& j) { ins.Bind(1, c.event).Bind(2, j); });
  if (s.ok()) s = Exec("COMMIT");
  return s.ok() ? s : DossierFailed(s);
}

Status Store::FinishDossier(const std::vector<TimelineEntry>& timeline) {
  StepTimer step("finish");  // DOSSIER_STAGE_TIMES=2 prints each step's time
  Status s = Exec("PRAGMA cache_size=-65536; BEGIN IMMEDIATE");
  if (s.ok())
    s = InsertJsonRows(
        db_, "INSERT INTO timeline_next(json) VALUES(?)", timeline, 1,
        [](const TimelineEntry& t) { return Dump(TimelineEntryToJson(t)); },
        [](Stmt& ins, const TimelineEntry&, const std::string& j) { ins.Bind(1, j); });
  step.Step("timeline");
  if (s.ok()) s = Exec(kSwapInNext);
  step.Step("swap");
  if (s.ok()) s = Exec(kResultIndexes);
  step.Step("indexes");
  if (s.ok()) s = IndexForAsk();  // ask's search tables (store/ask_index.h), in this transaction
  step.Step("ask index");
  if (s.ok()) s = Exec("COMMIT");
  step.Step("commit");
  return s.ok() ? s : DossierFailed(s);
}

void Store::AbortDossier() {
  if (!sqlite3_get_autocommit(db_)) Exec("ROLLBACK");
  Exec(kDropNext);
  AskIndex::EndStage(db_);
  Exec("PRAGMA cache_size=-65536");
}

Status Store::SaveDossier(const Resolution& entities, const Dossier& dossier, int threads) {
  Status s = BeginDossier(entities, threads);
  if (s.ok()) s = AddEvents(dossier.events, dossier.conflicts, threads);
  if (s.ok()) s = FinishDossier(dossier.timeline);
  return s;
}

Status Store::ListDocs(bool with_text, std::vector<DocRow>* out) {
  Stmt q(db_, with_text
                  ? "SELECT id,path,title,outlet,author,url,published,precision,inferred,earliest,latest,kind,format,text FROM docs ORDER BY path, id"
                  : "SELECT id,path,title,outlet,author,url,published,precision,inferred,earliest,latest,kind,format FROM docs ORDER BY path, id");
  if (!q.ok()) return Status::Error(q.error());
  while (q.Step() == SQLITE_ROW) {
    DocRow r;
    r.id = q.Text(0);
    r.path = q.Text(1);
    r.title = q.Text(2);
    r.outlet = q.Text(3);
    r.author = q.Text(4);
    r.url = q.Text(5);
    r.published = q.Text(6);
    r.precision = q.Text(7);
    r.inferred = q.Int(8) != 0;
    r.earliest = q.Text(9);
    r.latest = q.Text(10);
    r.kind = q.Text(11);
    r.format = q.Text(12);
    if (with_text) r.text = q.Text(13);
    out->push_back(std::move(r));
  }
  return Status::Ok();
}

Status Store::LoadJsonRows(const char* sql, json* out) {
  *out = json::array();
  Stmt q(db_, sql);
  if (!q.ok()) return Status::Error(q.error());
  while (q.Step() == SQLITE_ROW) {
    auto j = json::parse(q.Text(0), nullptr, false);
    if (!j.is_discarded()) out->push_back(std::move(j));
  }
  return Status::Ok();
}

Status Store::LoadEntitiesJson(json* out) { return LoadJsonRows("SELECT json FROM entities ORDER BY seq", out); }
Status Store::LoadEventsJson(json* out) {
  Status s = LoadJsonRows("SELECT json FROM events ORDER BY real DESC, ndocs DESC, nmentions DESC, date, id", out);
  for (json& e : *out) ExpandStoredEvent(&e);
  return s;
}
Status Store::LoadTimelineJson(json* out) { return LoadJsonRows("SELECT json FROM timeline ORDER BY seq", out); }
Status Store::LoadConflictsJson(json* out) {
  return LoadJsonRows("SELECT c.json FROM conflicts c JOIN events e ON e.id = c.event "
                      "ORDER BY e.real DESC, e.ndocs DESC, e.nmentions DESC, e.date, e.id, c.seq", out);
}

Status Store::LoadDocument(const std::string& id, Document* doc) {
  Stmt q(db_, "SELECT text, layers FROM docs WHERE id = ?");
  if (!q.ok()) return Status::Error(q.error());
  q.Bind(1, id);
  if (q.Step() != SQLITE_ROW) return Status::Error("no document " + id);
  std::string layers;
  if (!DecodeLayers(sqlite3_column_blob(q.stmt(), 1), static_cast<size_t>(sqlite3_column_bytes(q.stmt(), 1)), &layers)) return Status::Error("document " + id + ": corrupt layers");
  auto j = json::parse(layers, nullptr, false);
  j["text"] = q.Text(0);
  return DocumentFromJson(j, doc);
}

std::vector<SentenceHit> Store::Search(const std::vector<std::string>& terms, int limit) const {
  std::vector<SentenceHit> hits;
  std::string query = store::SentenceMatchQuery(terms, nullptr);
  if (query.empty()) return hits;
  Stmt q(db_, (std::string("WITH hits AS (SELECT rowid, bm25(sentences) AS rank FROM sentences WHERE sentences "
                           "MATCH ? ORDER BY rank LIMIT ?) SELECT ") +
               store::kSentenceHitColumns +
               ", h.rank FROM hits h JOIN sentence_rows r ON r.rowid = h.rowid JOIN docs d ON d.id = r.doc "
               "ORDER BY h.rank, r.doc, r.idx")
                  .c_str());
  if (!q.ok()) return hits;
  q.Bind(1, query).Bind(2, static_cast<int64_t>(limit));
  while (q.Step() == SQLITE_ROW) {
    SentenceHit h = store::SentenceHitFromRow(q);
    h.score = -q.Double(10);
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace dossier
