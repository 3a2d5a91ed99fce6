#include "ask/question.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/data_dir.h"
#include "entities/name_key.h"

namespace dossier {
namespace ask {

namespace {

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) != 0;
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}

struct QuestionWordTable {
  std::vector<std::pair<std::vector<std::string>, AnswerType>> phrases;
};

AnswerType TypeFrom(const std::string& s) {
  if (s == "count") return AnswerType::kCount;
  if (s == "date") return AnswerType::kDate;
  if (s == "place") return AnswerType::kPlace;
  if (s == "agent") return AnswerType::kAgent;
  if (s == "reason") return AnswerType::kReason;
  if (s == "events") return AnswerType::kEvents;
  return AnswerType::kDescription;
}

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

const QuestionWordTable& QuestionWords() {
  static const QuestionWordTable* table = [] {
    auto* t = new QuestionWordTable;
    for (const auto& row : ReadDataTable("ask_question_words.tsv"))
      if (row.size() >= 2) t->phrases.push_back({SplitSpaces(row[0]), TypeFrom(row[1])});
    return t;
  }();
  return *table;
}

const std::unordered_set<std::string>& Stopwords() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string>;
    for (const auto& row : ReadDataTable("ask_stopwords.tsv"))
      if (!row.empty()) s->insert(row[0]);
    return s;
  }();
  return *set;
}

const std::unordered_map<std::string, std::string>& CountSlots() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<std::string, std::string>;
    for (const auto& row : ReadDataTable("ask_count_slots.tsv"))
      if (row.size() >= 2) (*m)[row[0]] = row[1];
    return m;
  }();
  return *map;
}

struct Synonyms {
  std::unordered_map<std::string, int> group_of;  // stem -> group
  std::vector<std::vector<std::string>> words;
};

const Synonyms& SynonymTable() {
  static const Synonyms* syn = [] {
    auto* s = new Synonyms;
    for (const auto& row : ReadDataTable("ask_synonyms.tsv")) {
      int g = static_cast<int>(s->words.size());
      s->words.push_back(row);
      for (const std::string& w : row) s->group_of.emplace(Stem(FoldName(w)), g);
    }
    return s;
  }();
  return *syn;
}

bool EndsWith(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

bool IsBe(const std::string& w) {
  return w == "is" || w == "was" || w == "were" || w == "are" || w == "been" || w == "be";
}
bool IsDo(const std::string& w) { return w == "did" || w == "does" || w == "do"; }
bool IsPronoun(const std::string& w) {
  return w == "he" || w == "him" || w == "his" || w == "she" || w == "her" || w == "they" ||
         w == "them" || w == "their";
}
// A past participle by its form (regular -ed, or a few frequent irregular ones).
bool LooksParticiple(const std::string& w) {
  static const std::unordered_set<std::string> irregular = {
      "hit", "struck", "shot", "slain", "taken", "held", "seen", "made", "found", "sent",
      "killed", "hurt", "born", "chosen", "given", "beaten", "caught", "led", "brought", "won"};
  return EndsWith(w, "ed") || EndsWith(w, "en") || irregular.count(w) > 0;
}

}  // namespace

const char* ToString(AnswerType t) {
  switch (t) {
    case AnswerType::kDate: return "date";
    case AnswerType::kPlace: return "place";
    case AnswerType::kAgent: return "agent";
    case AnswerType::kCount: return "count";
    case AnswerType::kReason: return "reason";
    case AnswerType::kDescription: return "description";
    case AnswerType::kEvents: return "events";
  }
  return "description";
}

std::vector<Word> Words(std::string_view text) {
  std::vector<Word> out;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !IsWordChar(c)) continue;
    int32_t end = i;
    // Extend over word characters and inner ' - . followed by a word character.
    while (end < n) {
      int32_t j = end;
      UChar32 d;
      U8_NEXT(p, j, n, d);
      if (d >= 0 && IsWordChar(d)) {
        end = j;
        continue;
      }
      if (d == '-' || d == '.' || d == '/' || IsApostrophe(d) || d == 0x2010 || d == 0x2011) {
        int32_t k = j;
        UChar32 e;
        if (k < n) {
          U8_NEXT(p, k, n, e);
          if (e >= 0 && IsWordChar(e)) {
            end = k;
            continue;
          }
        }
        // "U.S." keeps its final period when letters and periods alternate.
        if (d == '.' && end - start >= 3 && text[end - 2] == '.') end = j;
      }
      break;
    }
    Word w;
    w.start = static_cast<size_t>(start);
    w.end = static_cast<size_t>(end);
    w.text = std::string(text.substr(w.start, w.end - w.start));
    w.fold = FoldName(w.text);
    w.stem = Stem(w.fold);
    w.capitalized = (c < 0x80 && std::isupper(static_cast<int>(c))) || (c >= 0x80 && u_isupper(c));
    // "al-Hamdawi", "el-Sisi": a lower-case particle before a capitalized name.
    size_t hy = w.text.find('-');
    if (!w.capitalized && hy != std::string::npos && hy <= 3 && hy + 1 < w.text.size())
      w.capitalized = std::isupper(static_cast<unsigned char>(w.text[hy + 1])) != 0;
    out.push_back(std::move(w));
    i = end;
  }
  return out;
}

