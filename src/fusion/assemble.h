// From clusters of mentions to the dossier's events: codes, date, place and actors by
// document support, slots with every reported value, conflicts with their kind, and a
// one-line summary cut from the evidence.
#ifndef DOSSIER_FUSION_ASSEMBLE_H_
#define DOSSIER_FUSION_ASSEMBLE_H_

#include <string>
#include <vector>

#include "fusion/cluster.h"
#include "fusion/fusion.h"

namespace dossier {
namespace fusion {

// Builds one event (all fields but the summary's fallbacks are filled from the members).
Event AssembleEvent(const std::vector<EventRecord>& records, const std::vector<MentionFeatures>& features,
                    const MentionCluster& cluster, const Resolution& entities);

// Conflicts of one real event, in slot order.
std::vector<Conflict> FindConflicts(const Event& event, const Resolution& entities);

// The shortest clear clause of the evidence that names the event's trigger and target.
std::string Summarize(const Event& event, const std::vector<MentionFeatures>& features,
                      const MentionCluster& cluster, const std::vector<EventRecord>& records,
                      const Resolution& entities);

// Whether `text` (cut from the sentence of `r`) reports the event: not a question or a
// comment, asserted or hedged, no denial or possibility ("could", "might"), and, when the
// trigger is known, containing it (a bare dateline is no report).
bool SummaryUsable(const EventRecord& r, const std::string& text);

// Cuts `sentence` to the comma-separated segments that contain all of `terms` (those found),
// keeping it readable: no leading bullets, one line, at most about 200 characters.
std::string TrimToTerms(const std::string& sentence, const std::vector<std::string>& terms);

}  // namespace fusion
}  // namespace dossier

#endif  // DOSSIER_FUSION_ASSEMBLE_H_
