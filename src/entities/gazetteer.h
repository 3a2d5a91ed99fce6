// The lexicons the mentions stage reads from data/entities/: a gazetteer of places,
// organisations and groups, titles and roles, organisation head and tail words, common given
// and family names, name particles and common English words. Loaded once, shared read-only.
//
// Every key is the FoldName() of the words as the text stage tokenizes them, joined by one
// space ("people's republic of china", "u.s.", "maj. gen.").
#ifndef DOSSIER_ENTITIES_GAZETTEER_H_
#define DOSSIER_ENTITIES_GAZETTEER_H_

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/document.h"

namespace dossier {

struct GazetteerEntry {
  EntityType type = EntityType::kGpe;
  std::string kind;         // "country", "city", "region", "geo", "organization", "demonym:Iran"...
  bool exact_case = false;  // all-caps entries ("UN", "IS", "WHO") match only as written
  bool common_word = false; // the entry is also an ordinary English word ("Time", "Post")
};

struct EntityLexicons {
  std::unordered_map<std::string, GazetteerEntry> gazetteer;
  int max_gazetteer_words = 1;
  // Every word prefix of a gazetteer entry ("united", "united states"), so a lookup stops
  // as soon as no entry can match.
  std::unordered_set<std::string> gazetteer_prefixes;
  std::unordered_set<std::string> titles;
  std::unordered_set<std::string> title_prefixes;
  int max_title_words = 1;
  std::unordered_set<std::string> org_tail;
  std::unordered_set<std::string> org_head;
  std::unordered_map<std::string, EntityType> place_tail;  // "river" -> LOC, "airport" -> FAC
  std::unordered_set<std::string> fac_head;  // "camp": "Camp Halvard" is a facility
  std::unordered_set<std::string> given_names;
  std::unordered_set<std::string> family_names;
  std::unordered_set<std::string> particles;
  std::unordered_set<std::string> english;  // common lower-case English words
};

// The lexicons, loaded on first use (thread-safe).
const EntityLexicons& GetEntityLexicons();

}  // namespace dossier

#endif  // DOSSIER_ENTITIES_GAZETTEER_H_