std::string Stem(std::string_view folded_word) {
  std::string w(folded_word);
  if (EndsWith(w, "'s")) w.resize(w.size() - 2);
  w.erase(std::remove(w.begin(), w.end(), '\''), w.end());
  while (!w.empty() && w.back() == '.') w.pop_back();
  if (w.size() <= 3) return w;
  struct Rule {
    const char* suffix;
    const char* replace;
  };
  static const Rule rules[] = {
      {"ational", "ate"}, {"ations", "ate"}, {"ation", "ate"}, {"ities", ""}, {"ity", ""},
      {"ments", ""},      {"ment", ""},      {"ingly", ""},     {"ings", ""},  {"ing", ""},
      {"edly", ""},       {"ied", "y"},      {"ies", "y"},      {"ed", ""},    {"es", ""},
      {"s", ""},          {"ly", ""},
  };
  for (const Rule& r : rules) {
    std::string_view suf(r.suffix);
    if (EndsWith(w, suf) && w.size() - suf.size() >= 3) {
      if (suf == "s" && (EndsWith(w, "ss") || EndsWith(w, "us") || EndsWith(w, "is"))) break;
      if (suf == "es" && !(EndsWith(w, "ches") || EndsWith(w, "shes") || EndsWith(w, "xes") ||
                           EndsWith(w, "sses") || EndsWith(w, "zes"))) {
        w.pop_back();  // "strikes" -> "strike"
        break;
      }
      w = w.substr(0, w.size() - suf.size()) + r.replace;
      break;
    }
  }
  // Doubled final consonant of "-ing"/"-ed" forms ("plotting" -> "plott" -> "plot").
  if (w.size() > 3 && w[w.size() - 1] == w[w.size() - 2] &&
      std::string_view("bdgmnprt").find(w.back()) != std::string_view::npos)
    w.pop_back();
  if (w.size() > 3 && w.back() == 'e') w.pop_back();
  return w;
}

bool IsStopword(std::string_view folded_word) {
  return Stopwords().count(std::string(folded_word)) > 0;
}

int SynonymGroup(const std::string& stem) {
  const Synonyms& s = SynonymTable();
  auto it = s.group_of.find(stem);
  return it == s.group_of.end() ? -1 : it->second;
}

const std::vector<std::string>& SynonymWords(int group) {
  static const std::vector<std::string> none;
  const Synonyms& s = SynonymTable();
  if (group < 0 || group >= static_cast<int>(s.words.size())) return none;
  return s.words[group];
}

