// The mentions stage: named entities (PERSON, ORG, GPE, LOC, FAC, NORP) in one document,
// with titles and roles kept as attributes of the person they describe and aliases linked.
#ifndef DOSSIER_ENTITIES_MENTIONS_H_
#define DOSSIER_ENTITIES_MENTIONS_H_

#include "core/document.h"

namespace dossier {

// Fills doc->entities from doc->tokens and doc->sentences. Thread-safe: lexicons are
// loaded once and shared read-only.
void FindEntities(Document* doc);

}  // namespace dossier

#endif  // DOSSIER_ENTITIES_MENTIONS_H_
