// Fusion: event mentions from many documents become events; each slot keeps every value
// each source reports; contradictions are listed; dated events form a timeline.
//
// What Fuse() promises:
//  * Identity: mentions are clustered into events by a scored decision over event family
//    (CAMEO/PLOVER), target and source entities, place containment, date intervals and
//    instrument. Every merge stores its reason, every near-miss too. Mentions are compared
//    only within blocks (same family and modality class, and the same day, month, target
//    entity or place), each block scanned to a fixed depth: the work is near-linear.
//  * Only asserted and hedged mentions make real events; threatened, planned, hypothetical,
//    denied and negated mentions form separate events marked with their modality, never
//    merged into real ones and never on the timeline.
//  * Slots keep every value each document reports, with documents, evidence and attribution.
//    Nothing is averaged; a document supports a value once however often it repeats it.
//  * Conflicts list slots whose values differ, with a kind: "dispute" (sources disagree),
//    "update" (later reports give a new value, e.g. a rising death toll), "uncertainty"
//    (bounded or hedged values that may agree: "at least 7" vs 10, "Lebanon or Syria").
//  * Deterministic: the output does not depend on the order of `records`; ids are stable.
#ifndef DOSSIER_FUSION_FUSION_H_
#define DOSSIER_FUSION_FUSION_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "entities/resolve.h"
#include "fusion/dates.h"

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
  // The entity mention each argument names, as the store keeps it: its type and spelling
  // (empty when the argument is no entity mention). Resolution::EntityOf() turns them into
  // the entity ids below.
  struct NameRef {
    EntityType type = EntityType::kPerson;
    std::string text;
  };
  std::vector<NameRef> source_names;
  std::vector<NameRef> target_names;
  NameRef place_name;
  std::vector<int> source_entities;
  std::vector<int> target_entities;
  int place_entity = -1;
  std::string attributed_to;        // innermost source as written ("" for the author)
  Sourcing sourcing = Sourcing::kAuthor;
  // Optional, improve summaries and evidence when filled:
  std::string trigger_text;         // the trigger as written ("killed", "strike")
  int64_t sentence_start = -1;      // byte offset of `sentence` in the document text, so
                                    // mention spans can be cut out of it; -1 when unknown
};

// One value of one slot, with everything that reports it.
struct SlotValue {
  std::string value;                // as a string; counts are decimal numbers
  bool numeric = false;
  std::string qualifier;            // for counts: at_least, more_than, at_most, about, range
  int64_t high = 0;                 // for counts: upper bound of a range, else the value
  bool hedged = false;              // every report of it is hedged or an either/or
  std::vector<std::string> docs;    // sorted, each document once
  std::vector<std::string> evidence;       // sentences / phrases
  std::vector<std::string> evidence_docs;  // parallel to evidence: the document of each
  std::vector<std::string> attributed_to;  // parallel to evidence
  std::vector<Sourcing> sourcing;          // parallel to evidence
};

struct Slot {
  std::string name;                 // "date", "place", "source", "target", "instrument",
                                    // "killed", "injured", "missing", "arrested"
  std::vector<SlotValue> values;    // most supported first
};

struct Event {
  std::string id;                   // stable across runs: "V" + hash of its seed mention
  std::string cameo;
  std::string plover;
  std::string mode;
  std::string family;               // "attack", "protest", "consult", ... (see data/)
  std::string modality;             // "asserted" for real events (hedged ones included),
                                    // else "threatened", "planned", "denied", ...
  bool real = true;                 // asserted or hedged: a thing that happened
  std::string date;                 // best-supported date, ISO cut to precision
  std::string precision;            // "day", "week", "month", "year" ("" when undated)
  std::string date_basis;           // "text" (a time expression), "context" (narrative
                                    // time), "published" (only the document date), ""
  std::string place;
  std::vector<std::string> source;  // entity names, most supported first
  std::vector<std::string> target;
  std::vector<Slot> slots;
  std::vector<EventRecord> mentions;  // ordered by document id, then index
  std::vector<std::string> docs;    // sorted document ids of the mentions
  std::vector<std::string> merge_reasons;
  std::vector<std::string> near_misses;  // mentions that scored close but stayed apart
  std::string summary;              // one line built from the evidence
};

