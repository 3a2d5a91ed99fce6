#include "entities/name_key.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cctype>

namespace dossier {
namespace {

bool IsApostropheCp(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB || c == 0x02BF ||
         c == 0x02BE || c == '`' || c == 0x00B4 || c == 0x2032;
}

bool IsHyphenCp(UChar32 c) { return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212; }

void AppendLatin(UChar32 c, std::string* out) {
  switch (c) {
    case 0x00DF: *out += "ss"; return;
    case 0x00E6: case 0x00C6: *out += "ae"; return;
    case 0x0153: case 0x0152: *out += "oe"; return;
    case 0x00F8: case 0x00D8: *out += 'o'; return;
    case 0x0111: case 0x0110: case 0x00F0: *out += 'd'; return;
    case 0x0142: case 0x0141: *out += 'l'; return;
    case 0x0131: *out += 'i'; return;
    case 0x00FE: *out += "th"; return;
    default: break;
  }
  const icu::Normalizer2* nfd = nullptr;
  UErrorCode status = U_ZERO_ERROR;
  nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_SUCCESS(status) && nfd != nullptr) {
    icu::UnicodeString d;
    if (nfd->getDecomposition(c, d) && d.length() > 0) {
      UChar32 base = d.char32At(0);
      if (base < 0x80) {
        *out += static_cast<char>(std::tolower(base));
        return;
      }
    }
  }
  // Not a decomposable Latin letter: keep it (lower case) as UTF-8.
  UChar32 lc = u_tolower(c);
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, lc, err);
  if (!err) out->append(buf, n);
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Articles and function words left out of initials and dropped from keys.
bool IsArabicArticle(std::string_view w) {
  return w == "al" || w == "el" || w == "ad" || w == "ag" || w == "ar" || w == "as" ||
         w == "ash" || w == "at" || w == "az" || w == "an" || w == "ath" || w == "adh" ||
         w == "ul" || w == "ud" || w == "ut" || w == "us" || w == "un" || w == "ur";
}

bool IsFunctionWord(std::string_view w) {
  return w == "of" || w == "the" || w == "and" || w == "for" || w == "in" || w == "on" ||
         w == "to" || w == "de" || w == "du" || w == "des" || w == "la" || w == "le" ||
         w == "&" || w == "a" || w == "an" || w == "at";
}

bool IsAbd(std::string_view w) {
  return w == "abd" || w == "abdul" || w == "abdel" || w == "abdal" || w == "abdoul" ||
         w == "abdol" || w == "abdil" || w == "abdur" || w == "abdus" || w == "abdu";
}

bool IsKunya(std::string_view w) { return w == "abu" || w == "abou" || w == "umm" || w == "um" || w == "abul"; }

bool IsPatronym(std::string_view w) { return w == "bin" || w == "ibn" || w == "bint" || w == "ben"; }

}  // namespace

std::string FoldName(std::string_view s) {
  std::string out;
  FoldName(s, &out);
  return out;
}

