// Line-level boilerplate lexicon, outlet names in boilerplate, and small string helpers
// shared by the text-dump and HTML cleaners.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "clean/page.h"
#include "core/data_dir.h"

namespace dossier {
namespace {

struct BoilerplateLexicon {
  std::unordered_set<std::string> exact;
  size_t longest_exact = 0;
  std::unique_ptr<RE2> prefix;    // (?i)^(?:p1|p2|...), on the trimmed line
  std::unique_ptr<RE2> contains;  // (?i)(?:c1|c2|...)
  std::unique_ptr<RE2> count;     // (?i)^[number][kmb]? (?:w1|w2|...)$: "1.2K Followers"
};

// One case-insensitive alternation of literal phrases (spaces match any white space run).
std::unique_ptr<RE2> Alternation(const std::vector<std::string>& phrases, bool anchored) {
  std::string pattern = anchored ? "(?i)^(?:" : "(?i)(?:";
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (i > 0) pattern += '|';
    std::string quoted = RE2::QuoteMeta(phrases[i]);
    std::string spaced;
    for (size_t k = 0; k < quoted.size(); ++k) {
      if (quoted[k] == '\\' && k + 1 < quoted.size() && quoted[k + 1] == ' ') {
        spaced += "\\s+";
        ++k;
      } else {
        spaced += quoted[k];
      }
    }
    pattern += spaced;
  }
  pattern += ")";
  RE2::Options opt;
  opt.set_max_mem(64 << 20);
  auto re = std::make_unique<RE2>(pattern, opt);
  if (!re->ok()) return nullptr;
  return re;
}

const BoilerplateLexicon& Lexicon() {
  static const BoilerplateLexicon* lex = [] {
    auto* l = new BoilerplateLexicon();
    std::vector<std::string> prefixes, contains, counts;
    for (const auto& row : ReadDataTable("boilerplate.tsv")) {
      if (row.size() < 2 || row[1].empty()) continue;
      if (row[0] == "exact") {
        l->exact.insert(row[1]);
        l->longest_exact = std::max(l->longest_exact, row[1].size());
      } else if (row[0] == "prefix") {
        prefixes.push_back(row[1]);
      } else if (row[0] == "contains") {
        contains.push_back(row[1]);
      } else if (row[0] == "count") {
        counts.push_back(row[1]);
      }
    }
    if (!prefixes.empty()) l->prefix = Alternation(prefixes, true);
    if (!contains.empty()) l->contains = Alternation(contains, false);
    if (!counts.empty()) {
      std::unique_ptr<RE2> words = Alternation(counts, false);
      if (words != nullptr) {
        // The alternation's body without its "(?i)" flag, anchored after a count.
        std::string body = words->pattern().substr(4);
        l->count = std::make_unique<RE2>("(?i)^[+-]?\\d[\\d.,]*\\s*[kmb]?\\+?\\s+" + body + "[.:!|]?$");
        if (!l->count->ok()) l->count.reset();
      }
    }
    return l;
  }();
  return *lex;
}

struct OutletPattern {
  std::unique_ptr<RE2> re;
  std::string keyword;  // lower case; the line must contain it (cheap filter)
};

// The outlet patterns with an index of their keywords' first two bytes, so that one pass
// over a line finds which keywords it contains.
struct OutletPatternSet {
  std::vector<OutletPattern> patterns;
  std::vector<bool> may_start = std::vector<bool>(1 << 16);  // byte pairs, either ASCII case
};

const OutletPatternSet& OutletPatterns() {
  static const auto* set = [] {
    auto* ps = new OutletPatternSet();
    for (const auto& row : ReadDataTable("clean_outlet_patterns.tsv")) {
      if (row.empty() || row[0].empty()) continue;
      auto re = std::make_unique<RE2>(row[0], RE2::Quiet);
      if (!re->ok() || re->NumberOfCapturingGroups() != 1) continue;
      ps->patterns.push_back(OutletPattern{std::move(re), row.size() > 1 ? row[1] : ""});
    }
    auto cases = [](char c) {
      std::string v(1, c);
      if (c >= 'a' && c <= 'z') v += static_cast<char>(c - ('a' - 'A'));
      return v;
    };
    for (const OutletPattern& p : ps->patterns) {
      if (p.keyword.size() < 2) continue;
      for (char a : cases(p.keyword[0]))
        for (char b : cases(p.keyword[1]))
          ps->may_start[static_cast<unsigned char>(a) << 8 | static_cast<unsigned char>(b)] = true;
    }
    return ps;
  }();
  return *set;
}

char FoldAsciiChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// found[k] = whether `s`, ASCII-lower-cased, contains the keyword of pattern k: one pass
// over `s` for all keywords, without a lower-cased copy.
void FindKeywords(std::string_view s, const OutletPatternSet& set, std::vector<char>* found) {
  const std::vector<OutletPattern>& pats = set.patterns;
  found->assign(pats.size(), 0);
  auto here = [&](size_t i, const std::string& kw) {
    if (i + kw.size() > s.size()) return false;
    for (size_t j = 0; j < kw.size(); ++j)
      if (FoldAsciiChar(s[i + j]) != kw[j]) return false;
    return true;
  };
  for (size_t k = 0; k < pats.size(); ++k) {
    // Keywords too short for the index are looked for directly.
    if (pats[k].keyword.size() >= 2) continue;
    for (size_t i = 0; i < s.size() && !(*found)[k]; ++i) (*found)[k] = here(i, pats[k].keyword);
    if (pats[k].keyword.empty()) (*found)[k] = 1;
  }
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (!set.may_start[static_cast<unsigned char>(s[i]) << 8 | static_cast<unsigned char>(s[i + 1])]) continue;
    for (size_t k = 0; k < pats.size(); ++k)
      if (!(*found)[k] && pats[k].keyword.size() >= 2 && here(i, pats[k].keyword)) (*found)[k] = 1;
  }
}

