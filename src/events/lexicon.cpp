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

struct PloverRow {
  std::string category, mode;
};

// What the word view needs to know about one lower-case form, gathered from every table,
// so that a word costs one lookup instead of one per table. A form with every field at its
// default behaves as a form no table knows.
struct FormInfo {
  uint32_t cls = 0;                          // classes
  const IrregularForm* irregular = nullptr;  // irregular
  bool known = false;                        // a lemma candidate: a word some table uses
  uint64_t cues = 0;                         // one-word cue categories
  uint64_t cue_starts = 0;                   // categories of the cue phrases it starts
  long long number = -1;                     // value as a number word (NumberValue)
  const std::vector<const VerbPattern*>* patterns = nullptr;    // patterns it triggers
  const std::vector<const Instrument*>* instruments = nullptr;  // instruments it starts
  const std::vector<const Cue*>* cue_list = nullptr;            // cue phrases it starts
};

// Every table of data/cameo/ and data/events_cues.tsv, and the word table joining them.
// Built once (Lex()), read-only afterwards.
struct Lexicon {
  std::unordered_map<std::string, IrregularForm> irregular;
  std::vector<VerbPattern> patterns;
  std::unordered_map<std::string, std::vector<const VerbPattern*>> by_trigger;
  std::unordered_map<std::string, std::string> complements;  // kind + "\t" + prefix
  std::unordered_map<std::string, PloverRow> plover;
  std::vector<Instrument> instruments;
  std::unordered_map<std::string, std::vector<const Instrument*>> instruments_by_first;
  std::vector<Cue> cues;
  std::unordered_map<std::string, std::vector<const Cue*>> cues_by_first;
  std::vector<std::string> categories;                     // bit i = categories[i]
  std::unordered_map<std::string, uint64_t> cue_single;    // word -> category bits
  std::unordered_map<std::string, uint64_t> cue_starts;    // first word -> category bits
  std::unordered_map<std::string, uint32_t> classes;       // closed-class words
  std::unordered_map<std::string_view, long long> numbers; // number words
  WordTable<FormInfo> forms;
};

void LoadIrregular(Lexicon* t) {
  for (const auto& row : ReadDataTable("cameo/irregular.tsv")) {
    if (row.size() < 2) continue;
    IrregularForm f;
    f.lemma = row[1];
    f.pp = row.size() > 2 && (row[2] == "pp" || row[2] == "both");
    f.past = row.size() > 2 && (row[2] == "past" || row[2] == "both") && f.lemma != "be" &&
             f.lemma != "have" && f.lemma != "do";
    t->irregular[row[0]] = f;
  }
}

// Indexes phrases (items with `words`) by their first word, the longest first under each
// word, so that a match tries the longest phrase first.
template <typename Item, typename Index>
void IndexByFirstWord(const std::vector<Item>& items, Index* index) {
  for (const Item& item : items) (*index)[item.words[0]].push_back(&item);
  for (auto& [word, list] : *index)
    std::stable_sort(list.begin(), list.end(),
                     [](const Item* a, const Item* b) { return a->words.size() > b->words.size(); });
}

void LoadPatterns(Lexicon* t) {
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
  IndexByFirstWord(t->patterns, &t->by_trigger);
}

void LoadComplements(Lexicon* t) {
  for (const auto& row : ReadDataTable("cameo/complements.tsv")) {
    if (row.size() < 3) continue;
    t->complements[row[0] + "\t" + row[1]] = row[2];
  }
}

void LoadPlover(Lexicon* t) {
  for (const auto& row : ReadDataTable("cameo/plover.tsv")) {
    if (row.empty()) continue;
    PloverRow r;
    if (row.size() > 1) r.category = row[1];
    if (row.size() > 2) r.mode = row[2];
    t->plover[row[0]] = r;
  }
}

void LoadInstruments(Lexicon* t) {
  auto rows = ReadDataTable("cameo/instruments.tsv");
  t->instruments.reserve(rows.size());
  for (const auto& row : rows) {
    if (row.size() < 2) continue;
    Instrument in;
    in.words = SplitWords(row[0]);
    if (in.words.empty()) continue;
    in.code = row[1];
    if (row.size() > 2) in.mode = row[2];
    t->instruments.push_back(std::move(in));
  }
  IndexByFirstWord(t->instruments, &t->instruments_by_first);
}