Question AnalyzeQuestion(std::string_view text) {
  Question q;
  q.text = std::string(text);
  q.words = Words(text);
  const std::vector<Word>& w = q.words;

  // The question phrase: longest phrase found earliest.
  size_t best_pos = w.size(), best_len = 0;
  AnswerType type = AnswerType::kDescription;
  for (const auto& [phrase, t] : QuestionWords().phrases) {
    for (size_t i = 0; i + phrase.size() <= w.size(); ++i) {
      bool ok = true;
      for (size_t k = 0; k < phrase.size() && ok; ++k) ok = w[i + k].fold == phrase[k];
      if (!ok) continue;
      // A question word that opens a clause wins over one later in the question; "death
      // toll" and similar noun phrases count anywhere.
      if (i < best_pos || (i == best_pos && phrase.size() > best_len)) {
        best_pos = i;
        best_len = phrase.size();
        type = t;
      }
      break;
    }
  }
  // A bare "what"/"which" gives way to a more telling phrase later on ("what was the death
  // toll", "which day").
  if (type == AnswerType::kDescription) {
    size_t pos2 = w.size(), len2 = 0;
    AnswerType t2 = type;
    for (const auto& [phrase, t] : QuestionWords().phrases) {
      if (t == AnswerType::kDescription) continue;
      for (size_t i = best_pos + 1; i + phrase.size() <= w.size(); ++i) {
        bool ok = true;
        for (size_t k = 0; k < phrase.size() && ok; ++k) ok = w[i + k].fold == phrase[k];
        if (!ok) continue;
        if (i < pos2 || (i == pos2 && phrase.size() > len2)) {
          pos2 = i;
          len2 = phrase.size();
          t2 = t;
        }
        break;
      }
    }
    // Only noun phrases count here: a later "who"/"when" is a relative clause.
    if (len2 > 0 && (t2 == AnswerType::kCount || t2 == AnswerType::kReason)) {
      type = t2;
      best_pos = pos2;
      best_len = len2;
    }
  }
  q.type = type;
  size_t after = best_pos + best_len;  // first word after the question phrase

  // "What happened" with a time relation.
  for (const Word& x : w)
    if (x.fold == "after" || x.fold == "since" || x.fold == "following") {
      q.relation = "after";
      break;
    } else if (x.fold == "before" || x.fold == "prior") {
      q.relation = "before";
      break;
    }

  // Content words: not stopwords, not the question phrase.
  std::unordered_set<std::string> qwords;
  for (const auto& [phrase, t] : QuestionWords().phrases)
    for (const std::string& p : phrase) qwords.insert(p);
  for (size_t i = 0; i < w.size(); ++i) {
    if (i >= best_pos && i < after) continue;
    if (IsPronoun(w[i].fold)) q.pronoun = true;
    if (IsStopword(w[i].fold)) continue;
    if (qwords.count(w[i].fold) && !w[i].capitalized) continue;
    q.content.push_back(i);
  }

  // Counts: what is counted.
  if (q.type == AnswerType::kCount) {
    for (size_t i : q.content) {
      auto it = CountSlots().find(w[i].fold);
      if (it != CountSlots().end()) {
        q.count_slot = it->second;
        break;
      }
    }
    // The counted noun: the first lower-case word after "how many" ("how many US troops").
    for (size_t i = after; i < w.size() && i < after + 3; ++i) {
      if (w[i].capitalized && i > after) continue;
      if (w[i].capitalized && !IsBe(w[i].fold) && !IsDo(w[i].fold)) continue;
      if (IsBe(w[i].fold) || IsDo(w[i].fold) || IsStopword(w[i].fold)) break;
      if (!CountSlots().count(w[i].fold)) q.count_noun = w[i].fold;
      break;
    }
  }

  // Grammatical roles: "did X verb" (X the source), "was X verb-ed" (X the target),
  // "who verb" (asks the source), "who was verb-ed" (asks the target).
  if (after < w.size()) {
    const std::string& a = w[after].fold;
    if (IsDo(a) && after + 1 < w.size()) {
      q.subject_word = after + 1;
    } else if (IsBe(a) && after + 1 < w.size()) {
      bool participle_next = LooksParticiple(w[after + 1].fold) && !w[after + 1].capitalized;
      if (q.type == AnswerType::kAgent) {
        bool by = !w.empty() && w.back().fold == "by";
        q.asked_role = participle_next && !by ? ArgRole::kTarget : ArgRole::kSource;
      } else {
        q.subject_word = after + 1;
        for (size_t i = after + 1; i < w.size(); ++i)
          if (LooksParticiple(w[i].fold) && !w[i].capitalized) {
            q.passive = true;
            break;
          }
      }
    } else if (q.type == AnswerType::kAgent) {
      q.asked_role = ArgRole::kSource;
    }
  }
  if (q.type == AnswerType::kAgent && best_pos > 0 && w[best_pos - 1].fold == "by")
    q.asked_role = ArgRole::kSource;
  if (q.type == AnswerType::kAgent && best_len > 0 && w[best_pos].fold == "whom")
    q.asked_role = best_pos > 0 && w[best_pos - 1].fold == "by" ? ArgRole::kSource : ArgRole::kTarget;
  if (q.type == AnswerType::kAgent && best_len > 0 && after < w.size() && IsDo(w[after].fold))
    q.asked_role = ArgRole::kTarget;  // "who did X meet"

  // "Who was Qassem Soleimani?" asks for a description, not an agent.
  if ((q.type == AnswerType::kAgent || q.type == AnswerType::kDescription) && after + 1 < w.size() &&
      IsBe(w[after].fold)) {
    bool names_only = true;
    for (size_t i = after + 1; i < w.size() && names_only; ++i)
      names_only = w[i].capitalized || w[i].fold == "the" || w[i].fold == "of" || w[i].fold == "al" ||
                   w[i].fold.rfind("al-", 0) == 0;
    if (names_only) {
      q.type = AnswerType::kDescription;
      q.asked_role = ArgRole::kAny;
    }
  }

  // "Why was X in P" asks for a reason to be somewhere.
  if (q.type == AnswerType::kReason && after < w.size() && IsBe(w[after].fold)) {
    bool participle = false;
    for (size_t i = after + 1; i < w.size(); ++i)
      if (LooksParticiple(w[i].fold) && !w[i].capitalized) participle = true;
    if (!participle) q.presence = true;
  }
  return q;
}

}  // namespace ask
}  // namespace dossier
