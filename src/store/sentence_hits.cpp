#include "store/sentence_hits.h"

namespace dossier {
namespace store {

std::string SentenceMatchQuery(const std::vector<std::string>& terms, std::vector<std::string>* phrases) {
  std::string query;
  for (const std::string& t : terms) {
    std::string clean;
    for (char c : t)
      if (c != '"') clean += c;
    if (clean.empty()) continue;
    if (!query.empty()) query += " OR ";
    query += "\"" + clean + "\"";
    if (phrases != nullptr) phrases->push_back(clean);
  }
  return query;
}

SentenceHit SentenceHitFromRow(const Stmt& q) {
  SentenceHit h;
  h.doc = q.Text(0);
  h.sentence = static_cast<int>(q.Int(1));
  h.start = static_cast<uint32_t>(q.Int(2));
  h.end = static_cast<uint32_t>(q.Int(3));
  h.text = q.Text(4);
  h.attributed_to = q.Text(5);
  h.sourcing = SourcingFromString(q.Text(6));
  h.role = RoleFromString(q.Text(7));
  h.outlet = q.Text(8);
  h.published = q.Text(9);
  return h;
}

}  // namespace store
}  // namespace dossier