void LoadCues(Lexicon* t) {
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
    if (c.words.size() == 1 && bit < 64) t->cue_single[c.words[0]] |= uint64_t{1} << bit;
    if (bit < 64) t->cue_starts[c.words[0]] |= uint64_t{1} << bit;
    if (bit < 64) c.bit = uint64_t{1} << bit;
    t->cues.push_back(std::move(c));
  }
  for (const Cue& c : t->cues) t->cues_by_first[c.words[0]].push_back(&c);
  for (auto& [k, v] : t->cues_by_first) {
    std::stable_sort(v.begin(), v.end(), [](const Cue* a, const Cue* b) {
      return a->words.size() > b->words.size();
    });
  }
}

// Word classes of closed-class words.
void LoadClasses(Lexicon* lex) {
  auto* t = &lex->classes;
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
}

void LoadNumbers(Lexicon* t) {
  t->numbers = {
      {"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5},
      {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11},
      {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},
      {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
      {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
      {"ninety", 90}, {"hundred", 100}, {"thousand", 1000}, {"million", 1000000},
      {"dozen", 12}};
}

// The word table: every word of every table above, with all that is known about it.
void JoinForms(Lexicon* t) {
  // Every word a lexicon knows: lemma candidates are checked against it.
  WordSet known;
  for (const VerbPattern& p : t->patterns)
    for (const auto& w : p.words) known.insert(w);
  for (const Instrument& in : t->instruments)
    for (const auto& w : in.words) known.insert(w);
  for (const Cue& c : t->cues)
    for (const auto& w : c.words) known.insert(w);
  for (const auto& [form, f] : t->irregular) known.insert(f.lemma);

  WordTable<FormInfo>& f = t->forms;
  for (const auto& [w, c] : t->classes) f.At(w).cls = c;
  for (const auto& [w, irr] : t->irregular) f.At(w).irregular = &irr;
  for (const auto& w : known) f.At(w).known = true;
  for (const auto& [w, bits] : t->cue_single) f.At(w).cues = bits;
  for (const auto& [w, bits] : t->cue_starts) f.At(w).cue_starts = bits;
  for (const auto& [w, n] : t->numbers) f.At(w).number = n;
  for (const auto& [w, v] : t->by_trigger) f.At(w).patterns = &v;
  for (const auto& [w, v] : t->instruments_by_first) f.At(w).instruments = &v;
  for (const auto& [w, v] : t->cues_by_first) f.At(w).cue_list = &v;

  // The numbers of the patterns', instruments' and cues' words: all of them are known, so
  // none is -1 (the number of every word no table knows).
  auto ids = [&](const std::vector<std::string>& words) {
    std::vector<int> out;
    for (const std::string& w : words) out.push_back(f.Number(f.Find(w)));
    return out;
  };
  for (VerbPattern& p : t->patterns) p.ids = ids(p.words);
  for (Instrument& in : t->instruments) in.ids = ids(in.words);
  for (Cue& c : t->cues) c.ids = ids(c.words);
}

const Lexicon& Lex() {
  static const Lexicon* lex = [] {
    auto* t = new Lexicon();
    LoadIrregular(t);
    LoadPatterns(t);
    LoadComplements(t);
    LoadPlover(t);
    LoadInstruments(t);
    LoadCues(t);
    LoadClasses(t);
    LoadNumbers(t);
    JoinForms(t);
    return t;
  }();
  return *lex;
}

const FormInfo* FindForm(std::string_view w) {
  static const WordTable<FormInfo>* forms = &Lex().forms;
  return forms->Find(w);
}

int IdOf(const FormInfo* info) {
  static const WordTable<FormInfo>* forms = &Lex().forms;
  return forms->Number(info);
}

bool IsConsonant(char c) {
  return c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u';
}

// (A plain loop: the suffixes are a few letters, and a call to memcmp costs more.)
bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  const char* tail = s.data() + (s.size() - suffix.size());
  for (size_t i = 0; i < suffix.size(); ++i)
    if (tail[i] != suffix[i]) return false;
  return true;
}

// Sets *lemma to the lemma of `w`, whose FindForm() is `info`, and *lemma_info to the
// lemma's FindForm(). (Written in place: a returned short string costs a copy more.)
void LemmaOf(const std::string& w, const FormInfo* info, const FormInfo** lemma_info,
             std::string* lemma) {
  if (info != nullptr && info->irregular != nullptr) {
    *lemma_info = FindForm(info->irregular->lemma);
    *lemma = info->irregular->lemma;
    return;
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
    lemma->assign(w, 0, keep);
    if (add != 0) lemma->push_back(add);
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
  *lemma = w;  // known or not, the word is its own lemma
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

// NumberValue() of a word whose FindForm() is `info` (every number word is in the table).
long long NumberOf(std::string_view lower, const FormInfo* info) {
  if (lower.empty()) return -1;
  if (lower[0] >= '0' && lower[0] <= '9') return NumberValue(lower);
  if (info != nullptr && info->number >= 0) return info->number;
  for (char c : lower)
    if (c == '-') return NumberValue(lower);  // "twenty-five"
  return -1;                                  // no number word
}

// Lower() into `out`, reusing its buffer.
void LowerInto(std::string_view s, std::string* out) {
  out->resize(s.size());
  char* o = out->data();
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    // U+2019 / U+2018 (E2 80 99 / E2 80 98) and U+02BC -> '
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x99 || static_cast<unsigned char>(s[i + 2]) == 0x98)) {
      o[n++] = '\'';
      i += 2;
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    o[n++] = static_cast<char>(c);
  }
  out->resize(n);
}

// The word of token `t`. Every field of *out is set, so a Word can be reused (the string
// buffers are kept).
void MakeWord(const Document& doc, const Token& t, Word* out) {
  Word& w = *out;
  w.span = t.span;
  w.flags = t.flags;
  LowerInto(doc.Text(t.span), &w.lower);
  w.cls = 0;
  w.past_participle = w.past = w.ing = w.possessive = false;
  w.cues = w.cue_starts = 0;
  w.lemma_patterns = w.lower_patterns = nullptr;
  w.lemma_instruments = w.lower_instruments = nullptr;
  w.lower_cues = w.lemma_cues = nullptr;
  if (t.flags & kTokPunct) {
    w.cls = PunctClass(w.lower);
    w.lemma = w.lower;
    const FormInfo* info = FindForm(w.lower);
    w.lower_id = w.lemma_id = IdOf(info);
    w.number = NumberOf(w.lower, info);
    if (info != nullptr) {
      w.cues = info->cues;
      w.cue_starts = info->cue_starts;
      w.lower_patterns = w.lemma_patterns = info->patterns;
      w.lower_instruments = w.lemma_instruments = info->instruments;
      w.lower_cues = w.lemma_cues = info->cue_list;
    }
    return;
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
  if (t.flags & kTokNumber) w.lemma = base;
  else LemmaOf(base, info, &lemma, &w.lemma);
  w.lower_id = IdOf(info);
  w.lemma_id = IdOf(lemma);
  w.number = NumberOf(base, info);
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
    w.lower_cues = info->cue_list;
  }
  if (lemma != nullptr) {
    if (lemma != info) {
      w.cues |= lemma->cues;
      w.cue_starts |= lemma->cue_starts;
    }
    w.lemma_patterns = lemma->patterns;
    w.lemma_instruments = lemma->instruments;
    w.lemma_cues = lemma->cue_list;
  }
}

// Tokens of a sentence are contiguous: [*first, *end) of sentence `sentence`, found by
// binary search on the sentence index.
void SentenceTokens(const Document& doc, int sentence, size_t* first, size_t* end) {
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), sentence,
                             [](const Token& t, int s) { return t.sentence < s; });
  *first = static_cast<size_t>(it - doc.tokens.begin());
  *end = *first;
  while (*end < doc.tokens.size() && doc.tokens[*end].sentence == sentence) ++*end;
}

