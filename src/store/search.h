// Evidence search over every stored sentence (SQLite FTS5, BM25 ranking).
#ifndef DOSSIER_STORE_SEARCH_H_
#define DOSSIER_STORE_SEARCH_H_

#include <string>
#include <vector>

#include "core/document.h"

namespace dossier {

// One stored sentence that matched a query, with its document and attribution.
struct SentenceHit {
  std::string doc;            // document id
  std::string outlet;
  std::string published;
  int sentence = -1;          // index in the document's sentence layer
  uint32_t start = 0, end = 0;  // byte span in the document's clean text
  std::string text;           // the sentence, verbatim from the clean text
  double score = 0;           // BM25 (higher is better)
  std::string attributed_to;  // innermost source as written ("" for the author)
  Sourcing sourcing = Sourcing::kAuthor;
  Role role = Role::kArticle;
};

// Read-only search interface; the store implements it, tests can fake it.
class SentenceSearch {
 public:
  virtual ~SentenceSearch() = default;
  // `terms` are plain words (no FTS syntax needed); documents matching more terms rank
  // higher. At most `limit` hits, best first.
  virtual std::vector<SentenceHit> Search(const std::vector<std::string>& terms, int limit) const = 0;
};

}  // namespace dossier

#endif  // DOSSIER_STORE_SEARCH_H_
