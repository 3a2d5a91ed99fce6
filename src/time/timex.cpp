// Placeholder until the stage lands: adds nothing.
#include "time/timex.h"

namespace dossier {

void TagTime(Document* doc) { (void)doc; }

}  // namespace dossier
