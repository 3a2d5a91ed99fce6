#include "events/lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/data_dir.h"
#include "text/word_index.h"

namespace dossier {
namespace events {
namespace {

// Hash of std::string keys that also takes std::string_view, for lookups without a copy.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

struct IrregularForm {
  std::string lemma;
  bool pp = false;
  bool past = false;
};

const std::unordered_map<std::string, IrregularForm>& Irregular() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, IrregularForm>();
    for (const auto& row : ReadDataTable("cameo/irregular.tsv")) {
      if (row.size() < 2) continue;
      IrregularForm f;
      f.lemma = row[1];
      f.pp = row.size() > 2 && (row[2] == "pp" || row[2] == "both");
      f.past = row.size() > 2 && (row[2] == "past" || row[2] == "both") && f.lemma != "be" &&
               f.lemma != "have" && f.lemma != "do";
      (*t)[row[0]] = f;
    }
    return t;
  }();
  return *table;
}

struct PatternTable {
  std::vector<VerbPattern> patterns;
  std::unordered_map<std::string, std::vector<const VerbPattern*>> by_trigger;
};

const PatternTable& Patterns() {
  static const auto* table = [] {
    auto* t = new PatternTable();
    auto rows = ReadDataTable("cameo/verbs.tsv");
    t->patterns.reserve(rows.size());
    for (const auto& row : rows) {
      if (row.size() < 2) continue;
      VerbPattern p;
      p.words = SplitWords(row[0]);
      if (p.words.empty()) continue;
      p.code = row[1];
      if (row.size() > 2) {
        std::string flags = row[2];
        size_t i = 0;
        while (i <= flags.size()) {
          size_t j = flags.find(',', i);
          if (j == std::string::npos) j = flags.size();
          std::string f = flags.substr(i, j - i);
          while (!f.empty() && f.back() == ' ') f.pop_back();
          if (f == "report") p.report = true;
          else if (f == "noun") p.noun = true;
          else if (f == "weak") p.weak = true;
          else if (f.rfind("ctl=", 0) == 0) p.control = f.substr(4);
          i = j + 1;
        }
      }
      t->patterns.push_back(std::move(p));
    }
    for (const VerbPattern& p : t->patterns) t->by_trigger[p.words[0]].push_back(&p);
    for (auto& [k, v] : t->by_trigger) {
      std::stable_sort(v.begin(), v.end(), [](const VerbPattern* a, const VerbPattern* b) {
        return a->words.size() > b->words.size();
      });
    }
    return t;
  }();
  return *table;
}

struct PrefixTable {
  // key: kind + "\t" + prefix
  std::unordered_map<std::string, std::string> map;
};

const PrefixTable& Complements() {
  static const auto* table = [] {
    auto* t = new PrefixTable();
    for (const auto& row : ReadDataTable("cameo/complements.tsv")) {
      if (row.size() < 3) continue;
      t->map[row[0] + "\t" + row[1]] = row[2];
    }
    return t;
  }();
  return *table;
}

struct PloverRow {
  std::string category, mode;
};

const std::unordered_map<std::string, PloverRow>& PloverTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, PloverRow>();
    for (const auto& row : ReadDataTable("cameo/plover.tsv")) {
      if (row.empty()) continue;
      PloverRow r;
      if (row.size() > 1) r.category = row[1];
      if (row.size() > 2) r.mode = row[2];
      (*t)[row[0]] = r;
    }
    return t;
  }();
  return *table;
}

struct InstrumentTable {
  std::vector<Instrument> items;
  std::unordered_map<std::string, std::vector<const Instrument*>> by_first;
};

const InstrumentTable& Instruments() {
  static const auto* table = [] {
    auto* t = new InstrumentTable();
    auto rows = ReadDataTable("cameo/instruments.tsv");
    t->items.reserve(rows.size());
    for (const auto& row : rows) {
      if (row.size() < 2) continue;
      Instrument in;
      in.words = SplitWords(row[0]);
      if (in.words.empty()) continue;
      in.code = row[1];
      if (row.size() > 2) in.mode = row[2];
      t->items.push_back(std::move(in));
    }
    for (const Instrument& in : t->items) t->by_first[in.words[0]].push_back(&in);
    for (auto& [k, v] : t->by_first) {
      std::stable_sort(v.begin(), v.end(), [](const Instrument* a, const Instrument* b) {
        return a->words.size() > b->words.size();
      });
    }
    return t;
  }();
  return *table;
}

