// Placeholder until the stage lands: adds nothing.
#include "attribution/attribution.h"

namespace dossier {

void Attribute(Document* doc) { (void)doc; }

}  // namespace dossier