struct Conflict {
  std::string event;                // event id
  std::string slot;
  std::string kind;                 // "dispute", "update", "uncertainty"
  std::vector<SlotValue> values;
  std::string note;                 // one line for people: the values and why this kind
};

struct TimelineEntry {
  std::string date;
  std::string precision;
  std::string summary;
  std::string event;
  std::vector<std::string> docs;
  std::string basis;                // as Event::date_basis; "published" means "reported on
                                    // or before this date", not dated by the text
};

// Work done by Fuse(), for tests and benchmarks: comparisons grow linearly with mentions.
struct FuseStats {
  size_t mentions = 0;              // distinct mentions clustered
  size_t comparisons = 0;           // mention-to-cluster scores computed
  size_t events = 0;
};

struct Dossier {
  std::vector<Event> events;        // real events first, most documents first
  std::vector<Conflict> conflicts;  // in the order of `events`, then slot
  std::vector<TimelineEntry> timeline;  // by date, then event id
  FuseStats stats;
};

// The part of the corpus a mention is fused within: its event family and modality group
// ("attack/real", "attack/threatened"). Mentions of different parts are never one event, so
// a corpus can be fused a part at a time, holding one part in memory.
std::string FusionPart(const EventMention& m);

// The order of events in a dossier: real events first, then most documents, most
// mentions, earliest date, id.
bool EventOrder(const Event& a, const Event& b);

// What the timeline needs of one dated real event: kept for a whole corpus while its
// events are written and released a part at a time.
struct TimelineCandidate {
  std::string event;                // event id
  std::string date, precision, basis, summary, family, place;
  std::vector<std::string> target;
  std::vector<std::string> docs;
  fusion::DayInterval interval;
  bool usable = false;              // some mention reports the event (not a question,
                                    // comment or denial)
  std::vector<std::string> words;   // sorted content words of summary, place, targets
};

// The timeline candidates of a corpus, kept while its parts are fused (a day of news has
// about 700,000): held compactly, their documents, targets, words, places and families as
// numbers of one vocabulary and their texts in one string each, about a third of their
// full size.
class TimelineCandidates {
 public:
  TimelineCandidates();
  void Add(const TimelineCandidate& c);
  size_t size() const { return items_.size(); }
  // The timeline: candidates that report one event become one entry, by date then event id.
  std::vector<TimelineEntry> Build() const;

 private:
  struct Item {
    int32_t lo = 0, hi = -1;        // the candidate's interval
    uint32_t family = 0, place = 0; // vocabulary numbers
    uint32_t ndocs = 0, ntargets = 0;
    bool usable = false;
    std::string text;               // event id, date, precision, basis, summary; NUL-separated
    std::vector<uint32_t> lists;    // docs (in order), then targets, then words (sorted)
  };
  // The fields of an item's text.
  struct Text {
    std::string_view event, date, precision, basis, summary;
  };
  static Text TextOf(const Item& item);
  static bool SameEntry(const Item& a, const Item& b);  // as TimelineCandidate's
  uint32_t Number(const std::string& s);

  std::vector<Item> items_;
  std::unordered_map<std::string, uint32_t> numbers_;
  std::vector<const std::string*> strings_;  // by number: the keys of numbers_
};

// The ids given to events so far, so that ids stay unique across a corpus's parts. The
// usual id ("V" and 12 lower-case hex digits) is held as its number.
class EventIds {
 public:
  // Adds `id`; false when it was given already.
  bool Insert(const std::string& id);

 private:
  std::unordered_set<uint64_t> numbers_;
  std::unordered_set<std::string> others_;
};

