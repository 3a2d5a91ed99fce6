#include "text/text.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

#include "core/data_dir.h"
#include "text/word_index.h"

namespace dossier {
namespace {

enum class AbbrevKind { kAlways, kMaybe };

using AbbrevTable = WordTable<AbbrevKind>;

const AbbrevTable& Abbreviations() {
  static const auto* table = [] {
    auto* t = new AbbrevTable();
    for (const auto& row : ReadDataTable("abbreviations.tsv")) {
      if (row.size() < 2) continue;
      t->At(row[0]) = row[1] == "always" ? AbbrevKind::kAlways : AbbrevKind::kMaybe;
    }
    return t;
  }();
  return *table;
}

// Words that start a new sentence after an ambiguous abbreviation ("... in the U.S. The").
bool IsSentenceStarter(std::string_view w) {
  static const std::unordered_set<std::string_view> kStarters = {
      "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That",
      "These", "Those", "But", "And", "Or", "In", "On", "At", "As", "After", "Before",
      "When", "While", "If", "There", "Its", "His", "Her", "Their", "Our", "What", "Who",
      "Why", "How", "Where", "Some", "Many", "Most", "One", "Two", "Meanwhile", "However",
      "Still", "Yet", "So", "Since", "Although", "Though", "For", "Earlier", "Later"};
  return kStarters.count(w) > 0;
}

// Decodes one code point at `i`, advancing `i`; invalid bytes decode to U+FFFD. (ASCII, most
// of the text, is its own code point.)
inline UChar32 NextCodePoint(const std::string& s, size_t* i) {
  unsigned char b = static_cast<unsigned char>(s[*i]);
  if (b < 0x80) {
    ++*i;
    return b;
  }
  int32_t pos = static_cast<int32_t>(*i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), pos, static_cast<int32_t>(s.size()), c);
  *i = static_cast<size_t>(pos);
  return c < 0 ? 0xFFFD : c;
}

// The character classes below answer ASCII directly, as ICU would: most text is ASCII.
bool IsAsciiLetter(UChar32 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(UChar32 c) { return c >= '0' && c <= '9'; }

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return IsAsciiLetter(c) || IsAsciiDigit(c);
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}
bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018; }
bool IsHyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool IsSpace(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  return u_isUWhiteSpace(c) || c == 0xA0;
}
bool IsDigit(UChar32 c) { return c < 0x80 ? IsAsciiDigit(c) : u_isdigit(c); }
bool IsUpper(UChar32 c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c); }
bool IsLower(UChar32 c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c); }
bool IsAlpha(UChar32 c) { return c < 0x80 ? IsAsciiLetter(c) : u_isalpha(c); }

// Tokenizes text[span) and appends to `out`. A word keeps internal apostrophes, hyphens and
// periods ("Kata'ib", "al-Muhandis", "U.S."); a known abbreviation keeps its final period.
void TokenizeSpan(const std::string& text, Span span, std::vector<Token>* out) {
  const auto& abbrevs = Abbreviations();
  size_t i = span.start;
  while (i < span.end) {
    size_t start = i;
    UChar32 c = NextCodePoint(text, &i);
    if (IsSpace(c)) continue;
    Token tok;
    if (IsWordChar(c)) {
      bool digit_start = IsDigit(c);
      bool has_period = false;
      size_t end = i;
      while (i < span.end) {
        size_t save = i;
        UChar32 d = NextCodePoint(text, &i);
        if (IsWordChar(d)) {
          end = i;
          continue;
        }
        // Internal joiners must be followed by a word character.
        bool joiner = IsApostrophe(d) || IsHyphen(d) || d == '.' ||
                      (digit_start && (d == ',' || d == ':' || d == '/'));
        if (joiner && i < span.end) {
          size_t look = i;
          UChar32 e = NextCodePoint(text, &look);
          bool ok = IsWordChar(e);
          // "U.S" joins on periods only between single letters or digits; "end.Next" does not.
          if (d == '.' && ok && !digit_start) ok = (end - start) <= 4 && IsAlpha(e);
          if (ok) {
            if (d == '.') has_period = true;
            i = look;
            end = i;
            continue;
          }
        }
        i = save;
        break;
      }
      // Final period of an abbreviation or initialism.
      if (end < span.end && text[end] == '.') {
        std::string_view with = std::string_view(text).substr(start, end + 1 - start);
        if (has_period || abbrevs.Find(with) != nullptr || (end - start == 1 && IsUpper(c))) {
          end += 1;
        }
      }
      i = end;
      tok.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
      tok.flags = digit_start ? kTokNumber : kTokWord;
      if (IsUpper(c) || (c >= 0x80 && u_istitle(c))) tok.flags |= kTokCapitalized;
      // All caps: at least two letters, none lower case.
      int letters = 0;
      bool lower = false;
      for (size_t k = start; k < end;) {
        UChar32 x = NextCodePoint(text, &k);
        if (IsAlpha(x)) {
          ++letters;
          if (IsLower(x)) lower = true;
        }
      }
      if (letters >= 2 && !lower) tok.flags |= kTokAllCaps;
    } else {
      tok.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(i)};
      tok.flags = kTokPunct;
    }
    out->push_back(tok);
  }
}