bool SameTokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!(a[i].span == b[i].span) || a[i].flags != b[i].flags || a[i].sentence != b[i].sentence)
      return false;
  return true;
}

}  // namespace

std::string Lower(std::string_view s) {
  std::string out;
  LowerInto(s, &out);
  return out;
}

std::vector<Word> SentenceWords(const Document& doc, int sentence, int* first_token) {
  size_t first, end;
  SentenceTokens(doc, sentence, &first, &end);
  if (first_token != nullptr) *first_token = static_cast<int>(first);
  std::vector<Word> words(end - first);
  for (size_t k = first; k < end; ++k) MakeWord(doc, doc.tokens[k], &words[k - first]);
  return words;
}

const std::vector<Words>& DocumentWords(const Document& doc) {
  struct Memo {
    std::string text;
    std::vector<Token> tokens;
    std::vector<Word> words;      // one per token, reused from document to document
    std::vector<Words> sentences;
  };
  static thread_local Memo memo;
  if (memo.sentences.size() == doc.sentences.size() && memo.text == doc.text &&
      SameTokens(memo.tokens, doc.tokens))
    return memo.sentences;
  // The buffers are reused; what one very large document left is given back at the next.
  if (memo.words.size() > 2 * doc.tokens.size() + 65536) {
    memo = Memo();
  }
  memo.text = doc.text;
  memo.tokens = doc.tokens;
  if (memo.words.size() < doc.tokens.size()) memo.words.resize(doc.tokens.size());
  memo.sentences.resize(doc.sentences.size());
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    size_t first, end;
    SentenceTokens(doc, static_cast<int>(s), &first, &end);
    for (size_t k = first; k < end; ++k) MakeWord(doc, doc.tokens[k], &memo.words[k]);
    memo.sentences[s] = Words(memo.words.data() + first, end - first);
  }
  return memo.sentences;
}

