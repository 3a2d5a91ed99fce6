// JSON forms of the corpus objects (entities, events, conflicts, timeline entries), in
// the shapes of DESIGN.md plus the details a user needs to check them (merge reasons,
// evidence, attribution).
#ifndef DOSSIER_STORE_DOSSIER_JSON_H_
#define DOSSIER_STORE_DOSSIER_JSON_H_

#include <nlohmann/json_fwd.hpp>

#include "entities/resolve.h"
#include "fusion/fusion.h"

namespace dossier {

nlohmann::json EntityToJson(const Entity& e);
nlohmann::json EventToJson(const Event& e);
nlohmann::json ConflictToJson(const Conflict& c);
nlohmann::json TimelineEntryToJson(const TimelineEntry& t);
nlohmann::json SlotValueToJson(const SlotValue& v);

// The record fusion reads, stored per event mention at ingest.
nlohmann::json EventRecordToJson(const EventRecord& r);
EventRecord EventRecordFromJson(const nlohmann::json& j);

}  // namespace dossier

#endif  // DOSSIER_STORE_DOSSIER_JSON_H_
