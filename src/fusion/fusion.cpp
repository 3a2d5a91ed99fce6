// Placeholder until the stage lands: adds nothing.
#include "fusion/fusion.h"

namespace dossier {

Dossier Fuse(const std::vector<EventRecord>& records, const Resolution& entities) { (void)records; (void)entities; return {}; }

}  // namespace dossier
