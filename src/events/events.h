// The events stage: event mentions per sentence with CAMEO and PLOVER codes, actors,
// place, time, instrument, counts and modality, linked to their attribution.
#ifndef DOSSIER_EVENTS_EVENTS_H_
#define DOSSIER_EVENTS_EVENTS_H_

#include "core/document.h"

namespace dossier {

// Fills doc->events. Needs the sentence, token, entity, timex and attribution layers.
void CodeEvents(Document* doc);

}  // namespace dossier

#endif  // DOSSIER_EVENTS_EVENTS_H_
