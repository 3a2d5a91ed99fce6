// Fusion: event mentions from many documents become events; each slot keeps every value
// each source reports; contradictions are listed; dated events form a timeline.
#ifndef DOSSIER_FUSION_FUSION_H_
#define DOSSIER_FUSION_FUSION_H_

#include <string>
#include <vector>

#include "core/document.h"
#include "entities/resolve.h"

namespace dossier {

// What fusion needs of one event mention, with its document's context and the corpus
// entity ids of its arguments (-1 when the argument is not a resolved entity).
struct EventRecord {
  std::string doc;                  // document id
  std::string outlet;               // short outlet name for display
  std::string published;            // document date (ISO, may be empty)
  int index = -1;                   // index into the document's events layer
  EventMention mention;
  std::string sentence;             // the sentence text (evidence)
  std::string timex_text;           // the time expression the date came from, if any
  std::string timex_value;
  std::vector<int> source_entities;
  std::vector<int> target_entities;
  int place_entity = -1;
  std::string attributed_to;        // innermost source as written ("" for the author)
  Sourcing sourcing = Sourcing::kAuthor;
};

// One value of one slot, with everything that reports it.
struct SlotValue {
  std::string value;                // as a string; counts are decimal numbers
  bool numeric = false;
  std::string qualifier;            // for counts: at_least, more_than, ...
  std::vector<std::string> docs;
  std::vector<std::string> evidence;       // sentences / phrases
  std::vector<std::string> attributed_to;  // parallel to evidence
  std::vector<Sourcing> sourcing;          // parallel to evidence
};

struct Slot {
  std::string name;                 // "date", "place", "source", "target", "instrument",
                                    // "killed", "injured", "missing", "arrested"
  std::vector<SlotValue> values;
};

struct FusedMention {
  EventRecord record;
};

struct Event {
  std::string id;                   // stable across runs
  std::string cameo;
  std::string plover;
  std::string mode;
  std::string date;                 // best-supported date, ISO cut to precision
  std::string precision;            // "day", "month", "year"
  std::string place;
  std::vector<std::string> source;  // entity names
  std::vector<std::string> target;
  std::vector<Slot> slots;
  std::vector<EventRecord> mentions;
  std::vector<std::string> merge_reasons;
  std::string summary;              // one line built from the evidence
};

struct Conflict {
  std::string event;                // event id
  std::string slot;
  std::string kind;                 // "dispute", "update", "uncertainty"
  std::vector<SlotValue> values;
  std::string note;
};

struct TimelineEntry {
  std::string date;
  std::string precision;
  std::string summary;
  std::string event;
  std::vector<std::string> docs;
};

struct Dossier {
  std::vector<Event> events;
  std::vector<Conflict> conflicts;
  std::vector<TimelineEntry> timeline;
};

// Deterministic, near-linear: mentions are blocked by date and place before comparison.
Dossier Fuse(const std::vector<EventRecord>& records, const Resolution& entities);

}  // namespace dossier

#endif  // DOSSIER_FUSION_FUSION_H_