struct CueTable {
  std::vector<Cue> cues;
  std::unordered_map<std::string, std::vector<const Cue*>> by_first;
  std::vector<std::string> categories;                // bit i = categories[i]
  std::unordered_map<std::string, uint64_t> single;   // word -> category bits
  std::unordered_map<std::string, uint64_t> starts;   // first word -> category bits
};

uint64_t CategoryBit(const CueTable& t, std::string_view category) {
  for (size_t i = 0; i < t.categories.size(); ++i)
    if (t.categories[i] == category) return uint64_t{1} << i;
  return 0;
}

const CueTable& Cues() {
  static const auto* table = [] {
    auto* t = new CueTable();
    auto rows = ReadDataTable("events_cues.tsv");
    t->cues.reserve(rows.size());
    for (const auto& row : rows) {
      if (row.size() < 2) continue;
      Cue c;
      c.category = row[0];
      c.words = SplitWords(row[1]);
      if (c.words.empty()) continue;
      size_t bit = 0;
      while (bit < t->categories.size() && t->categories[bit] != c.category) ++bit;
      if (bit == t->categories.size() && bit < 64) t->categories.push_back(c.category);
      if (c.words.size() == 1 && bit < 64) t->single[c.words[0]] |= uint64_t{1} << bit;
      if (bit < 64) t->starts[c.words[0]] |= uint64_t{1} << bit;
      t->cues.push_back(std::move(c));
    }
    for (const Cue& c : t->cues) t->by_first[c.words[0]].push_back(&c);
    for (auto& [k, v] : t->by_first) {
      std::stable_sort(v.begin(), v.end(), [](const Cue* a, const Cue* b) {
        return a->words.size() > b->words.size();
      });
    }
    return t;
  }();
  return *table;
}

// Every word a lexicon knows: lemma candidates are checked against it.
const WordSet& KnownWords() {
  static const auto* set = [] {
    auto* s = new WordSet();
    for (const VerbPattern& p : Patterns().patterns)
      for (const auto& w : p.words) s->insert(w);
    for (const Instrument& in : Instruments().items)
      for (const auto& w : in.words) s->insert(w);
    for (const Cue& c : Cues().cues)
      for (const auto& w : c.words) s->insert(w);
    for (const auto& [form, f] : Irregular()) s->insert(f.lemma);
    return s;
  }();
  return *set;
}

bool IsConsonant(char c) {
  return c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u';
}

// Word classes of closed-class words.
const std::unordered_map<std::string, uint32_t>& Classes() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, uint32_t>();
    auto add = [&](std::initializer_list<const char*> words, uint32_t c) {
      for (const char* x : words) (*t)[x] |= c;
    };
    add({"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
         "my", "your", "some", "any", "all", "every", "each", "another", "other", "such",
         "both", "several", "many", "few", "no"},
        kDet);
    add({"in", "on", "at", "by", "with", "from", "to", "into", "onto", "of", "for", "against",
         "near", "over", "under", "during", "after", "before", "since", "until", "across",
         "through", "toward", "towards", "about", "around", "between", "among", "amid",
         "within", "without", "outside", "inside", "via", "per", "upon", "off", "along",
         "behind", "beyond", "despite", "following", "including", "like", "than"},
        kPrep);
    add({"he", "him", "she", "it", "they", "them", "we", "us", "i", "me", "you", "himself",
         "herself", "itself", "themselves", "one"},
        kPron);
    add({"and", "or", "but", "nor", "&"}, kConj);
    add({"is", "was", "were", "are", "be", "been", "being", "am", "'s", "get", "got", "gets",
         "getting", "gotten"},
        kBe);
    add({"has", "had", "have", "having", "'ve", "'d"}, kHave);
    add({"will", "would", "could", "may", "might", "shall", "should", "can", "must", "'ll",
         "wo", "ca"},
        kModal);
    add({"who", "which", "that", "whom", "whose", "where"}, kRel);
    add({"not", "n't", "never", "no", "didn't", "don't", "doesn't", "wasn't", "weren't",
         "isn't", "aren't", "won't", "wouldn't", "couldn't", "hasn't", "haven't", "hadn't",
         "cannot", "can't", "shouldn't"},
        kNeg);
    add({"do", "does", "did", "didn't", "don't", "doesn't"}, kDo);
    add({"also", "reportedly", "allegedly", "then", "later", "already", "just", "still",
         "recently", "once", "again", "first", "finally", "apparently", "immediately",
         "repeatedly", "previously", "now", "initially", "subsequently", "eventually",
         "jointly", "effectively", "even", "further", "only", "yet", "soon", "long",
         "reportedly", "likely", "probably", "possibly", "allegedly", "secretly",
         "deliberately", "mistakenly", "formally", "officially", "publicly", "openly"},
        kAdv);
    add({"when", "after", "before", "as", "because", "while", "if", "since", "until",
         "unless", "although", "though", "whereas"},
        kSubord);
    return t;
  }();
  return *table;
}