int LexiconWordId(std::string_view word) { return IdOf(FindForm(word)); }

const std::unordered_map<std::string, std::vector<const VerbPattern*>>& PatternsByTrigger() {
  return Lex().by_trigger;
}

std::string RecastCode(const std::string& control, const std::string& code) {
  const auto& map = Lex().complements;
  for (size_t n = code.size(); n >= 2; --n) {
    auto it = map.find(control + "\t" + code.substr(0, n));
    if (it != map.end()) return it->second;
  }
  return "";
}

void PloverFor(const std::string& code, std::string* category, std::string* mode) {
  const auto& t = Lex().plover;
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
  return Lex().instruments_by_first;
}

const std::vector<const Instrument*>* InstrumentsFor(std::string_view first) {
  const FormInfo* info = FindForm(first);
  return info == nullptr ? nullptr : info->instruments;
}

uint64_t CueCategory(std::string_view category) {
  const std::vector<std::string>& c = Lex().categories;
  for (size_t i = 0; i < c.size(); ++i)
    if (c[i] == category) return uint64_t{1} << i;
  return 0;
}

const CueCategories& LoadCategories() {
  static const CueCategories* c = new CueCategories{
      CueCategory("according"), CueCategory("anon_cue"),    CueCategory("anon_head"),
      CueCategory("arrested"),  CueCategory("evaluative"),  CueCategory("facility"),
      CueCategory("hedge"),     CueCategory("injured"),     CueCategory("killed"),
      CueCategory("leader_title"), CueCategory("missing"),  CueCategory("not_trigger"),
      CueCategory("outlet"),    CueCategory("outlet_word"), CueCategory("people"),
      CueCategory("planned"),   CueCategory("report"),      CueCategory("report_noun")};
  return *c;
}

bool CuePhraseAt(Words words, size_t i, uint64_t category, size_t* len) {
  const Word& first = words[i];
  // The cue phrases starting with the word as written, then with its lemma.
  const std::vector<const Cue*>* lists[2] = {first.lower_cues, first.lemma_cues};
  for (int k = 0; k < 2; ++k) {
    // The same word twice finds the same cues.
    if (k == 1 && first.lemma_id == first.lower_id) break;
    if (lists[k] == nullptr) continue;
    for (const Cue* c : *lists[k]) {
      if (c->bit != category) continue;
      if (i + c->words.size() > words.size()) continue;
      bool ok = true;
      for (size_t n = 1; n < c->words.size() && ok; ++n) ok = WordIs(words[i + n], c->ids[n]);
      if (ok) {
        if (len != nullptr) *len = c->words.size();
        return true;
      }
    }
  }
  return false;
}

long long NumberValue(std::string_view lower) {
  const auto& words = Lex().numbers;
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
  if (auto it = words.find(lower); it != words.end()) return it->second;
  size_t dash = lower.find('-');
  if (dash != std::string_view::npos) {
    auto a = words.find(lower.substr(0, dash));
    auto b = words.find(lower.substr(dash + 1));
    if (a != words.end() && b != words.end() && a->second >= 20 && a->second < 100 && b->second < 10)
      return a->second + b->second;
  }
  return -1;
}

}  // namespace events
}  // namespace dossier
