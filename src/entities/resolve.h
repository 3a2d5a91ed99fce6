// Cross-document entity resolution: one entity per real person, organisation or place,
// with every spelling, and the reason for every merge.
#ifndef DOSSIER_ENTITIES_RESOLVE_H_
#define DOSSIER_ENTITIES_RESOLVE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"

namespace dossier {

// Documents are numbered in the corpus stages: a number indexes the document ids given to
// ResolveEntities() (kept as Resolution::doc_ids), so a name's documents cost 4 bytes each.
using DocNumber = uint32_t;

// What resolution needs of the mentions of one name: compact, so a whole corpus fits in
// memory. The store gives one record per distinct (type, text, titles, alias) with every
// document that has it; a test may give one record per mention.
struct MentionRecord {
  std::vector<DocNumber> docs;      // documents that have it, ascending, each once
  int count = 1;                    // how many mentions the record stands for
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
  std::vector<DocNumber> docs;      // its documents, ascending (see Resolution::doc_ids)
  std::vector<std::string> titles;  // titles and roles, most frequent first
  std::vector<MergeReason> reasons;
  std::string key;                  // the name-matching key of `name` (see name_key.h)
};

struct Resolution {
  std::vector<std::string> doc_ids; // document number -> id
  std::vector<Entity> entities;
  std::vector<int> assignment;      // for each input record, its index in `entities`

  // The entity of a mention of `type` written `text`: every mention of one name and type
  // class resolves alike. -1 when the name was not among the records.
  int EntityOf(EntityType type, std::string_view text) const;

  std::unordered_map<std::string, int> by_name;  // name key of (type class, spelling) -> entity
};

// Deterministic: the result does not depend on the order of `records`.
// `doc_ids` names the documents the records' numbers refer to.
Resolution ResolveEntities(const std::vector<MentionRecord>& records, std::vector<std::string> doc_ids);

}  // namespace dossier

#endif  // DOSSIER_ENTITIES_RESOLVE_H_
