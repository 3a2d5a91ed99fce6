// Event identity: which event mentions report the same real event.
//
// Mentions are visited in a canonical order (text-dated mentions with named targets first,
// then by document id and index), so the result does not depend on input order. Each
// mention is compared only with the clusters found in its blocks (same family and
// modality class, and the same day or month, target entity or place), each block scanned
// to a fixed depth, and joins the best-scoring cluster when the score passes a threshold
// and some identity anchor (a shared target, a target named in its sentence, or the same
// day and place) holds; else it starts a new cluster.
#ifndef DOSSIER_FUSION_CLUSTER_H_
#define DOSSIER_FUSION_CLUSTER_H_

#include <string>
#include <vector>

#include "entities/resolve.h"
#include "fusion/dates.h"
#include "fusion/fusion.h"
#include "fusion/places.h"

namespace dossier {
namespace fusion {

// How a mention's date was found, weakest first.
enum class DateBasis { kNone, kPublished, kContext, kText };
const char* ToString(DateBasis b);

// An actor argument as fusion compares it: the resolved entity or the normalized text.
struct Actor {
  uint64_t key = 0;         // entity index, or a hash of the text key with the top bit set
  int entity = -1;
  bool named = false;       // a resolved PERSON/ORG/FAC entity: a different one means a
                            // different event
  std::string name;         // entity name, or the text as written
  uint64_t surname = 0;     // for people and unresolved names: a key of the last name, so
                            // "Soleimani" meets "Qassem Soleimani" (0 when none)
};

// What the identity decision reads of one record, computed once.
struct MentionFeatures {
  int record = -1;          // index into the records given to Fuse()
  std::string family;
  std::string group;        // "real" for asserted/hedged, else the modality name
  DayInterval date;
  DateBasis basis = DateBasis::kNone;
  DayInterval published;
  std::vector<Actor> targets;
  std::vector<Actor> sources;
  // The mention's place, shared by the mentions of a part that write it alike (FuseEvents
  // analyses each distinct place text once); null for none.
  const PlaceInfo* place_info = nullptr;
  const PlaceInfo& place() const;
  std::string instrument;   // instrument class ("aerial", "rocket", ...)
};

// The features of `r`, which is record `index` of its part, but for its place
// (AnalyzePlace(r.mention.place.text)), which the caller shares among mentions.
MentionFeatures ComputeFeatures(const EventRecord& r, int index, const Resolution& entities);

// One cluster of mentions: an event before its slots are built.
struct MentionCluster {
  std::vector<int> members;            // indices into the features vector, in join order
  std::vector<std::string> reasons;    // one per joined mention after the first
  std::vector<std::string> near_misses;
};

// Clusters `features` (all of them, any order). Deterministic: the same result for any
// `threads` (more than one lets sentence n-grams be computed ahead on another thread).
// Adds the number of mention-to-cluster comparisons made to *comparisons when not null.
// Reads of the records only their documents, indexes and sentences.
std::vector<MentionCluster> ClusterMentions(const PartRecords& records,
                                            const std::vector<MentionFeatures>& features,
                                            const Resolution& entities, size_t* comparisons = nullptr,
                                            int threads = 1);

}  // namespace fusion
}  // namespace dossier

#endif  // DOSSIER_FUSION_CLUSTER_H_