const std::vector<std::string>& Rubrics() {
  static const auto* v = [] {
    auto* r = new std::vector<std::string>();
    for (const auto& row : ReadDataTable("clean_rubrics.tsv"))
      if (!row.empty() && !row[0].empty()) r->push_back(row[0]);
    return r;
  }();
  return *v;
}

// Length of the Unicode white space character at s[i], or 0.
size_t SpaceAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c < 0xC2) return 0;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i + 1]), d = static_cast<unsigned char>(s[i + 2]);
    if (b == 0x80 && (d <= 0x8B || d == 0xAF)) return 3;  // U+2000..U+200B, U+202F
    if (b == 0x81 && d == 0x9F) return 3;                 // U+205F
    if (b == 0x81 && d == 0xA0) return 3;                 // U+2060 word joiner
  }
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
      static_cast<unsigned char>(s[i + 2]) == 0xBF)
    return 3;  // BOM / zero-width no-break space
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80)
    return 3;  // ideographic space
  return 0;
}

std::string CollapseSpaceImpl(std::string_view s);

// Lower-cased, spaces collapsed, trailing ".:!|>»›" and spaces removed.
std::string LineKey(std::string_view line) {
  std::string s = CollapseSpaceImpl(line);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == '.' || c == ':' || c == '!' || c == '|' || c == '>' || c == ' ') {
      s.pop_back();
    } else if (s.size() >= 2 && (s.compare(s.size() - 2, 2, "\xC2\xBB") == 0)) {
      s.resize(s.size() - 2);
    } else if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE2\x80\xBA") == 0) {
      s.resize(s.size() - 3);
    } else {
      break;
    }
  }
  return s;
}

}  // namespace

std::string_view TrimSpace(std::string_view s) {
  size_t b = 0;
  while (b < s.size()) {
    size_t n = SpaceAt(s, b);
    if (n == 0) break;
    b += n;
  }
  size_t e = s.size();
  while (e > b) {
    // Step back over one character and see whether it is a space.
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    size_t n = SpaceAt(s, k);
    if (n == 0 || k + n != e) break;
    e = k;
  }
  return s.substr(b, e - b);
}

std::string CollapseSpace(std::string_view s) { return CollapseSpaceImpl(s); }

namespace {
std::string CollapseSpaceImpl(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    size_t n = SpaceAt(s, i);
    if (n > 0) {
      space = true;
      i += n;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += s[i++];
  }
  return out;
}
}  // namespace

bool IsBoilerplateLine(std::string_view line) {
  const BoilerplateLexicon& lex = Lexicon();
  std::string_view t = TrimSpace(line);
  if (t.empty()) return false;
  // Exact phrases are short; allow some room for spaces and trailing punctuation.
  if (t.size() <= lex.longest_exact + 8) {
    std::string key = LineKey(t);
    if (!key.empty() && lex.exact.count(key)) return true;
  }
  re2::StringPiece in(t.data(), t.size());
  if (lex.prefix != nullptr && RE2::PartialMatch(in, *lex.prefix)) return true;
  if (t.size() < 800 && lex.contains != nullptr && RE2::PartialMatch(in, *lex.contains)) return true;
  if (t.size() < 60 && lex.count != nullptr && !t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '+' || t[0] == '-') &&
      RE2::FullMatch(in, *lex.count))
    return true;
  return false;
}

std::string OutletFromLine(std::string_view line) {
  std::string s;
  const OutletPatternSet& set = OutletPatterns();
  thread_local std::vector<char> found;
  FindKeywords(line.substr(0, 2000), set, &found);
  for (size_t k = 0; k < set.patterns.size(); ++k) {
    const OutletPattern& p = set.patterns[k];
    if (!found[k]) continue;
    if (s.empty()) {
      s = CollapseSpace(line);
      if (s.size() > 2000) s.resize(2000);
    }
    std::string name;
    if (RE2::PartialMatch(s, *p.re, &name)) {
      std::string_view t = TrimSpace(name);
      if (!t.empty()) return std::string(t);
    }
  }
  return "";
}

std::string_view StripRubric(std::string_view title) {
  for (const std::string& r : Rubrics()) {
    if (title.size() <= r.size() + 3) continue;
    bool same = true;
    for (size_t i = 0; i < r.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(title[i])) != std::tolower(static_cast<unsigned char>(r[i]))) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    std::string_view rest = title.substr(r.size());
    // Separator: " | ", ": ", " - ", " – ", " — " (spaces may be NBSP).
    std::string_view t = TrimSpace(rest);
    if (t.empty()) continue;
    size_t sep = 0;
    if (t[0] == '|' || t[0] == ':' || t[0] == '-') sep = 1;
    else if (t.size() >= 3 && (t.compare(0, 3, "\xE2\x80\x93") == 0 || t.compare(0, 3, "\xE2\x80\x94") == 0)) sep = 3;
    if (sep == 0) continue;
    if (rest.size() == t.size() && t[0] != ':' && t[0] != '|') continue;  // "Live-blog"
    std::string_view after = TrimSpace(t.substr(sep));
    if (after.size() >= 10) return after;
  }
  return title;
}

std::string HostOf(std::string_view url) {
  size_t p = url.find("://");
  std::string_view h = p == std::string_view::npos ? url : url.substr(p + 3);
  size_t e = h.find_first_of("/?#:");
  if (e != std::string_view::npos) h = h.substr(0, e);
  if (h.substr(0, 4) == "www.") h = h.substr(4);
  else if (h.substr(0, 2) == "m.") h = h.substr(2);
  else if (h.substr(0, 7) == "mobile.") h = h.substr(7);
  std::string out(h);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace dossier
