#include "core/document.h"

#include <algorithm>

namespace dossier {

Role Document::RoleAt(uint32_t offset) const {
  // Blocks tile the text in order: binary search for the last block starting at or before.
  auto it = std::upper_bound(blocks.begin(), blocks.end(), offset,
                             [](uint32_t off, const Block& b) { return off < b.span.start; });
  if (it == blocks.begin()) return Role::kArticle;
  --it;
  if (offset >= it->span.end) return Role::kArticle;
  return (it->part >= 0 && it->part < static_cast<int>(parts.size())) ? parts[it->part].role
                                                                      : Role::kArticle;
}

int Document::SentenceAt(uint32_t offset) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), offset,
                             [](uint32_t off, const Sentence& s) { return off < s.span.start; });
  if (it == sentences.begin()) return -1;
  --it;
  return offset < it->span.end ? static_cast<int>(it - sentences.begin()) : -1;
}

int64_t Document::RawOffset(uint32_t offset) const {
  auto it = std::upper_bound(origin.begin(), origin.end(), offset,
                             [](uint32_t off, const OriginPiece& p) { return off < p.clean; });
  if (it == origin.begin()) return -1;
  --it;
  if (offset >= it->clean + it->length) return -1;
  return static_cast<int64_t>(it->raw) + (offset - it->clean);
}

namespace {

// The value of enum E in [0, last] whose ToString is `s`, else `fallback`.
template <typename E>
E ByName(std::string_view s, E last, E fallback) {
  for (int i = 0; i <= static_cast<int>(last); ++i)
    if (s == ToString(static_cast<E>(i))) return static_cast<E>(i);
  return fallback;
}

}  // namespace

EntityType EntityTypeFromString(std::string_view s) {
  return ByName(s, EntityType::kNorp, EntityType::kPerson);
}
Sourcing SourcingFromString(std::string_view s) {
  return ByName(s, Sourcing::kQuestion, Sourcing::kAuthor);
}
Role RoleFromString(std::string_view s) { return ByName(s, Role::kComment, Role::kArticle); }

const char* ToString(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return "PERSON";
    case EntityType::kOrg: return "ORG";
    case EntityType::kGpe: return "GPE";
    case EntityType::kLoc: return "LOC";
    case EntityType::kFac: return "FAC";
    case EntityType::kNorp: return "NORP";
  }
  return "?";
}

const char* ToString(TimexType t) {
  switch (t) {
    case TimexType::kDate: return "DATE";
    case TimexType::kTime: return "TIME";
    case TimexType::kDuration: return "DURATION";
    case TimexType::kSet: return "SET";
  }
  return "?";
}

const char* ToString(Sourcing s) {
  switch (s) {
    case Sourcing::kAuthor: return "author";
    case Sourcing::kNamed: return "named";
    case Sourcing::kOutlet: return "outlet";
    case Sourcing::kAnonymous: return "anonymous";
    case Sourcing::kOpinion: return "opinion";
    case Sourcing::kAnswer: return "answer";
    case Sourcing::kComment: return "comment";
    case Sourcing::kQuestion: return "question";
  }
  return "?";
}

const char* ToString(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kHedged: return "hedged";
    case Modality::kDenied: return "denied";
    case Modality::kThreatened: return "threatened";
    case Modality::kPlanned: return "planned";
    case Modality::kHypothetical: return "hypothetical";
    case Modality::kNegated: return "negated";
  }
  return "?";
}

const char* ToString(Role r) {
  switch (r) {
    case Role::kArticle: return "article";
    case Role::kQuestion: return "question";
    case Role::kAnswer: return "answer";
    case Role::kComment: return "comment";
  }
  return "?";
}

const char* ToString(BlockKind k) {
  switch (k) {
    case BlockKind::kTitle: return "title";
    case BlockKind::kByline: return "byline";
    case BlockKind::kDateline: return "dateline";
    case BlockKind::kHeading: return "heading";
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kListItem: return "list_item";
    case BlockKind::kBlockQuote: return "block_quote";
    case BlockKind::kCaption: return "caption";
  }
  return "?";
}

const char* ToString(DocKind k) {
  switch (k) {
    case DocKind::kNews: return "news";
    case DocKind::kBlog: return "blog";
    case DocKind::kQA: return "qa";
    case DocKind::kUnknown: return "unknown";
  }
  return "?";
}

const char* ToString(DatePrecision p) {
  switch (p) {
    case DatePrecision::kNone: return "none";
    case DatePrecision::kYear: return "year";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kDay: return "day";
    case DatePrecision::kMinute: return "minute";
    case DatePrecision::kSecond: return "second";
  }
  return "?";
}

}  // namespace dossier