void FoldName(std::string_view s, std::string* folded) {
  // ASCII (most words): lower case, and nothing else changes.
  folded->resize(s.size());
  char* o = folded->data();
  size_t k = 0;
  for (; k < s.size(); ++k) {
    char c = s[k];
    if (static_cast<unsigned char>(c) >= 0x80) break;
    o[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (k == s.size()) return;
  std::string& out = *folded;
  out.clear();
  out.reserve(s.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (IsApostropheCp(c)) {
      out += '\'';
    } else if (IsHyphenCp(c)) {
      out += '-';
    } else if (u_isUWhiteSpace(c) || c == 0xA0) {
      out += ' ';
    } else if (u_charType(c) == U_NON_SPACING_MARK) {
      continue;
    } else {
      AppendLatin(c, &out);
    }
  }
}

std::string Skeleton(std::string_view word) {
  // Consonant digraphs first, into a temporary string of single letters.
  std::string w;
  w.reserve(word.size());
  for (char ch : word) {
    if (std::isalnum(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80)
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  std::string t;
  t.reserve(w.size());
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    char next = i + 1 < w.size() ? w[i + 1] : '\0';
    if (c == 'g' && next == 'h') { t += 'k'; ++i; continue; }
    if (c == 'k' && next == 'h') { t += 'k'; ++i; continue; }
    if (c == 'c' && next == 'k') { t += 'k'; ++i; continue; }
    if (c == 'p' && next == 'h') { t += 'f'; ++i; continue; }
    if (c == 'd' && next == 'h') { t += 'd'; ++i; continue; }
    if (c == 't' && next == 'h') { t += 't'; ++i; continue; }
    if ((c == 's' || c == 'c') && next == 'h') { t += 'x'; ++i; continue; }
    if (c == 's' && next == 'c' && i + 2 < w.size() && w[i + 2] == 'h') { t += 'x'; i += 2; continue; }
    if (c == 'q' || c == 'g') { t += 'k'; continue; }
    if (c == 'c') {
      bool soft = next == 'e' || next == 'i' || next == 'y';
      t += soft ? 's' : 'k';
      continue;
    }
    if (c == 'z') { t += 's'; continue; }
    t += c;
  }
  // Vowel runs -> 'V'; y/w after a vowel belong to the run; a final h after a vowel is
  // silent; doubled consonants collapse.
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    bool after_vowel = !out.empty() && out.back() == 'V';
    bool vowel = IsVowel(c) || (c == 'y' && i > 0) || ((c == 'w' || c == 'y') && after_vowel);
    if (vowel) {
      if (!after_vowel) out += 'V';
      continue;
    }
    if (c == 'h' && after_vowel && i + 1 == t.size()) continue;
    if (!out.empty() && out.back() == c) continue;
    out += c;
  }
  // One consonant or none ("Shia", "Shah", "Ali", "Eli"): too little to tell names apart, so
  // the vowels are kept as written (doubled letters still collapse).
  int consonants = 0;
  for (char c : out)
    if (c != 'V') ++consonants;
  if (consonants <= 1) {
    std::string light;
    for (char c : t)
      if (light.empty() || light.back() != c) light += c;
    return light;
  }
  return out;
}

NameKey MakeNameKey(std::string_view name) {
  NameKey key;
  // Acronym: two to six capitals (periods allowed), no lower case letter.
  {
    int upper = 0, lower = 0;
    for (char ch : name) {
      if (ch >= 'A' && ch <= 'Z') ++upper;
      else if (ch >= 'a' && ch <= 'z') ++lower;
      else if (ch == ' ') upper = 100;  // several words: not an acronym
    }
    key.acronym = lower == 0 && upper >= 2 && upper <= 6;
  }
  std::string folded = FoldName(name);
  // Words: split on spaces and hyphens; apostrophes and periods removed inside a word
  // (a trailing possessive "'s" is dropped).
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (cur.size() > 2 && cur.compare(cur.size() - 2, 2, "'s") == 0) cur.resize(cur.size() - 2);
    std::string clean;
    for (char ch : cur)
      if (ch != '\'' && ch != '.' && ch != ',' && ch != '"' && ch != '(' && ch != ')') clean += ch;
    if (!clean.empty()) words.push_back(clean);
    cur.clear();
  };
  for (char ch : folded) {
    if (ch == ' ' || ch == '-' || ch == '/') flush();
    else cur += ch;
  }
  flush();

  if (key.acronym) {
    std::string letters;
    for (char ch : name)
      if (ch >= 'A' && ch <= 'Z') letters += ch;
    key.initials = letters;
    key.initials_all = letters;
    NamePart p;
    p.key = p.head = "#" + letters;
    key.parts.push_back(p);
    key.full = p.key;
    return key;
  }

  for (const std::string& w : words) {
    if (IsFunctionWord(w)) continue;
    char up = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    if (!IsArabicArticle(w)) key.initials += up;
    key.initials_all += up;
  }

  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    bool has_next = i + 1 < words.size();
    // Arabic article before another word: dropped. Glued article ("alKarimi") is rare.
    if (IsArabicArticle(w) && has_next) continue;
    if (IsFunctionWord(w) && has_next) continue;
    NamePart part;
    auto governed = [&](size_t* j) -> std::string {
      size_t k = *j + 1;
      while (k + 1 < words.size() && IsArabicArticle(words[k])) ++k;
      if (k >= words.size()) return "";
      *j = k;
      return Skeleton(words[k]);
    };
    if (IsAbd(w) && has_next) {
      part.kind = NamePartKind::kCompound;
      part.head = governed(&i);
      part.key = "Vbd " + part.head;
    } else if (IsKunya(w) && has_next) {
      part.kind = NamePartKind::kKunya;
      part.head = governed(&i);
      part.key = "Vb " + part.head;
    } else if (IsPatronym(w) && has_next && !key.parts.empty()) {
      part.kind = NamePartKind::kPatronym;
      part.head = governed(&i);
      part.key = "bn " + part.head;
    } else if (w.size() > 3 && (w.compare(0, 4, "abdu") == 0 || w.compare(0, 4, "abdo") == 0 ||
                                w.compare(0, 4, "abde") == 0 || w.compare(0, 4, "abda") == 0) &&
               w != "abdullah" && w != "abdulla" && w != "abdallah") {
      // Glued "Abdulkarim", "Abdelaziz": the same compound as "Abdul Karim".
      size_t cut = (w.size() > 5 && (w[4] == 'l' || w[4] == 'r' || w[4] == 's')) ? 5 : 4;
      part.kind = NamePartKind::kCompound;
      part.head = Skeleton(std::string_view(w).substr(cut));
      part.key = "Vbd " + part.head;
    } else {
      part.key = part.head = Skeleton(w);
      part.initial = w.size() == 1;
    }
    if (part.key.empty()) continue;
    key.parts.push_back(part);
  }
  for (const NamePart& p : key.parts) {
    if (p.initial) continue;
    if (!key.full.empty()) key.full += ' ';
    key.full += p.key;
  }
  return key;
}

}  // namespace dossier
