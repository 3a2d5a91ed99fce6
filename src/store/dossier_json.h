// JSON forms of the corpus objects (entities, events, conflicts, timeline entries), in
// the shapes of DESIGN.md plus the details a user needs to check them (merge reasons,
// evidence, attribution).
#ifndef DOSSIER_STORE_DOSSIER_JSON_H_
#define DOSSIER_STORE_DOSSIER_JSON_H_

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "entities/resolve.h"
#include "fusion/fusion.h"

namespace dossier {

// `doc_ids` names the entity's document numbers (Resolution::doc_ids).
nlohmann::json EntityToJson(const Entity& e, const std::vector<std::string>& doc_ids);
nlohmann::json EventToJson(const Event& e);
nlohmann::json ConflictToJson(const Conflict& c);
nlohmann::json TimelineEntryToJson(const TimelineEntry& t);
nlohmann::json SlotValueToJson(const SlotValue& v);

// The stored form of an event: EventToJson's shape, except that slot evidence repeating a
// mention's sentence is stored as that mention's index ("evidence": [0] rather than the
// sentence again), which makes the events table several times smaller.
// ExpandStoredEvent() turns the stored form back into EventToJson's shape.
std::string StoredEventJson(const Event& e);
void ExpandStoredEvent(nlohmann::json* event);

}  // namespace dossier

#endif  // DOSSIER_STORE_DOSSIER_JSON_H_
