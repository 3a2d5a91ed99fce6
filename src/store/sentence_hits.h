// How the store's evidence search asks FTS5 and reads its hits, shared by Store::Search and
// the ask index's faster ranker (which must give the same hits). Internal to src/store/.
#ifndef DOSSIER_STORE_SENTENCE_HITS_H_
#define DOSSIER_STORE_SENTENCE_HITS_H_

#include <string>
#include <vector>

#include "store/search.h"
#include "store/statement.h"

namespace dossier {
namespace store {

// The FTS5 query for plain `terms`: each term a quoted phrase (its own quotes dropped), the
// phrases OR-ed; "" when no term has text. The phrases go to *phrases when not null.
std::string SentenceMatchQuery(const std::vector<std::string>& terms, std::vector<std::string>* phrases);

// The columns SentenceHitFromRow() reads, first in a query over sentence_rows r joined with
// docs d.
constexpr const char* kSentenceHitColumns =
    "r.doc, r.idx, r.start, r.end, substr(CAST(d.text AS BLOB), r.start + 1, r.end - r.start), "
    "r.attributed_to, r.sourcing, r.role, d.outlet, d.published";

// The hit of the current row of `q` (its score left 0).
SentenceHit SentenceHitFromRow(const Stmt& q);

}  // namespace store
}  // namespace dossier

#endif  // DOSSIER_STORE_SENTENCE_HITS_H_
