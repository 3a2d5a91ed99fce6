// The attribution stage: for every claim sentence (or clause), whom the document
// attributes it to and of what kind, with hedging and chains of sources.
#ifndef DOSSIER_ATTRIBUTION_ATTRIBUTION_H_
#define DOSSIER_ATTRIBUTION_ATTRIBUTION_H_

#include "core/document.h"

namespace dossier {

// Fills doc->attributions (one per sentence at least; reported clauses get their own).
void Attribute(Document* doc);

}  // namespace dossier

#endif  // DOSSIER_ATTRIBUTION_ATTRIBUTION_H_