// What the word view needs to know about one lower-case form, gathered from every table
// above, so that a word costs one lookup instead of one per table.
struct FormInfo {
  uint32_t cls = 0;                          // Classes()
  const IrregularForm* irregular = nullptr;  // Irregular()
  bool known = false;                        // in KnownWords(): a lemma candidate
  uint64_t cues = 0;                         // Cues().single
  uint64_t cue_starts = 0;                   // Cues().starts
  const std::vector<const VerbPattern*>* patterns = nullptr;   // Patterns().by_trigger
  const std::vector<const Instrument*>* instruments = nullptr;  // Instruments().by_first
};

const FormInfo* FindForm(std::string_view w) {
  static const WordTable<FormInfo>* table = [] {
    auto* t = new WordTable<FormInfo>();
    for (const auto& [w, c] : Classes()) t->At(w).cls = c;
    for (const auto& [w, f] : Irregular()) t->At(w).irregular = &f;
    for (const auto& w : KnownWords()) t->At(w).known = true;
    for (const auto& [w, bits] : Cues().single) t->At(w).cues = bits;
    for (const auto& [w, bits] : Cues().starts) t->At(w).cue_starts = bits;
    for (const auto& [w, v] : Patterns().by_trigger) t->At(w).patterns = &v;
    for (const auto& [w, v] : Instruments().by_first) t->At(w).instruments = &v;
    return t;
  }();
  return table->Find(w);
}

// (A plain loop: the suffixes are a few letters, and a call to memcmp costs more.)
bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  const char* tail = s.data() + (s.size() - suffix.size());
  for (size_t i = 0; i < suffix.size(); ++i)
    if (tail[i] != suffix[i]) return false;
  return true;
}

// The lemma of `w`, whose FindForm() is `info`; sets *lemma_info to the lemma's FindForm().
std::string LemmaOf(const std::string& w, const FormInfo* info, const FormInfo** lemma_info) {
  if (info != nullptr && info->irregular != nullptr) {
    *lemma_info = FindForm(info->irregular->lemma);
    return info->irregular->lemma;
  }
  *lemma_info = info;
  const size_t n = w.size();
  auto ends = [&](std::string_view suf) { return n > suf.size() + 1 && EndsWith(w, suf); };
  std::string_view v(w);
  char buf[64];
  // A candidate: the first `keep` bytes plus an optional letter.
  auto try_form = [&](size_t keep, char add) -> bool {
    const FormInfo* f = nullptr;
    if (add == 0) {
      f = FindForm(v.substr(0, keep));
    } else {
      if (keep + 1 > sizeof(buf)) return false;
      std::memcpy(buf, w.data(), keep);
      buf[keep] = add;
      f = FindForm(std::string_view(buf, keep + 1));
    }
    if (f == nullptr || !f->known) return false;
    *lemma_info = f;
    return true;
  };
  auto make = [&](size_t keep, char add) {
    std::string out = w.substr(0, keep);
    if (add != 0) out.push_back(add);
    return out;
  };
  if (ends("ies") || ends("ied")) {
    if (try_form(n - 3, 'y')) return make(n - 3, 'y');
  } else if (ends("ed")) {
    if (n > 4 && w[n - 3] == w[n - 4] && IsConsonant(w[n - 3]) && try_form(n - 3, 0)) return make(n - 3, 0);
    if (try_form(n - 1, 0)) return make(n - 1, 0);
    if (try_form(n - 2, 0)) return make(n - 2, 0);
  } else if (ends("ing")) {
    if (n > 5 && w[n - 4] == w[n - 5] && IsConsonant(w[n - 4]) && try_form(n - 4, 0)) return make(n - 4, 0);
    if (try_form(n - 3, 0)) return make(n - 3, 0);
    if (try_form(n - 3, 'e')) return make(n - 3, 'e');
  } else if (ends("es")) {
    if (try_form(n - 1, 0)) return make(n - 1, 0);
    if (try_form(n - 2, 0)) return make(n - 2, 0);
  } else if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) {
    if (try_form(n - 1, 0)) return make(n - 1, 0);
  }
  return w;  // known or not, the word is its own lemma
}

