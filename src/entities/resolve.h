// Cross-document entity resolution: one entity per real person, organisation or place,
// with every spelling, and the reason for every merge.
#ifndef DOSSIER_ENTITIES_RESOLVE_H_
#define DOSSIER_ENTITIES_RESOLVE_H_

#include <string>
#include <vector>

#include "core/document.h"

namespace dossier {

// What resolution needs of one entity mention: compact, so a whole corpus fits in memory.
struct MentionRecord {
  std::string doc;                  // document id
  int index = -1;                   // index into that document's entities layer
  EntityType type = EntityType::kPerson;
  std::string text;                 // surface form as written
  std::vector<std::string> titles;
  std::string alias_text;           // surface of the mention it is an alias of, if any
};

// Why two names were put in one entity.
struct MergeReason {
  std::string rule;                 // "same-key", "surname", "acronym", "alias", ...
  std::string a, b;                 // the two spellings
  std::string evidence;             // the key, the document, the sentence...
};

struct Entity {
  std::string id;                   // stable across runs: "E" + hash of the canonical key
  EntityType type = EntityType::kPerson;
  std::string name;                 // most complete common spelling
  std::vector<std::string> aliases; // every other spelling seen
  int mentions = 0;
  std::vector<std::string> docs;    // document ids, sorted
  std::vector<std::string> titles;  // titles and roles, most frequent first
  std::vector<MergeReason> reasons;
  std::string key;                  // the name-matching key of `name` (see name_key.h)
};

struct Resolution {
  std::vector<Entity> entities;
  std::vector<int> assignment;      // for each input record, its index in `entities`
};

// Deterministic: the result does not depend on the order of `records`.
Resolution ResolveEntities(const std::vector<MentionRecord>& records);

}  // namespace dossier

#endif  // DOSSIER_ENTITIES_RESOLVE_H_
