// The store: one SQLite file holding the documents, their layers, the records the corpus
// stages read, and the dossier they build (entities, events, timeline, conflicts).
//
// Versioned schema, WAL journal, one transaction per batch of documents, FTS5 index over
// every sentence. A failed batch rolls back whole: the store is never left half-written.
// A Store is used from one thread (the writer); readers open their own Store.
#ifndef DOSSIER_STORE_STORE_H_
#define DOSSIER_STORE_STORE_H_

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/document.h"
#include "core/status.h"
#include "entities/resolve.h"
#include "fusion/fusion.h"
#include "store/search.h"

struct sqlite3;

namespace dossier {

// A document turned into the rows the store keeps. PrepareDocument() is pure and may run
// on any thread (the analysis workers do the serializing and compression); the writer then
// only inserts rows (Store::AddPrepared).
struct StoredDocument {
  std::string id, path, title, outlet, author, url, published, precision, earliest, latest;
  std::string kind, format;
  bool inferred = false;
  int64_t bytes = 0;
  std::string text;                    // clean text
  std::string layers;                  // compressed JSON of every layer but the text
  std::string mentions;                // its entity mentions (EncodeMentions), empty if none
  std::vector<std::string> events;     // one EventRecord (JSON) per event mention, by index
  std::vector<std::string> event_parts;  // parallel to events: FusionPart of each
  struct SentenceRow {
    uint32_t start = 0, end = 0;
    std::string attributed_to, sourcing, role;
  };
  std::vector<SentenceRow> sentences;  // one per sentence, by index
};
StoredDocument PrepareDocument(const Document& doc);

// A stored document's listing row.
struct DocRow {
  std::string id, path, title, outlet, author, url, published, precision, kind, format;
  bool inferred = false;
  std::string earliest, latest;
  std::string text;  // filled only when asked for
};

class Store : public SentenceSearch {
 public:
  // 2: sentences are a contentless FTS5 index with their rows in sentence_rows.
  // 3: event records are binary (store/record_codec.h). A version-2 store can still be
  //    read (its dossier tables are the same) but not built on.
  static constexpr int kSchemaVersion = 4;
  static constexpr int kOldestReadable = 2;

  // Opens (creating when `create` is true) the store at `path`. Fails with a message naming
  // the file when it is not a dossier store or has a newer schema.
  static Status Open(const std::string& path, bool create, std::unique_ptr<Store>* out);
  ~Store() override;

  // Ids of every stored document (for incremental builds).
  Status DocumentIds(std::unordered_set<std::string>* ids);

  // Writes a batch of analyzed documents in one transaction (all or nothing). Documents
  // whose id is already stored are skipped.
  Status AddDocuments(const std::vector<const Document*>& docs);
  Status AddPrepared(const std::vector<StoredDocument>& docs);

  // The entity mention records of the corpus (one per distinct name, type, titles and
  // alias, with its documents), in a deterministic order; `doc_ids` gets every stored
  // document id (sorted), which the records' document numbers index.
  Status MentionRecords(std::vector<MentionRecord>* out, std::vector<std::string>* doc_ids);
  // The fusion parts (FusionPart) that have event records, sorted.
  Status EventParts(std::vector<std::string>* out);
  // The event records of one part, by document and index, with their arguments' entity ids
  // looked up in `resolution` (which must outlive *out) by name. A part of up to
  // `decoded_limit` records is decoded at once (by `threads`); a larger one is held in its
  // stored form and decoded as fusion reads it (StoredRecords), which bounds the memory of
  // the largest parts. A row that is not a record is left out.
  static constexpr size_t kDecodedRecordsLimit = 65536;
  Status EventRecords(const Resolution& resolution, const std::string& part, std::unique_ptr<PartRecords>* out,
                      int threads = 1, size_t decoded_limit = kDecodedRecordsLimit);

  // Replaces the corpus-level results, written a part at a time: BeginDossier (entities),
  // AddEvents for each fused part, FinishDossier (timeline, then the new results replace the
  // old ones in one transaction). Until then readers see the previous dossier; a failing
  // step, or AbortDossier(), discards the new one. `threads` serialize rows in parallel.
  Status BeginDossier(const Resolution& entities, int threads = 1);
  Status AddEvents(const std::vector<Event>& events, const std::vector<Conflict>& conflicts, int threads = 1);
  Status FinishDossier(const std::vector<TimelineEntry>& timeline);
  void AbortDossier();
  // All three at once.
  Status SaveDossier(const Resolution& entities, const Dossier& dossier, int threads = 1);

  Status ListDocs(bool with_text, std::vector<DocRow>* out);
  // The stored JSON arrays of the corpus results, in DESIGN.md's shapes.
  Status LoadEntitiesJson(nlohmann::json* out);
  Status LoadEventsJson(nlohmann::json* out);
  Status LoadTimelineJson(nlohmann::json* out);
  Status LoadConflictsJson(nlohmann::json* out);
  // One stored document with all its layers (tokens not included).
  Status LoadDocument(const std::string& id, Document* doc);

  // SentenceSearch: FTS5 over every sentence, BM25-ranked.
  std::vector<SentenceHit> Search(const std::vector<std::string>& terms, int limit) const override;

  const std::string& path() const { return path_; }

  // --- Ask index (defined in store/ask_index.cpp; see store/ask_index.h) ---------------
  // Writes the ask_* search tables `dossier ask` reads on large stores, from the stored
  // entities, events and timeline; runs inside the dossier's last transaction
  // (FinishDossier, after the swap), so the index always matches the dossier it is stored with.
  Status IndexForAsk();
  friend class AskIndex;  // reads and writes the ask_* tables through db_
  // --- end of the ask index block ------------------------------------------------------

 private:
  Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Exec(const char* sql);
  Status LoadJsonRows(const char* sql, nlohmann::json* out);
  // AddEvents' rows: the events (with their ask facts staged, see AskIndex::Stage).
  Status InsertEvents(const std::vector<Event>& events, int threads);
  // Discards the dossier being written and names the store in the error.
  Status DossierFailed(const Status& why);

  sqlite3* db_;
  std::string path_;
  int64_t next_event_seq_ = 1;  // seq of the next event AddEvents writes
};

}  // namespace dossier

#endif  // DOSSIER_STORE_STORE_H_