// Word classes of a punctuation token (lower-cased).
uint32_t PunctClass(std::string_view p) {
  if (p.size() == 1) {
    switch (p[0]) {
      case ',': case '(': case ')': case '-':
        return kComma;
      case '.': case '!': case '?': case ';': case ':':
        return kStop;
      case '"': case '\'':
        return kQuote;
      default:
        return 0;
    }
  }
  if (p == "\xE2\x80\x93" || p == "\xE2\x80\x94") return kComma;  // en and em dash
  if (p == "\xE2\x80\x9C" || p == "\xE2\x80\x9D" || p == "\xC2\xAB" || p == "\xC2\xBB") return kQuote;
  return 0;
}

}  // namespace

std::string Lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    // U+2019 / U+2018 (E2 80 99 / E2 80 98) and U+02BC -> '
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x99 || static_cast<unsigned char>(s[i + 2]) == 0x98)) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::vector<Word> SentenceWords(const Document& doc, int sentence, int* first_token) {
  std::vector<Word> words;
  // Tokens of a sentence are contiguous; find the first by binary search on sentence index.
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), sentence,
                             [](const Token& t, int s) { return t.sentence < s; });
  size_t first = static_cast<size_t>(it - doc.tokens.begin());
  if (first_token != nullptr) *first_token = static_cast<int>(first);
  size_t end = first;
  while (end < doc.tokens.size() && doc.tokens[end].sentence == sentence) ++end;
  words.reserve(end - first);
  for (size_t k = first; k < end; ++k) {
    const Token& t = doc.tokens[k];
    Word w;
    w.span = t.span;
    w.flags = t.flags;
    w.lower = Lower(doc.Text(t.span));
    if (t.flags & kTokPunct) {
      w.cls = PunctClass(w.lower);
      w.lemma = w.lower;
      if (const FormInfo* info = FindForm(w.lower)) {
        w.cues = info->cues;
        w.cue_starts = info->cue_starts;
        w.lower_patterns = w.lemma_patterns = info->patterns;
        w.lower_instruments = w.lemma_instruments = info->instruments;
      }
      words.push_back(std::move(w));
      continue;
    }
    // `base`: the form without its possessive ending.
    std::string& base = w.lower;
    if (base.size() > 2 && EndsWith(base, "'s")) {
      w.possessive = true;
      base.resize(base.size() - 2);
    } else if (base.size() > 2 && base.back() == '\'') {
      w.possessive = true;
      base.pop_back();
    }
    const FormInfo* info = FindForm(base);
    if (info != nullptr) w.cls = info->cls;
    if (base.size() > 3 && EndsWith(base, "n't")) w.cls |= kNeg;
    if (!(t.flags & kTokCapitalized) || (t.flags & kTokSentenceStart)) {
      if (base.size() > 4 && EndsWith(base, "ly")) w.cls |= kAdv;
    }
    const FormInfo* lemma = info;  // FindForm(w.lemma)
    w.lemma = (t.flags & kTokNumber) ? base : LemmaOf(base, info, &lemma);
    if (info != nullptr && info->irregular != nullptr) {
      w.past_participle = info->irregular->pp;
      w.past = info->irregular->past;
    } else if (base.size() > 3 && EndsWith(base, "ed")) {
      w.past_participle = true;
      w.past = true;
    }
    w.ing = base.size() > 4 && EndsWith(base, "ing");
    if (info != nullptr) {
      w.cues |= info->cues;
      w.cue_starts |= info->cue_starts;
      w.lower_patterns = info->patterns;
      w.lower_instruments = info->instruments;
    }
    if (lemma != nullptr) {
      if (lemma != info) {
        w.cues |= lemma->cues;
        w.cue_starts |= lemma->cue_starts;
      }
      w.lemma_patterns = lemma->patterns;
      w.lemma_instruments = lemma->instruments;
    }
    words.push_back(std::move(w));
  }
  return words;
}

