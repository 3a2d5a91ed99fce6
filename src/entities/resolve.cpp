// Placeholder until the stage lands: adds nothing.
#include "entities/resolve.h"

namespace dossier {

Resolution ResolveEntities(const std::vector<MentionRecord>& records) { Resolution r; r.assignment.assign(records.size(), -1); return r; }

}  // namespace dossier
