// The lexicons the mentions stage reads from data/entities/: a gazetteer of places,
// organisations and groups, titles and roles, organisation head and tail words, common given
// and family names, name particles and common English words. Loaded once, shared read-only.
//
// Every key is the FoldName() of the words as the text stage tokenizes them, joined by one
// space ("people's republic of china", "u.s.", "maj. gen.").
#ifndef DOSSIER_ENTITIES_GAZETTEER_H_
#define DOSSIER_ENTITIES_GAZETTEER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/document.h"
#include "text/word_index.h"

namespace dossier {

struct GazetteerEntry {
  EntityType type = EntityType::kGpe;
  std::string kind;         // "country", "city", "region", "geo", "organization", "demonym:Iran"...
  bool exact_case = false;  // all-caps entries ("UN", "IS", "WHO") match only as written
  bool common_word = false; // the entry is also an ordinary English word ("Time", "Post")
};

// Hash for sets of std::string that may be asked with a std::string_view (no copy).
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using NameSet = std::unordered_set<std::string, NameHash, std::equal_to<>>;

struct EntityLexicons {
  std::unordered_map<std::string, GazetteerEntry> gazetteer;
  int max_gazetteer_words = 1;
  // Every word prefix of a gazetteer entry ("united", "united states"), so a lookup stops
  // as soon as no entry can match.
  NameSet gazetteer_prefixes;
  NameSet titles;
  NameSet title_prefixes;
  // Every word suffix of a title ("minister", "prime minister"), for lookups leftwards.
  NameSet title_suffixes;
  int max_title_words = 1;
  NameSet org_tail;
  NameSet org_head;
  std::unordered_map<std::string, EntityType> place_tail;  // "river" -> LOC, "airport" -> FAC
  NameSet fac_head;  // "camp": "Camp Halvard" is a facility
  NameSet given_names;
  NameSet family_names;
  NameSet particles;
  WordIndex english;  // common lower-case English words (a large list: the faster lookup)
};

// The lexicons, loaded on first use (thread-safe).
const EntityLexicons& GetEntityLexicons();

}  // namespace dossier

#endif  // DOSSIER_ENTITIES_GAZETTEER_H_
