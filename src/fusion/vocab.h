// Event families and instrument classes, from data/fusion_event_families.tsv and
// data/fusion_instruments.tsv: what fusion needs to know about event codes and weapons.
#ifndef DOSSIER_FUSION_VOCAB_H_
#define DOSSIER_FUSION_VOCAB_H_

#include <string>
#include <string_view>

namespace dossier {
namespace fusion {

// The family of an event code: "attack" for CAMEO 18x/19x/20x and PLOVER ASSAULT/FIGHT,
// "consult", "protest", ... The CAMEO root decides when known, else the PLOVER type; when
// neither is known, "other:" + the code as given.
std::string EventFamily(std::string_view cameo, std::string_view plover);

// The weapon class an instrument phrase names ("MQ-9 Reaper drone" -> "aerial",
// "Katyusha rockets" -> "rocket"), the longest known phrase winning; "" when none.
std::string InstrumentClass(std::string_view text);

// True if two classes may describe the same weapon (equal, or listed as compatible).
bool InstrumentsCompatible(const std::string& a, const std::string& b);

}  // namespace fusion
}  // namespace dossier

#endif  // DOSSIER_FUSION_VOCAB_H_
