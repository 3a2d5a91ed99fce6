// The time stage: temporal expressions (TIMEX3 DATE, TIME, DURATION, SET) normalized
// against the publication date and the story's own narrative dates.
#ifndef DOSSIER_TIME_TIMEX_H_
#define DOSSIER_TIME_TIMEX_H_

#include "core/document.h"

namespace dossier {

// Fills doc->timexes. The anchor is doc->meta.published (may be unknown: then values
// that need it stay underspecified, e.g. "XXXX-10-15"); narrative dates move the anchor.
void TagTime(Document* doc);

}  // namespace dossier

#endif  // DOSSIER_TIME_TIMEX_H_