// The word just before byte `pos` (skipping closing quotes), as a string.
std::string_view WordBefore(const std::string& text, size_t begin, size_t pos) {
  size_t e = pos;
  while (e > begin && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\t')) --e;
  size_t s = e;
  while (s > begin && text[s - 1] != ' ' && text[s - 1] != '\n' && text[s - 1] != '\t' &&
         text[s - 1] != '(' && text[s - 1] != '"')
    --s;
  return std::string_view(text).substr(s, e - s);
}

std::string_view WordAfter(const std::string& text, size_t pos, size_t end) {
  size_t s = pos;
  while (s < end && (text[s] == ' ' || text[s] == '\n' || text[s] == '\t' || text[s] == '"' ||
                     text[s] == '(' || text[s] == '\''))
    ++s;
  size_t e = s;
  while (e < end && text[e] != ' ' && text[e] != '\n' && text[e] != '\t' && text[e] != ',' &&
         text[e] != '.')
    ++e;
  return std::string_view(text).substr(s, e - s);
}

// True when ICU's break at `pos` follows an abbreviation that does not end the sentence.
bool FalseBreak(const std::string& text, size_t begin, size_t pos, size_t end) {
  std::string_view before = WordBefore(text, begin, pos);
  if (before.empty() || before.back() != '.') return false;
  std::string_view after = WordAfter(text, pos, end);
  if (after.empty()) return false;
  const AbbrevKind* kind = Abbreviations().Find(before);
  // Single capital initial: "George W. Bush".
  bool initial = before.size() == 2 && before[0] >= 'A' && before[0] <= 'Z';
  if (kind == nullptr && !initial) return false;
  unsigned char first = static_cast<unsigned char>(after[0]);
  if (!(first >= 'A' && first <= 'Z')) return true;  // lower case, digit: continues
  if (initial) return !IsSentenceStarter(after);
  if (*kind == AbbrevKind::kAlways) return true;
  return !IsSentenceStarter(after);
}

icu::BreakIterator* SentenceIterator() {
  static thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    if (U_FAILURE(status)) b.reset();
    return b;
  }();
  return it.get();
}

void SplitBlock(const std::string& text, Span block, int block_index,
                std::vector<Sentence>* out) {
  icu::BreakIterator* bi = SentenceIterator();
  std::vector<uint32_t> cuts;
  if (bi != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data() + block.start, block.size(), &status);
    if (U_SUCCESS(status)) {
      bi->setText(ut, status);
      for (int32_t p = bi->next(); p != icu::BreakIterator::DONE; p = bi->next()) {
        size_t abs = block.start + static_cast<size_t>(p);
        if (abs >= block.end) break;
        if (!FalseBreak(text, block.start, abs, block.end)) cuts.push_back(static_cast<uint32_t>(abs));
      }
    }
    utext_close(ut);
  }
  cuts.push_back(block.end);
  uint32_t start = block.start;
  for (uint32_t cut : cuts) {
    uint32_t s = start, e = cut;
    while (s < e && (text[s] == ' ' || text[s] == '\n' || text[s] == '\t')) ++s;
    while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\t')) --e;
    if (e > s) out->push_back(Sentence{{s, e}, block_index});
    start = cut;
  }
}

