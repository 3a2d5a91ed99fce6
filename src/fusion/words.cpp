#include "fusion/words.h"

#include <cstdio>

namespace dossier {
namespace fusion {

namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Length of a UTF-8 apostrophe or quote at s[i] (' \u2019 \u2018), 0 if none.
size_t ApostropheAt(std::string_view s, size_t i) {
  if (s[i] == '\'') return 1;
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[i + 2]) == 0x99 || static_cast<unsigned char>(s[i + 2]) == 0x98))
    return 3;
  return 0;
}

// Length of a UTF-8 punctuation or space sequence at s[i] that separates words, 0 if the
// byte starts a letter. Non-ASCII characters count as letters except general punctuation
// (U+2000..U+206F: dashes, quotes, bullets) and the no-break space.
size_t SeparatorAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return IsAsciiAlnum(c) ? 0 : 1;
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) return 3;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  return 0;
}

}  // namespace

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  size_t i = 0;
  while (i < s.size()) {
    size_t ap = ApostropheAt(s, i);
    if (ap > 0) {
      // Possessive or elision: "Baghdad's" -> "baghdad"; "Kata'ib" -> "kataib".
      size_t j = i + ap;
      bool letter_after = j < s.size() && SeparatorAt(s, j) == 0;
      if (!cur.empty() && letter_after) {
        bool possessive = (s[j] == 's' || s[j] == 'S') && (j + 1 >= s.size() || SeparatorAt(s, j + 1) > 0);
        if (possessive) {
          i = j + 1;
          flush();
          continue;
        }
        i = j;  // join the parts
        continue;
      }
      flush();
      i = j;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '.' && !cur.empty() && i + 1 < s.size() && IsAsciiAlnum(static_cast<unsigned char>(s[i + 1])) &&
        cur.size() <= 2) {
      ++i;  // "U.S" -> "us"
      continue;
    }
    if (c == '-' && !cur.empty() && i + 1 < s.size() && SeparatorAt(s, i + 1) == 0) {
      cur.push_back('-');
      ++i;
      continue;
    }
    size_t sep = SeparatorAt(s, i);
    if (sep > 0) {
      flush();
      i += sep;
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    cur.push_back(static_cast<char>(c));
    ++i;
  }
  flush();
  return out;
}

std::string Key(std::string_view text) {
  std::vector<std::string> w = Words(text);
  size_t first = 0;
  if (w.size() > 1 && (w[0] == "the" || w[0] == "a" || w[0] == "an")) first = 1;
  std::string out;
  for (size_t i = first; i < w.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out += w[i];
  }
  return out;
}

bool ContainsWords(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && hay[i + k] == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

namespace {

// Short names ("US", "UN") are matched as written, not by words.
bool ShortName(std::string_view needle) { return needle.size() <= 4 && Key(needle).size() <= 3; }

}  // namespace

bool MentionsName(std::string_view text, const std::vector<std::string>& text_words, std::string_view needle) {
  if (needle.empty()) return false;
  if (ShortName(needle)) return MentionsName(text, needle);
  std::vector<std::string> n = Words(needle);
  if (n.empty()) return false;
  return ContainsWords(text_words, n);
}

bool MentionsName(std::string_view text, std::string_view needle) {
  if (needle.empty()) return false;
  if (ShortName(needle)) {
    // Short names ("US", "UN") must match as written: "us" is a pronoun.
    for (size_t pos = text.find(needle); pos != std::string_view::npos; pos = text.find(needle, pos + 1)) {
      bool left = pos == 0 || SeparatorAt(text, pos - 1) > 0 || static_cast<unsigned char>(text[pos - 1]) >= 0x80;
      size_t end = pos + needle.size();
      bool right = end >= text.size() || !IsAsciiAlnum(static_cast<unsigned char>(text[end]));
      if (left && right) return true;
    }
    return false;
  }
  std::vector<std::string> n = Words(needle);
  if (n.empty()) return false;
  return ContainsWords(Words(text), n);
}

uint64_t Hash64(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string Hex(uint64_t v, int digits) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kDigits[v & 15];
    v >>= 4;
  }
  return out;
}

std::string Squash(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

size_t DisplayWidth(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace fusion
}  // namespace dossier
