// Places as reported ("Baghdad International Airport", "the Iraqi capital Baghdad", "Iraq",
// "either Lebanon or Syria") and how two of them relate: the same, one inside the other,
// two spots in one city, or different places. Uses data/places_containment.tsv (general
// world geography) plus containment of the text itself: a name that contains a known place
// lies in it, and "Baghdad's airport" is a narrower form of "the airport".
#ifndef DOSSIER_FUSION_PLACES_H_
#define DOSSIER_FUSION_PLACES_H_

#include <string>
#include <string_view>
#include <vector>

namespace dossier {
namespace fusion {

struct PlaceInfo {
  std::string key;                      // Key(text): "baghdad international airport"
  std::vector<std::string> words;       // its words without "the", "of", "in", ...
  std::vector<std::string> known;       // gazetteer places it names or lies in, most specific
                                        // first, canonical spelling: {"Baghdad", "Iraq", ...}
  bool proper = false;                  // written as a name (capitalised word)
  std::vector<PlaceInfo> alternatives;  // "Lebanon or Syria": one per alternative, else empty
  bool empty() const { return key.empty(); }
  // The most specific known place ("Baghdad"), or "" when none.
  const std::string& Anchor() const;
};

PlaceInfo AnalyzePlace(std::string_view text);

enum class PlaceRelation {
  kSame,        // same key, or one names a known place the other is an alias of
  kNarrower,    // a lies inside b ("Baghdad International Airport" vs "Baghdad")
  kBroader,     // b lies inside a
  kNear,        // two places in the same known city or area, neither inside the other
  kDifferent,   // known to be different places (different cities, different countries)
  kUnknown,     // cannot tell: unrelated texts, no gazetteer knowledge
};

// For alternatives, the closest relation of any alternative.
PlaceRelation ComparePlaces(const PlaceInfo& a, const PlaceInfo& b);

// True for kSame, kNarrower, kBroader, kNear.
bool Compatible(PlaceRelation r);

// The containing places of a canonical gazetteer name, nearest first ("Baghdad" -> Iraq,
// Middle East); empty when unknown.
std::vector<std::string> PlaceAncestors(const std::string& canonical);

}  // namespace fusion
}  // namespace dossier

#endif  // DOSSIER_FUSION_PLACES_H_
