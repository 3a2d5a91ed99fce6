// Small text helpers shared by the fusion stage: word keys for comparing names, places and
// instruments as reported by different outlets, and a stable hash for ids.
#ifndef DOSSIER_FUSION_WORDS_H_
#define DOSSIER_FUSION_WORDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {
namespace fusion {

// Lower-cased words of `text`: ASCII letters and digits (UTF-8 letters kept as they are),
// curly quotes folded, possessive "'s" and periods inside abbreviations dropped
// ("U.S." -> "us", "Baghdad's" -> "baghdad"), hyphens kept inside words.
std::vector<std::string> Words(std::string_view text);

// Words(text) joined by single spaces, without a leading "the"/"a"/"an".
std::string Key(std::string_view text);

// True if the word sequence `needle` occurs in `hay` at word boundaries.
bool ContainsWords(const std::vector<std::string>& hay, const std::vector<std::string>& needle);

// True if `needle` occurs in `text` as a whole word sequence, ignoring case, except that
// short names ("US", "UN") must match as written.
bool MentionsName(std::string_view text, std::string_view needle);
// The same, with `text_words` = Words(text) computed once by a caller that asks of one
// text many times.
bool MentionsName(std::string_view text, const std::vector<std::string>& text_words, std::string_view needle);

// FNV-1a 64-bit: stable across runs and platforms.
uint64_t Hash64(std::string_view s);
std::string Hex(uint64_t v, int digits);

// Collapse runs of white space to one space and trim both ends.
std::string Squash(std::string_view s);

// Number of code points: for aligning UTF-8 text in columns.
size_t DisplayWidth(std::string_view s);

}  // namespace fusion
}  // namespace dossier

#endif  // DOSSIER_FUSION_WORDS_H_