// Quotation spans within one block: curly pairs, and straight double quotes paired in order.
void FindQuotesInBlock(const std::string& text, Span block, std::vector<Span>* out) {
  size_t i = block.start;
  long open = -1;
  UChar32 open_char = 0;
  while (i < block.end) {
    // Only '"' and non-ASCII characters open or close a quotation.
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80 && b != '"') {
      ++i;
      continue;
    }
    size_t at = i;
    UChar32 c = NextCodePoint(text, &i);
    if (open < 0) {
      bool straight = c == '"';
      bool curly = c == 0x201C || c == 0x00AB;
      // A single curly quote opens only before a letter and after a space (not "Kata‘ib").
      if (c == 0x2018 && at > block.start && text[at - 1] == ' ') curly = true;
      if (straight || curly) {
        open = static_cast<long>(at);
        open_char = c;
      }
    } else {
      bool closes = (open_char == '"' && c == '"') || (open_char == 0x201C && c == 0x201D) ||
                    (open_char == 0x00AB && c == 0x00BB);
      if (open_char == 0x2018 && c == 0x2019) {
        // Closing single quote, unless it is an apostrophe inside a word.
        size_t look = i;
        UChar32 n = i < block.end ? NextCodePoint(text, &look) : ' ';
        closes = !u_isalpha(n);
      }
      if (closes) {
        out->push_back(Span{static_cast<uint32_t>(open), static_cast<uint32_t>(i)});
        open = -1;
      }
    }
  }
}

// A sentence break inside a short quotation that ICU split ("... 'severe revenge.' Then")
// is kept; a quotation spanning several sentences keeps its sentences but the quote span
// records the whole. Here: merge a sentence that consists only of a closing quote mark.
void MergeStrayQuoteSentences(const std::string& text, std::vector<Sentence>* sentences) {
  std::vector<Sentence> merged;
  for (const Sentence& s : *sentences) {
    std::string_view t = std::string_view(text).substr(s.span.start, s.span.size());
    bool only_marks = true;
    for (char ch : t) {
      unsigned char u = static_cast<unsigned char>(ch);
      if (!(ch == '"' || ch == '\'' || ch == ')' || ch == ' ' || u >= 0x80)) {
        only_marks = false;
        break;
      }
    }
    if (only_marks && t.size() <= 4 && !merged.empty() && merged.back().block == s.block) {
      merged.back().span.end = s.span.end;
    } else {
      merged.push_back(s);
    }
  }
  *sentences = std::move(merged);
}

}  // namespace

void AnalyzeText(Document* doc) {
  doc->sentences.clear();
  doc->tokens.clear();
  doc->quotes.clear();
  const std::string& text = doc->text;
  std::vector<Span> blocks;
  if (doc->blocks.empty()) {
    blocks.push_back({0, static_cast<uint32_t>(text.size())});
  } else {
    for (const Block& b : doc->blocks) blocks.push_back(b.span);
  }
  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    Span b = blocks[bi];
    if (b.end > text.size() || b.start >= b.end) continue;
    SplitBlock(text, b, doc->blocks.empty() ? -1 : static_cast<int>(bi), &doc->sentences);
    FindQuotesInBlock(text, b, &doc->quotes);
  }
  MergeStrayQuoteSentences(text, &doc->sentences);
  for (size_t si = 0; si < doc->sentences.size(); ++si) {
    size_t first = doc->tokens.size();
    TokenizeSpan(text, doc->sentences[si].span, &doc->tokens);
    for (size_t k = first; k < doc->tokens.size(); ++k) doc->tokens[k].sentence = static_cast<int>(si);
    // The first word token of the sentence (after opening quotes/bullets) starts it.
    for (size_t k = first; k < doc->tokens.size(); ++k) {
      if (doc->tokens[k].flags & (kTokWord | kTokNumber)) {
        doc->tokens[k].flags |= kTokSentenceStart;
        break;
      }
    }
  }
}

}  // namespace dossier
