// Placeholder until the stage lands: adds nothing.
#include "events/events.h"

namespace dossier {

void CodeEvents(Document* doc) { (void)doc; }

}  // namespace dossier
