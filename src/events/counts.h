// Casualty and arrest counts in a sentence, with the arithmetic news uses:
// "killing at least seven people" = 7 at_least; "killing him and nine others" = 10;
// "killed along with six others" = 7; "Soleimani and the other nine victims" = 10;
// "more than 100" = 100 more_than; "dozens" = range 24..99; "killing them all" = no number;
// "did not cause any fatalities" = 0.
#ifndef DOSSIER_EVENTS_COUNTS_H_
#define DOSSIER_EVENTS_COUNTS_H_

#include <vector>

#include "core/document.h"
#include "events/lexicon.h"

namespace dossier {
namespace events {

struct FoundCount {
  Count count;
  int anchor = -1;   // index into the sentence words of the word naming the slot
                     // ("killing", "dead"); the count belongs to that word's event
};

// The counts stated in one sentence's words.
std::vector<FoundCount> FindCounts(Words words);

// The slot a word names ("killed", "injured", "missing", "arrested"), or nullptr.
const char* SlotOf(const Word& w);

}  // namespace events
}  // namespace dossier

#endif  // DOSSIER_EVENTS_COUNTS_H_
