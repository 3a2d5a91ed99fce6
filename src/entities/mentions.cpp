// Placeholder until the stage lands: adds nothing.
#include "entities/mentions.h"

namespace dossier {

void FindEntities(Document* doc) { (void)doc; }

}  // namespace dossier