const std::unordered_map<std::string, std::vector<const VerbPattern*>>& PatternsByTrigger() {
  return Patterns().by_trigger;
}

std::string RecastCode(const std::string& control, const std::string& code) {
  const auto& map = Complements().map;
  for (size_t n = code.size(); n >= 2; --n) {
    auto it = map.find(control + "\t" + code.substr(0, n));
    if (it != map.end()) return it->second;
  }
  return "";
}

void PloverFor(const std::string& code, std::string* category, std::string* mode) {
  const auto& t = PloverTable();
  category->clear();
  mode->clear();
  for (size_t n = code.size(); n >= 2; --n) {
    auto it = t.find(code.substr(0, n));
    if (it != t.end()) {
      *category = it->second.category;
      *mode = it->second.mode;
      return;
    }
  }
}

const std::unordered_map<std::string, std::vector<const Instrument*>>& InstrumentsByFirst() {
  return Instruments().by_first;
}

const std::vector<const Instrument*>* InstrumentsFor(std::string_view first) {
  const FormInfo* info = FindForm(first);
  return info == nullptr ? nullptr : info->instruments;
}

bool CueAt(const std::vector<Word>& words, size_t i, std::string_view category, size_t* len) {
  const auto& t = Cues();
  if (i >= words.size() || words[i].cue_starts == 0) return false;
  if ((words[i].cue_starts & CategoryBit(t, category)) == 0) return false;
  for (const std::string* key : {&words[i].lower, &words[i].lemma}) {
    // The same key twice finds the same cues.
    if (key == &words[i].lemma && words[i].lemma == words[i].lower) break;
    auto it = t.by_first.find(*key);
    if (it == t.by_first.end()) continue;
    for (const Cue* c : it->second) {
      if (c->category != category) continue;
      if (i + c->words.size() > words.size()) continue;
      bool ok = true;
      for (size_t k = 1; k < c->words.size() && ok; ++k) {
        const Word& w = words[i + k];
        ok = w.lower == c->words[k] || w.lemma == c->words[k];
      }
      if (ok) {
        if (len != nullptr) *len = c->words.size();
        return true;
      }
    }
  }
  return false;
}

bool IsCueWord(const Word& w, std::string_view category) {
  return w.cues != 0 && (w.cues & CategoryBit(Cues(), category)) != 0;
}

long long NumberValue(std::string_view lower) {
  static const auto* words = new std::unordered_map<std::string_view, long long>{
      {"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5},
      {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11},
      {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},
      {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
      {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
      {"ninety", 90}, {"hundred", 100}, {"thousand", 1000}, {"million", 1000000},
      {"dozen", 12}};
  if (lower.empty()) return -1;
  if (lower[0] >= '0' && lower[0] <= '9') {
    long long v = 0;
    for (char c : lower) {
      if (c == ',') continue;
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
      if (v > 100000000000LL) return -1;
    }
    return v;
  }
  if (auto it = words->find(lower); it != words->end()) return it->second;
  size_t dash = lower.find('-');
  if (dash != std::string_view::npos) {
    auto a = words->find(lower.substr(0, dash));
    auto b = words->find(lower.substr(dash + 1));
    if (a != words->end() && b != words->end() && a->second >= 20 && a->second < 100 && b->second < 10)
      return a->second + b->second;
  }
  return -1;
}

}  // namespace events
}  // namespace dossier