// What fusion keeps across the parts of a corpus.
struct FusedSoFar {
  EventIds ids;
  TimelineCandidates timeline;
};

// What FuseEvents() tells once its events have gone to the sink.
struct FusedEvents {
  FuseStats stats;
  Status status;                    // the sink's error, if it failed
  int64_t wait_ns = 0;              // time fusion waited for the sink (which runs beside it)
};

// Takes a chunk of fused events and their conflicts (in the order of the events, then
// slot); it may move from them. E.g. writes them to the store. With more than one thread,
// FuseEvents calls it on a thread of its own while it assembles the next chunk (one call at
// a time, chunks in order).
using EventSink = std::function<Status(std::vector<Event>& events, std::vector<Conflict>& conflicts)>;

// The event records of one part, as fusion reads them. The largest part of a day of news
// holds half a million records, which decoded would set the build's peak memory; so a
// part may keep its records in a compact form and decode one whenever fusion reads it.
// Fusion reads each record's text facts often, each record in full twice: once for its
// features, once (Take) to put it into its event.
class PartRecords {
 public:
  virtual ~PartRecords() = default;
  virtual size_t size() const = 0;
  // Record i's document id, index and sentence; the views live as long as this object.
  virtual std::string_view Doc(size_t i) const = 0;
  virtual int Index(size_t i) const = 0;
  virtual std::string_view Sentence(size_t i) const = 0;
  // Calls `fn` with record i in full; false (and no call) when record i cannot be read
  // (stored bytes found damaged): fusion leaves it out. Safe to call from several threads
  // at once.
  virtual bool Read(size_t i, const std::function<void(const EventRecord&)>& fn) const = 0;
  // Record i in full, for the last time: it is not read again. Safe to call from several
  // threads at once for different i.
  virtual EventRecord Take(size_t i) = 0;
};

// Records held decoded, in a vector.
class DecodedRecords : public PartRecords {
 public:
  explicit DecodedRecords(std::vector<EventRecord> records) : records_(std::move(records)) {}
  size_t size() const override { return records_.size(); }
  std::string_view Doc(size_t i) const override { return records_[i].doc; }
  int Index(size_t i) const override { return records_[i].index; }
  std::string_view Sentence(size_t i) const override { return records_[i].sentence; }
  bool Read(size_t i, const std::function<void(const EventRecord&)>& fn) const override {
    fn(records_[i]);
    return true;
  }
  EventRecord Take(size_t i) override { return std::move(records_[i]); }

 private:
  std::vector<EventRecord> records_;
};

// Fuses the records of one part (or any set of records all of one part); each record is
// taken once its event holds it. `threads` assemble events in parallel with the same result
// for any count. `so_far` holds the event ids given so far, so ids stay unique across
// parts, and gets the timeline candidates of the part's events. Events are handed to `sink`
// a chunk at a time (in a fixed order, not EventOrder) and dropped, so a part's events are
// never all in memory; fusion stops at the sink's first error. The result does not depend
// on how `records` holds them.
FusedEvents FuseEvents(PartRecords& records, const Resolution& entities, int threads, FusedSoFar* so_far,
                       const EventSink& sink);
// The same for records in a vector (pass it with std::move).
FusedEvents FuseEvents(std::vector<EventRecord> records, const Resolution& entities, int threads,
                       FusedSoFar* so_far, const EventSink& sink);

// The whole dossier at once: records split by FusionPart, each part fused, events in
// EventOrder. Deterministic, near-linear (mentions are blocked by date, target and place).
Dossier Fuse(std::vector<EventRecord> records, const Resolution& entities, int threads = 1);

// Text for people, one per command: aligned columns, documents shown by short outlet name.
std::string RenderEventsText(const Dossier& dossier);
std::string RenderTimelineText(const Dossier& dossier);
std::string RenderConflictsText(const Dossier& dossier);

}  // namespace dossier

#endif  // DOSSIER_FUSION_FUSION_H_
