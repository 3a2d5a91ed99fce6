// Name-matching keys: the spelling-independent form of a name that cross-document
// resolution compares.
//
// A name is split into parts (words joined by spaces or hyphens). Arabic articles (al-, el-,
// ad-, ash-...) are dropped, "Abdul"/"Abd al-" binds to the word it governs ("Abdul Karim" is
// one part), "Abu"/"Umm" make a kunya part ("Abu Yasir") and "bin"/"ibn" a patronym part.
// Each part is reduced to a transliteration skeleton: ASCII, lower case, apostrophes of every
// kind removed, q/g/gh/ck/hard c -> k, ph -> f, dh -> d, th -> t, z -> s, doubled letters
// collapsed, and every run of vowels (a e i o u, and y or w after a vowel) written as one 'V'.
// So "Hassan" and "Hasan", "Rostami" and "Rustami", "Jama'at", "Jama’at", "Jamaat" and
// "Jamaet" share a skeleton, while "Muhammad" (mVhVmVd) and "Mahmoud" (mVhmVd) do not.
#ifndef DOSSIER_ENTITIES_NAME_KEY_H_
#define DOSSIER_ENTITIES_NAME_KEY_H_

#include <string>
#include <string_view>
#include <vector>

namespace dossier {

enum class NamePartKind {
  kPlain,      // an ordinary given name or surname
  kKunya,      // "Abu Yasir", "Umm Ahmad": a teknonym, never a surname
  kPatronym,   // "bin Salman", "ibn Saud"
  kCompound,   // "Abdul Karim", "Abd al-Aziz": one name written as two words
};

struct NamePart {
  NamePartKind kind = NamePartKind::kPlain;
  std::string key;    // skeleton of the whole part ("Vbd kVrVm" for "Abdul Karim")
  std::string head;   // skeleton of the governed word ("kVrVm"); equals key for plain parts
  bool initial = false;  // a single letter ("J." in "Donald J. Trump")
};

struct NameKey {
  std::vector<NamePart> parts;
  // The parts' keys joined by ' ', initials left out: equal full keys mean the same name.
  std::string full;
  // Initials of the words, for acronym matching ("SDF" for "Southern Defence Forces"),
  // function words ("of", "the", "and", "for", articles) left out; upper case ASCII.
  std::string initials;
  // The same with Arabic articles kept ("SAF" for "Saraya al-Fajr"); equals `initials` when
  // the name has none.
  std::string initials_all;
  // True when the name was written as an all-caps acronym ("SDF", "NATO", "U.S.").
  bool acronym = false;
};

// ASCII lower-case fold of `s`: diacritics removed ("Jamaʼat" -> "jama'at"), typographic
// apostrophes and hyphens made plain, other non-ASCII letters kept as they are.
std::string FoldName(std::string_view s);
// The same into *folded, reusing its buffer (`s` must not view *folded).
void FoldName(std::string_view s, std::string* folded);

// The skeleton of one word (see above). "Rostami" -> "rVstVmV".
std::string Skeleton(std::string_view word);

// The key of a whole name as written ("Abu Yasir al-Karimi", "Jama’at Nasr", "SDF").
NameKey MakeNameKey(std::string_view name);

}  // namespace dossier

#endif  // DOSSIER_ENTITIES_NAME_KEY_H_
