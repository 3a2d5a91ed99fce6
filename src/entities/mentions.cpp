// The mentions stage. One pass over the tokens of each sentence builds chunks of capitalised
// words (with the particles and connectors names contain), splits them at titles and known
// names, and types each piece from the gazetteer, organisation words, given and family
// names and context. A second pass over the document carries types from strong evidence to
// weak mentions of the same name and reads headlines (all caps, title case) with what the
// body taught. Appositions, "known as" and parenthetical aliases are linked last.
#include "entities/mentions.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entities/gazetteer.h"
#include "entities/name_key.h"
#include "text/word_index.h"

namespace dossier {

// Strings are compared with literals as views: the length first (std::string == const char*
// compares the bytes first, through strlen and memcmp calls).
using namespace std::string_view_literals;

namespace {

// How sure the typing of a mention is; stronger evidence wins across the document.
enum Strength { kWeak = 0, kContext = 1, kStrong = 2, kOrgSuffix = 10 };

using WordList = std::unordered_set<std::string_view>;

const WordList& StopNames() {
  static const WordList kStop = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "january", "february", "march", "april", "june", "july", "august", "september",
      "october", "november", "december", "may", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.",
      "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "jan", "feb", "mar", "apr", "jun", "jul",
      "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri",
      "sat", "sun", "i", "i'm", "i'd", "i've", "i'll", "ok",
      "mon.", "tue.", "wed.", "thu.", "fri.", "sat.", "sun.", "am", "pm", "a.m.", "p.m.",
      "tv", "god", "internet", "web", "mr", "mrs", "ms", "dr", "gmt", "utc", "est", "edt", "ist",
      "bst", "cet", "pdt", "pst", "ceo", "cfo", "vs", "vs.", "v", "no.", "nos.", "pct", "pm",
      "read", "advertisement", "photo", "video", "image", "getty", "images", "update", "updated",
      "christmas", "easter", "ramadan", "eid",
      // Abbreviations of results and financial tables: no names.
      "shr", "shrs", "avg", "chg", "wk", "wks", "mln", "bln", "h1", "h2", "q1", "q2", "q3", "q4",
      "qtr", "ytd", "eps", "fax", "rbi", "rbis", "era", "euro", "euros"};
  return kStop;
}

const WordList& FunctionWords() {
  static const WordList kFunc = {
      "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
      "as", "but", "if", "is", "are", "was", "were", "be", "it", "its", "this", "that", "these",
      "those", "he", "she", "they", "we", "you", "his", "her", "their", "our", "my", "not", "no",
      "so", "up", "out", "over", "after", "before", "into", "about", "than", "then", "has",
      "have", "had", "will", "would", "can", "could", "says", "said", "who", "what", "when",
      "where", "why", "how", "all", "new", "more", "vs", "v"};
  return kFunc;
}

// Words that may join "of" inside a place or organisation name ("Gulf of Oman").
const WordList& OfHeads() {
  static const WordList kOf = {
      "gulf", "strait", "straits", "republic", "kingdom", "state", "states", "sea", "bay", "cape",
      "isle", "island", "islands", "province", "district", "city", "county", "duke", "prince",
      "princess", "king", "queen", "emirate", "sultanate", "people's", "bank", "university",
      "ministry", "department", "council", "court", "house", "chamber", "college", "institute",
      "school", "museum", "church", "party", "union", "league", "organization", "organisation",
      "association", "federation", "army", "office", "bureau", "board", "commission", "committee",
      "secretary", "minister", "governor", "mayor", "chief", "head", "archbishop", "bishop",
      "lord", "earl", "mount", "lake", "port", "river", "sheikh", "emir", "friends", "sons",
      "daughters", "order", "academy", "center", "centre", "society", "front", "movement",
      "brigades", "brigade", "corps", "guardians", "soldiers", "martyrs", "partisans", "tower",
      "hospital", "agency", "fund", "foundation", "assembly", "battle", "siege", "treaty", "bill",
      "museum", "palace", "square", "cathedral", "mosque", "shrine", "tomb", "valley", "plain",
      "region", "gate", "bridge", "airport", "station", "port", "dome", "temple", "ministers",
      "secretariat", "directorate", "chairman", "speaker", "director", "commander", "leader"};
  return kOf;
}

const WordList& LowerParticles() {
  static const WordList kP = {
      "al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "du", "del", "della", "der",
      "den", "van", "von", "dos", "das", "do", "la", "le", "y", "ben", "ul", "ud", "ad", "ash",
      "as-", "al-", "el-", "st."};
  return kP;
}

// Role nouns that make an apposition a title of the person it follows.
const WordList& RoleNouns() {
  static const WordList kRole = {
      "head", "leader", "commander", "chief", "founder", "director", "minister", "president",
      "general", "spokesman", "spokeswoman", "spokesperson", "deputy", "secretary", "ambassador",
      "envoy", "official", "adviser", "advisor", "chairman", "chairwoman", "member", "governor",
      "mayor", "senator", "lawmaker", "cleric", "premier", "king", "queen", "prince", "emir",
      "officer", "colonel", "major", "captain", "lieutenant", "admiral", "judge", "prosecutor",
      "ceo", "executive", "editor", "correspondent", "reporter", "analyst", "professor",
      "researcher", "fellow", "expert", "strategist", "architect", "mastermind", "son", "daughter",
      "wife", "husband", "brother", "sister", "father", "mother", "successor", "predecessor",
      "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "player", "captain",
      "chancellor", "representative", "negotiator", "aide", "militant", "activist", "candidate",
      "speaker", "ayatollah", "imam", "sheikh", "bishop", "pope", "marshal", "brigadier", "lt.",
      "gen.", "col.", "maj.", "founder", "co-founder", "chair", "ruler", "dictator", "monarch"};
  return kRole;
}

// Last words of named events ("World Cup", "U.S. Open", "Gulf War").
const WordList& EventWords() {
  static const WordList kEvent = {
      "cup", "open", "championship", "championships", "games", "olympics", "olympic", "series",
      "classic", "prix", "war", "revolution", "trophy", "masters", "invitational", "tournament",
      "festival", "marathon", "rally", "derby", "bowl", "uprising", "intifada", "crisis", "day"};
  return kEvent;
}

// What the text calls a place: "the country of X", "the city of X".
const WordList& PlaceNouns() {
  static const WordList kPlaceNoun = {
      "country", "city", "town", "village", "capital", "province", "region", "republic",
      "kingdom", "nation", "state", "district", "island", "port"};
  return kPlaceNoun;
}

// Words of reports on team sports, and of single sports (TeamSportsDocument).
const WordList& TeamSportWords() {
  static const WordList kTeam = {
      "soccer", "football", "cricket", "rugby", "hockey", "baseball", "basketball", "league",
      "division", "innings", "wickets", "wicket", "goals", "goal", "halftime", "half-time",
      "standings", "scorers", "scorer", "striker", "midfielder", "goalkeeper", "inning",
      "homer", "pitcher", "touchdown", "quarterback", "nba", "nfl", "nhl", "mlb", "cup",
      "penalty", "penalties", "played", "drew", "draw", "beat", "defeated", "champions",
      "matches", "match", "fixtures", "season", "club", "clubs", "coach", "bowled", "runs",
      "batting", "bowling", "tries", "try", "attendance"};
  return kTeam;
}

const WordList& SingleSportWords() {
  static const WordList kSingle = {
      "golf", "tennis", "athletics", "cycling", "boxing", "skiing", "seed", "seeded", "par",
      "birdie", "bogey", "metres", "meters", "lap", "sprint", "marathon", "stage", "set", "sets",
      "tiebreak", "grand", "prix", "swimming", "chess", "motor", "formula", "rally"};
  return kSingle;
}

bool IsLowerParticle(std::string_view w) { return LowerParticles().count(w) > 0; }

// What the lists above and the lexicons say about one folded word, gathered so that a token
// costs one lookup (Tok::facts) instead of one per list. The English words are left out: a
// table that large misses the cache on most lookups, and only capitalised tokens need them.
enum WordFact : uint32_t {
  kFunctionWord = 1 << 0,      // FunctionWords()
  kStopName = 1 << 1,          // StopNames()
  kLowerParticle = 1 << 2,     // LowerParticles()
  kOfHead = 1 << 3,            // OfHeads()
  kRoleNoun = 1 << 4,          // RoleNouns()
  kEventWord = 1 << 5,         // EventWords()
  kPlaceNoun = 1 << 6,         // PlaceNouns()
  kTeamSport = 1 << 7,         // TeamSportWords()
  kSingleSport = 1 << 8,       // SingleSportWords()
  kGivenName = 1 << 9,         // EntityLexicons::given_names
  kFamilyName = 1 << 10,       // EntityLexicons::family_names
  kOrgHead = 1 << 11,          // EntityLexicons::org_head
  kOrgTail = 1 << 12,          // EntityLexicons::org_tail
  kTitle = 1 << 13,            // EntityLexicons::titles
  kTitlePrefix = 1 << 14,      // EntityLexicons::title_prefixes
  kTitleSuffix = 1 << 15,      // EntityLexicons::title_suffixes
  kGazetteerPrefix = 1 << 16,  // EntityLexicons::gazetteer_prefixes
};

struct WordFacts {
  uint32_t bits = 0;
  const GazetteerEntry* gazetteer = nullptr;  // EntityLexicons::gazetteer
};

// The facts of `w`; every bit clear when no list knows it.
const WordFacts& FactsOf(std::string_view w) {
  static const WordTable<WordFacts>* table = [] {
    auto* t = new WordTable<WordFacts>();
    auto add_list = [&](const WordList& words, uint32_t bit) {
      for (std::string_view x : words) t->At(x).bits |= bit;
    };
    auto add_set = [&](const NameSet& words, uint32_t bit) {
      for (const std::string& x : words) t->At(x).bits |= bit;
    };
    add_list(FunctionWords(), kFunctionWord);
    add_list(StopNames(), kStopName);
    add_list(LowerParticles(), kLowerParticle);
    add_list(OfHeads(), kOfHead);
    add_list(RoleNouns(), kRoleNoun);
    add_list(EventWords(), kEventWord);
    add_list(PlaceNouns(), kPlaceNoun);
    add_list(TeamSportWords(), kTeamSport);
    add_list(SingleSportWords(), kSingleSport);
    const EntityLexicons& lex = GetEntityLexicons();
    add_set(lex.given_names, kGivenName);
    add_set(lex.family_names, kFamilyName);
    add_set(lex.org_head, kOrgHead);
    add_set(lex.org_tail, kOrgTail);
    add_set(lex.titles, kTitle);
    add_set(lex.title_prefixes, kTitlePrefix);
    add_set(lex.title_suffixes, kTitleSuffix);
    add_set(lex.gazetteer_prefixes, kGazetteerPrefix);
    for (const auto& [key, entry] : lex.gazetteer) t->At(key).gazetteer = &entry;
    return t;
  }();
  static const WordFacts kNone;
  const WordFacts* facts = table->Find(w);
  return facts == nullptr ? kNone : *facts;
}

struct Tok {
  uint32_t start = 0, end = 0;  // the name part of the token (possessive and "-backed" cut)
  std::string low;              // FoldName of [start, end)
  bool word = false;
  bool cap = false;             // first letter upper case
  bool allcaps = false;
  bool sent_start = false;
  bool ends_chunk = false;      // possessive "Iran's", "Iran-backed": the name stops here
  bool particle_name = false;   // "al-Karimi": lower-case particle, capitalised name
  bool common = false;          // an ordinary English word in lower case
  int sentence = -1;
  const WordFacts* facts = nullptr;  // FactsOf(low)
  bool Is(uint32_t fact) const { return (facts->bits & fact) != 0; }
};

struct Candidate {
  int first = 0, last = 0;       // token range, inclusive
  EntityType type = EntityType::kPerson;
  Strength strength = kWeak;
  std::string rule;
  std::vector<std::string> titles;
  int alias_of = -1;             // index into candidates
};

bool IsPlacePreposition(std::string_view w) {
  return w == "in" || w == "at" || w == "near" || w == "from" || w == "to" || w == "across" ||
         w == "outside" || w == "inside" || w == "into" || w == "towards" || w == "toward" ||
         w == "via" || w == "throughout" || w == "around";
}

bool IsSpeechVerb(std::string_view w) {
  return w == "said" || w == "says" || w == "told" || w == "added" || w == "wrote" ||
         w == "stated" || w == "explained" || w == "argued" || w == "insisted" || w == "recalled" ||
         w == "noted" || w == "tweeted" || w == "asked" || w == "replied" || w == "declared";
}

class MentionFinder {
 public:
  explicit MentionFinder(Document* doc) : doc_(doc), lex_(GetEntityLexicons()) {}

  void Run() {
    BuildTokens();
    const int nsent = static_cast<int>(doc_->sentences.size());
    sent_first_.assign(nsent + 1, static_cast<int>(toks_.size()));
    for (int i = static_cast<int>(toks_.size()) - 1; i >= 0; --i) {
      int s = toks_[i].sentence;
      if (s >= 0 && s < nsent) sent_first_[s] = i;
    }
    for (int s = nsent - 1; s >= 0; --s)
      if (sent_first_[s] > sent_first_[s + 1]) sent_first_[s] = sent_first_[s + 1];
    std::vector<bool> weak_case(nsent, false);
    for (int s = 0; s < nsent; ++s) weak_case[s] = WeakCaseSentence(sent_first_[s], sent_first_[s + 1]);
    for (int s = 0; s < nsent; ++s)
      if (!weak_case[s]) ChunkSentence(sent_first_[s], sent_first_[s + 1]);
    LearnDocumentNames();
    for (int s = 0; s < nsent; ++s)
      if (weak_case[s]) ChunkWeakCaseSentence(sent_first_[s], sent_first_[s + 1]);
    PropagateTypes();
    ApplyDemonyms();
    if (TeamSportsDocument()) TypeTeams();
    LinkAliases();
    Emit();
  }

 private:
  std::string_view Raw(uint32_t s, uint32_t e) const {
    return std::string_view(doc_->text).substr(s, e - s);
  }
  // The folded text of token i, as a view: compared with a literal, a view tests the length
  // first (std::string == const char* compares the bytes first).
  std::string_view Low(int i) const { return toks_[i].low; }

  void BuildTokens() {
    toks_.reserve(doc_->tokens.size());
    for (const Token& t : doc_->tokens) {
      Tok& k = toks_.emplace_back();
      k.start = t.span.start;
      k.end = t.span.end;
      k.sentence = t.sentence;
      k.word = (t.flags & kTokWord) != 0;
      k.cap = (t.flags & kTokCapitalized) != 0;
      k.allcaps = (t.flags & kTokAllCaps) != 0;
      k.sent_start = (t.flags & kTokSentenceStart) != 0;
      if (k.word) {
        std::string_view text = Raw(k.start, k.end);
        // Possessive: "Iran's", "Iran’s", "Reuters'".
        if (text.size() > 2 && (text.substr(text.size() - 2) == "'s" || text.substr(text.size() - 2) == "'S")) {
          k.end -= 2;
          k.ends_chunk = true;
        } else if (text.size() > 4 && (text.substr(text.size() - 4) == "\xE2\x80\x99s")) {
          k.end -= 4;
          k.ends_chunk = true;
        }
        text = Raw(k.start, k.end);
        // Hyphen compounds.
        size_t hy = text.find('-');
        if (hy != std::string_view::npos && hy > 0 && hy + 1 < text.size()) {
          std::string_view head = text.substr(0, hy);
          std::string_view tail = text.substr(text.rfind('-') + 1);
          bool head_lower = head[0] >= 'a' && head[0] <= 'z';
          bool tail_lower = tail[0] >= 'a' && tail[0] <= 'z';
          bool tail_upper = (tail[0] >= 'A' && tail[0] <= 'Z') || static_cast<unsigned char>(tail[0]) >= 0x80;
          std::string head_low = FoldName(head);
          if (head_lower && tail_upper) {
            if (IsLowerParticle(head_low) || lex_.particles.count(head_low)) {
              k.particle_name = true;  // "al-Karimi", "bin-Talal"
              k.cap = true;
            } else {
              // "pro-Iranian", "anti-American": the name is the tail.
              k.start += static_cast<uint32_t>(text.rfind('-') + 1);
              k.cap = true;
            }
          } else if (!head_lower && tail_lower && k.cap) {
            // "Iran-backed", "US-led": the name is the head. "Kuala-lumpur" is rare.
            std::string tail_low = FoldName(tail);
            if (lex_.english.Contains(tail_low) || tail_low == "backed" || tail_low == "led" ||
                tail_low == "based" || tail_low == "born" || tail_low == "style" ||
                tail_low == "allied" || tail_low == "owned" || tail_low == "run" ||
                tail_low == "sponsored" || tail_low == "funded" || tail_low == "made") {
              k.end = k.start + static_cast<uint32_t>(hy);
              k.ends_chunk = true;
            }
          }
        }
        FoldName(Raw(k.start, k.end), &k.low);
        k.facts = &FactsOf(k.low);
        // Only capitalised words are ever asked whether they are ordinary words.
        if (k.cap || k.allcaps) k.common = IsEnglishWord(k.low);
      } else {
        FoldName(Raw(k.start, k.end), &k.low);
        k.facts = &FactsOf(k.low);
      }
    }
  }

  // An ordinary English word, or a plural or inflection of one ("scorers", "automakers").
  bool IsEnglishWord(const std::string& w) const {
    if (lex_.english.Contains(w)) return true;
    std::string_view v(w);
    size_t n = w.size();
    if (n < 4) return false;
    if (w[n - 1] == 's' && w[n - 2] != 's') {
      if (lex_.english.Contains(v.substr(0, n - 1))) return true;
      if (n > 4 && w[n - 2] == 'e' && lex_.english.Contains(v.substr(0, n - 2))) return true;
      if (n > 4 && w.compare(n - 3, 3, "ies") == 0 && lex_.english.Contains(w.substr(0, n - 3) + "y")) return true;
    }
    return false;
  }

  // Named events ("World Cup", "U.S. Open", "Gulf War"): not a person, organisation or place;
  // this stage has no type for them, so they are left out rather than mistyped.
  bool EventName(int first, int last) const {
    if (!toks_[last].Is(kEventWord)) return false;
    return last > first || Low(last) == "olympics" || Low(last) == "olympic";
  }

  // A sentence whose capitalisation says nothing: all caps, or a title-case headline.
  bool WeakCaseSentence(int b, int e) const {
    int words = 0, lower = 0, caps = 0, content = 0, cap_common = 0;
    for (int i = b; i < e; ++i) {
      const Tok& t = toks_[i];
      if (!t.word) continue;
      bool has_alpha = false;
      for (char c : Raw(t.start, t.end)) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) { has_alpha = true; break; }
      }
      if (!has_alpha) continue;
      ++words;
      if (!t.allcaps && !t.cap) ++lower;
      if (!t.Is(kFunctionWord)) {
        ++content;
        if (t.cap) ++caps;
        if (t.cap && t.common && !t.sent_start && !t.allcaps) ++cap_common;
      }
    }
    if (words == 0) return false;
    int allcaps = 0;
    for (int i = b; i < e; ++i)
      if (toks_[i].word && toks_[i].allcaps) ++allcaps;
    if (allcaps * 10 >= words * 7 && words - allcaps <= 2 && lower * 5 <= words) return true;
    // Title case: almost every content word capitalised, several of them.
    return content >= 4 && caps * 10 >= content * 9 && lower * 3 <= words && cap_common >= 2;
  }

  // Longest title phrase (case-insensitive) ending at token `last`; returns its first token or -1.
  int TitleEndingAt(int last, int floor) const {
    int best = -1;
    std::string key;
    for (int n = 1; n <= lex_.max_title_words && last - n + 1 >= floor; ++n) {
      int first = last - n + 1;
      if (!toks_[first].word) break;
      if (!key.empty()) key.insert(0, 1, ' ');
      key.insert(0, toks_[first].low);
      // One word: the token's facts answer without a lookup; several: the facts of the key
      // (FactsOf() knows every title and suffix of one).
      const WordFacts& facts = n == 1 ? *toks_[first].facts : FactsOf(key);
      bool title = (facts.bits & kTitle) != 0;
      bool suffix = (facts.bits & kTitleSuffix) != 0;
      if (title) best = first;
      // No longer title ends with `key` when none ends with it.
      if (!key.empty() && !suffix) break;
    }
    return best;
  }

  // Longest title phrase starting at token `first` within [first, limit]; returns its last token or -1.
  int TitleStartingAt(int first, int limit) const {
    int best = -1;
    std::string key;
    for (int n = 1; n <= lex_.max_title_words && first + n - 1 <= limit; ++n) {
      int last = first + n - 1;
      if (!toks_[last].word) break;
      if (!key.empty()) key += ' ';
      key += toks_[last].low;
      const WordFacts& facts = n == 1 ? *toks_[last].facts : FactsOf(key);
      bool prefix = (facts.bits & kTitlePrefix) != 0;
      if (!prefix) break;
      bool title = (facts.bits & kTitle) != 0;
      if (title) best = last;
      if (toks_[last].ends_chunk) break;
    }
    return best;
  }

  // Longest gazetteer entry starting at `first` within [first, limit]; returns last token or -1.
  int GazetteerAt(int first, int limit, const GazetteerEntry** entry) const {
    int best = -1;
    std::string key;
    for (int n = 1; n <= lex_.max_gazetteer_words && first + n - 1 <= limit; ++n) {
      int last = first + n - 1;
      if (!key.empty()) key += ' ';
      key += toks_[last].low;
      const GazetteerEntry* found = nullptr;
      if (n == 1) {
        if (!toks_[last].Is(kGazetteerPrefix)) break;
        found = toks_[last].facts->gazetteer;
      } else {
        // FactsOf() knows every gazetteer entry and every word prefix of one.
        const WordFacts& facts = FactsOf(key);
        if (!(facts.bits & kGazetteerPrefix)) break;
        found = facts.gazetteer;
      }
      if (found != nullptr) {
        bool ok = true;
        if (found->exact_case) {
          // "US", "UN", "WHO": as written, not "us", "Who".
          std::string_view raw = Raw(toks_[first].start, toks_[last].end);
          for (char c : raw)
            if (c >= 'a' && c <= 'z') ok = false;
        }
        if (ok) {
          best = last;
          *entry = found;
        }
      }
      if (toks_[last].ends_chunk) break;
    }
    return best;
  }

  // The lower-case marks a cricket scorecard writes before a fielder's or bowler's name.
  static bool IsScorecardMark(std::string_view w) {
    return w == "b" || w == "c" || w == "st" || w == "lbw";
  }

  bool NameLike(int i) const {
    const Tok& t = toks_[i];
    if (!t.word || !t.cap) return false;
    if (t.Is(kStopName)) return false;
    return true;
  }

  // Chunks of a normally cased sentence.
  void ChunkSentence(int b, int e) {
    int i = b;
    while (i < e) {
      if (!NameLike(i)) { ++i; continue; }
      int first = i, last = i;
      while (!toks_[last].ends_chunk && last + 1 < e) {
        int n = last + 1;
        if (NameLike(n) && !toks_[n].Is(kFunctionWord)) { last = n; continue; }
        // Connectors: "Gulf of Oman", "Osama bin Laden", "Ursula von der Leyen", "AT & T".
        const Tok& c = toks_[n];
        int after = n + 1;
        while (after < e && toks_[after].word && !toks_[after].cap && toks_[after].Is(kLowerParticle) &&
               after - n < 2)
          ++after;
        if (after < e && NameLike(after)) {
          if (c.word && c.Is(kLowerParticle)) { last = after; continue; }
          if (c.low == "of" && after == n + 1 && toks_[last].Is(kOfHead | kOrgHead)) {
            last = after;
            continue;
          }
          if (c.low == "&" && after == n + 1) { last = after; continue; }
          if (c.low == "for" && after == n + 1 && OrgAhead(after, e)) {
            last = after;
            continue;
          }
        }
        break;
      }
      SegmentChunk(first, last, b);
      i = last + 1;
    }
  }

  // True when a capitalised run starting at `i` ends in an organisation word ("... for
  // Human Rights Council", "Committee for the Protection of Journalists").
  bool OrgAhead(int i, int e) const {
    int j = i;
    while (j + 1 < e && NameLike(j + 1) && !toks_[j].ends_chunk) ++j;
    return toks_[j].Is(kOrgTail);
  }

  // Splits a chunk at titles and leading known names, then types its pieces.
  void SegmentChunk(int first, int last, int sent_begin) {
    // Drop a leading sentence-initial ordinary word ("The", "And", "Since", "Police").
    while (first <= last) {
      const Tok& t = toks_[first];
      const GazetteerEntry* g = nullptr;
      int gl = GazetteerAt(first, last, &g);
      // "Polish Foreign Minister", "China's...": places and peoples that are also words.
      bool keep_common = gl >= first && g->type != EntityType::kOrg;
      if (gl >= 0 && (keep_common || !(gl == first && g->common_word && (t.sent_start || t.Is(kFunctionWord))))) break;
      bool initial_common = t.sent_start && t.common && !t.Is(kGivenName) && !t.Is(kFamilyName);
      if (t.Is(kFunctionWord) || initial_common) {
        if (TitleStartingAt(first, last) >= 0) break;
        ++first;
        continue;
      }
      break;
    }
    if (first > last) return;
    std::vector<std::string> titles;
    // Titles before the chunk, as written ("prime minister", "Iraq's caretaker prime minister").
    int title_first = TitleEndingAt(first - 1, sent_begin);
    if (first > sent_begin && title_first >= 0) {
      titles.emplace_back(Raw(toks_[title_first].start, toks_[first - 1].end));
    }
    int p = first;
    while (p <= last) {
      // Whole remaining chunk a known entry or an organisation: one piece.
      const GazetteerEntry* g = nullptr;
      int gl = GazetteerAt(p, last, &g);
      if (gl == last) {
        AddCandidate(p, last, g->type, kStrong, "gazetteer:" + g->kind.substr(0, g->kind.find(':')), titles);
        return;
      }
      int tl = TitleStartingAt(p, last);
      if (tl >= 0 && tl < last && !EndsWithOrgWord(p, last)) {
        // "President Donald Trump", "Maj. Gen. Kaveh Rostami": the title is an attribute.
        titles.emplace_back(Raw(toks_[p].start, toks_[tl].end));
        p = tl + 1;
        // "Duke of Norfolk", "Prince of Wales": a title of a place, not a name after a title.
        if (p <= last && toks_[p].Is(kFunctionWord)) return;
        continue;
      }
      if (tl == last && titles.empty()) return;  // a title alone ("the President")
      if (gl >= p && gl < last) {
        bool split = false;
        // "Iranian General ...", "US President ...": a known name before a title or a person.
        int next_title = TitleStartingAt(gl + 1, last);
        if (next_title >= 0 && next_title < last) split = true;
        if (g->type == EntityType::kNorp && !EndsWithOrgWord(gl + 1, last) && !toks_[gl + 1].common)
          split = true;  // "American Oliver Hale": a nationality before a name
        if (g->type != EntityType::kOrg && EventName(gl + 1, last)) {
          // "U.S. Labor Day": the place, then an event this stage leaves out.
          AddCandidate(p, gl, g->type, kStrong, "gazetteer:" + g->kind.substr(0, g->kind.find(':')), {});
          return;
        }
        if (g->type == EntityType::kNorp || g->type == EntityType::kGpe) {
          if (toks_[gl + 1].Is(kGivenName) && !EndsWithOrgWord(gl + 1, last)) split = true;
          // "Iraqi Shi'ite", "Iranian Hezbollah": two known names side by side.
          const GazetteerEntry* g2 = nullptr;
          if (GazetteerAt(gl + 1, last, &g2) == last && g2->type != EntityType::kOrg) {
            if (g->type == EntityType::kNorp && g2->type == EntityType::kNorp) {
              // "Iraqi Kurds", "Bosnian Serb": one group, named by a people and a country.
              AddCandidate(p, last, EntityType::kNorp, kStrong, "gazetteer:group-pair", titles);
              return;
            }
            split = true;
          }
        }
        if (split) {
          AddCandidate(p, gl, g->type, kStrong, "gazetteer:" + g->kind.substr(0, g->kind.find(':')), {});
          p = gl + 1;
          continue;
        }
      }
      // Find a title inside the remaining chunk: "Iraqi Prime Minister Omar Abdul Karim".
      for (int q = p + 1; q <= last; ++q) {
        int t2 = TitleStartingAt(q, last);
        if (t2 == last && !EndsWithOrgWord(p, last)) {
          // "Iraqi Prime Minister" with no name after it: only the first part is a name.
          TypeAndAdd(p, q - 1, {});
          return;
        }
        if (t2 >= 0 && t2 < last && !toks_[t2].Is(kOrgTail) && !EndsWithOrgWord(p, last)) {
          TypeAndAdd(p, q - 1, {});
          titles.emplace_back(Raw(toks_[q].start, toks_[t2].end));
          p = t2 + 1;
          goto next_piece;
        }
      }
      TypeAndAdd(p, last, titles);
      return;
    next_piece:;
    }
  }

  static bool IsRomanNumeral(std::string_view w) {
    if (w.empty()) return false;
    for (char c : w)
      if (c != 'i' && c != 'v' && c != 'x') return false;
    return true;
  }

  // "P." or "J.R.": a capital initial, not a known abbreviation like "U.S.".
  bool IsInitial(int i) const {
    std::string_view t = Raw(toks_[i].start, toks_[i].end);
    if (toks_[i].facts->gazetteer != nullptr) return false;
    if (t.size() < 2 || t.back() != '.') return false;
    for (size_t k = 0; k < t.size(); ++k) {
      char c = t[k];
      bool upper = c >= 'A' && c <= 'Z';
      if (k % 2 == 0 ? !upper : c != '.') return false;
    }
    return true;
  }

  // Family names by their shape: Gaelic "Mc"/"Mac" before a capital, and endings of Greek,
  // Slavic, Baltic, Turkish, Nordic, Armenian and Georgian family names. General knowledge of
  // naming; used only for a single word nothing else typed.
  static bool SurnameShape(std::string_view w) {
    if (w.size() >= 5 && w[0] == 'M' && w[1] == 'c' && w[2] >= 'A' && w[2] <= 'Z') return true;
    if (w.size() >= 6 && w.substr(0, 3) == "Mac" && w[3] >= 'A' && w[3] <= 'Z') return true;
    for (char c : w)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    static const char* const kEndings[] = {
        "opoulos", "poulos", "akis", "idis", "enko", "ovich", "evich", "ovic", "evic", "wicz",
        "ski", "ska", "sky", "skaya", "ova", "eva", "yev", "oglu", "sson", "dottir", "escu",
        "ishvili", "adze", "yan", "ov", "ev"};
    for (const char* e : kEndings) {
      std::string_view end(e);
      size_t min = end.size() <= 3 ? 6 : end.size() + 3;
      if (w.size() >= min && w.substr(w.size() - end.size()) == end) return true;
    }
    return false;
  }

  // A state named as a republic or kingdom: "Republic of X", "X Republic", "Kingdom of X".
  bool StateName(int first, int last) const {
    for (int k = first; k <= last; ++k) {
      std::string_view w = toks_[k].low;
      if (w != "republic" && w != "kingdom" && w != "principality" && w != "sultanate" && w != "emirate")
        continue;
      bool of_next = k + 1 < last && Low(k + 1) == "of";
      if (of_next || k == last) {
        for (int j = first; j <= last; ++j)
          if (j != k && toks_[j].Is(kOrgTail)) return false;
        return true;
      }
    }
    return false;
  }

  bool EndsWithOrgWord(int first, int last) const {
    return last > first && toks_[last].Is(kOrgTail);
  }

  void AddCandidate(int first, int last, EntityType type, Strength s, std::string rule,
                    std::vector<std::string> titles) {
    Candidate c;
    c.first = first;
    c.last = last;
    c.type = type;
    c.strength = s;
    c.rule = std::move(rule);
    c.titles = std::move(titles);
    cands_.push_back(std::move(c));
  }

  // Types one piece of a chunk from what it contains and what surrounds it.
  void TypeAndAdd(int first, int last, std::vector<std::string> titles) {
    // Trim trailing function words and particles.
    while (last > first && toks_[last].Is(kFunctionWord | kLowerParticle)) --last;
    if (first > last) return;
    const Tok& f = toks_[first];
    const Tok& l = toks_[last];
    const int n = last - first + 1;
    if (n == 1 && (f.Is(kFunctionWord) || f.low.size() < 2)) return;
    const GazetteerEntry* g = nullptr;
    if (GazetteerAt(first, last, &g) == last) {
      AddCandidate(first, last, g->type, kStrong, "gazetteer:" + g->kind.substr(0, g->kind.find(':')), titles);
      return;
    }
    if (titles.empty() && EventName(first, last)) return;
    if (n == 1) {
      // "US-Iran", "Israeli-Arab": two known names joined, a relation rather than a name.
      std::string_view w = Raw(f.start, f.end);
      size_t hy = w.find('-');
      if (hy != std::string_view::npos && hy > 0 && hy + 1 < w.size() &&
          lex_.gazetteer.count(FoldName(w.substr(0, hy))) && lex_.gazetteer.count(FoldName(w.substr(hy + 1))))
        return;
    }
    if (!titles.empty()) {
      AddCandidate(first, last, EntityType::kPerson, kStrong, "title+name", titles);
      return;
    }
    if (n >= 2 && StateName(first, last)) {
      // "Republic of Ireland", "Chechen Republic", "Federal Republic of Yugoslavia".
      AddCandidate(first, last, EntityType::kGpe, kStrong, "state-name", {});
      return;
    }
    if (n >= 2 && l.Is(kOrgTail)) {
      AddCandidate(first, last, EntityType::kOrg, kStrong, "org-word", {});
      return;
    }
    if (n >= 2) {
      auto pt = lex_.place_tail.find(l.low);
      if (pt != lex_.place_tail.end()) {
        AddCandidate(first, last, pt->second, kStrong, "place-word", {});
        return;
      }
    }
    if (n >= 2 && n <= 3 && lex_.fac_head.count(f.low) && !l.common) {
      // "Camp Halvard", "Camp Bastion": a facility named by its kind first.
      AddCandidate(first, last, EntityType::kFac, kStrong, "place-head", {});
      return;
    }
    if (n >= 2 && f.Is(kOrgHead) && !f.Is(kGivenName)) {
      AddCandidate(first, last, EntityType::kOrg, kStrong, "org-head", {});
      return;
    }
    for (int k = first + 1; k < last; ++k) {
      if (Low(k) == "&") {
        AddCandidate(first, last, EntityType::kOrg, kStrong, "org-ampersand", {});
        return;
      }
    }
    // "P. Johnson", "J. R. Smith": initials before a name.
    if (n >= 2 && IsInitial(first) && !IsInitial(last) && !l.allcaps) {
      AddCandidate(first, last, EntityType::kPerson, kStrong, "initial+name", {});
      return;
    }
    // Ends in a known organisation: "Jund Hamas", "Lebanese Hezbollah".
    if (n >= 2) {
      const GazetteerEntry* lg = nullptr;
      for (int k = first + 1; k <= last; ++k) {
        if (GazetteerAt(k, last, &lg) == last && lg->type == EntityType::kOrg && !lg->common_word) {
          AddCandidate(first, last, EntityType::kOrg, kStrong, "org-name", {});
          return;
        }
      }
    }
    // Arabic and other name particles inside: a person ("Abu Yasir al-Karimi").
    bool particles = false;
    for (int i = first; i <= last; ++i) {
      std::string_view w = toks_[i].low;
      if (toks_[i].particle_name || w == "abu" || w == "bin" || w == "ibn" || w == "abdul" ||
          w == "abdel" || w == "abd" || w == "umm" || w == "bint" || w == "von" || w == "van")
        particles = true;
    }
    if (particles && n >= 2) {
      AddCandidate(first, last, EntityType::kPerson, kStrong, "name-particles", {});
      return;
    }
    if (f.Is(kGivenName) && n >= 2 && n <= 4) {
      AddCandidate(first, last, EntityType::kPerson, kStrong, "given-name", {});
      return;
    }
    if (n >= 2 && n <= 3 && l.Is(kFamilyName)) {
      AddCandidate(first, last, EntityType::kPerson, kContext, "family-name", {});
      return;
    }
    // An ordinary word in capitals ("TENNIS", "LEAGUE"), a Roman numeral ("XI"), single
    // letters ("W D L" in a table): no names.
    if (n == 1 && f.allcaps && (f.common || IsRomanNumeral(f.low))) return;
    {
      bool letters_only = true;
      for (int k = first; k <= last; ++k)
        if (Raw(toks_[k].start, toks_[k].end).size() > 2) letters_only = false;
      if (letters_only && n >= 2) return;
    }
    // All-caps short word: an acronym, usually an organisation.
    if (n == 1 && f.allcaps && f.low.size() <= 6) {
      AddCandidate(first, last, EntityType::kOrg, kWeak, "acronym", {});
      return;
    }
    // Context.
    const int prev = first - 1;
    const int next = last + 1;
    auto word_at = [&](int i) -> std::string_view {
      if (i < 0 || i >= static_cast<int>(toks_.size())) return {};
      if (toks_[i].sentence != f.sentence) return {};
      return toks_[i].low;
    };
    std::string_view pw = word_at(prev);
    std::string_view nw = word_at(next);
    if (nw == "," && next + 1 < static_cast<int>(toks_.size()) && toks_[next + 1].sentence == f.sentence) {
      // "Markham, Ontario": a place before its region or country.
      const GazetteerEntry* rg = nullptr;
      int rl = GazetteerAt(next + 1, std::min<int>(next + 4, static_cast<int>(toks_.size()) - 1), &rg);
      if (rl >= 0 && rg->type == EntityType::kGpe && (rg->kind == "region" || rg->kind == "country") &&
          (rl + 1 >= static_cast<int>(toks_.size()) || toks_[rl + 1].sentence != f.sentence ||
           !toks_[rl + 1].word || toks_[rl + 1].ends_chunk || toks_[rl].ends_chunk)) {
        AddCandidate(first, last, EntityType::kGpe, kContext, "context:place-region", {});
        return;
      }
    }
    if (n <= 2 && IsScorecardMark(pw) && prev >= 0 && !toks_[prev].cap) {
      // A cricket scorecard: "c Healy b Muralitharan", "st Dravid", "lbw b Warne".
      AddCandidate(first, last, EntityType::kPerson, kContext, "context:scorecard", {});
      return;
    }
    if (n == 1 && f.Is(kGivenName) && !f.common) {
      AddCandidate(first, last, EntityType::kPerson, kContext, "given-name", {});
      return;
    }
    if (IsPlacePreposition(pw) && !(pw == "to" && IsSpeechVerb(nw))) {
      AddCandidate(first, last, EntityType::kGpe, kContext, "context:place", {});
      return;
    }
    if (IsSpeechVerb(nw) || nw == "who" || nw == "himself" || nw == "herself") {
      AddCandidate(first, last, EntityType::kPerson, kContext, "context:person", {});
      return;
    }
    if (n == 1 && f.Is(kGivenName)) {
      AddCandidate(first, last, EntityType::kPerson, kContext, "given-name", {});
      return;
    }
    if (n == 1 && f.Is(kFamilyName)) {
      AddCandidate(first, last, EntityType::kPerson, kContext, "family-name", {});
      return;
    }
    if (n >= 2 && n <= 3) {
      bool plain = true;
      for (int k = first; k <= last; ++k)
        if (toks_[k].common || toks_[k].allcaps || !toks_[k].cap) plain = false;
      if (plain) {
        AddCandidate(first, last, EntityType::kPerson, kContext, "name-shape", {});
        return;
      }
    }
    if (pw == "the") {
      // "the Test", "the Stadium": an ordinary word after "the" is no name, unless a name is
      // being given ("known as the Najda").
      if (n == 1 && f.common && !(first >= 2 && Low(first - 2) == "as")) return;
      AddCandidate(first, last, EntityType::kOrg, kWeak, "context:the", {});
      return;
    }
    // A single ordinary English word, capitalised for emphasis or after a colon: no name.
    if (n == 1 && f.common && !f.allcaps) return;
    if (n >= 2) {
      // "British Universities", "Chicago NAPM", "Jones Medical": a common word or an acronym
      // at the end is seldom part of a person's name.
      bool acronym_inside = false;
      for (int k = first; k <= last; ++k)
        if (toks_[k].allcaps && !f.allcaps) acronym_inside = true;
      bool name_word = l.Is(kFamilyName | kGivenName);
      if (acronym_inside || (l.common && !name_word && !l.allcaps)) {
        AddCandidate(first, last, EntityType::kOrg, kWeak, "capitalized-org", {});
        return;
      }
    }
    // A single unknown word that no full name in the document explains: organisations are
    // often named by one word ("Rabobank", "Pirelli"), people are introduced in full first.
    if (n == 1 && !f.allcaps && SurnameShape(Raw(f.start, f.end))) {
      // "McAteer", "Panayiotopoulos", "Samokhvalova": the shape of a family name.
      AddCandidate(first, last, EntityType::kPerson, kWeak, "surname-shape", {});
      return;
    }
    AddCandidate(first, last, n == 1 || n > 3 ? EntityType::kOrg : EntityType::kPerson, kWeak, "capitalized", {});
  }

  // Names and types learned from the normally cased body, for headlines and weak mentions.
  void LearnDocumentNames() {
    for (const Candidate& c : cands_) {
      std::string key = Key(c.first, c.last);
      auto& slot = known_[key];
      if (slot.second < c.strength + 1) slot = {c.type, static_cast<Strength>(c.strength + 1)};
      if (c.type == EntityType::kPerson && c.last > c.first) {
        auto& s2 = person_parts_[toks_[c.last].low];
        s2 = std::max(s2, static_cast<int>(c.strength) + 1);
        for (int i = c.first; i < c.last; ++i)
          if (!toks_[i].Is(kLowerParticle)) person_parts_.emplace(toks_[i].low, 1);
      }
      if (c.type == EntityType::kOrg && c.last > c.first && IsCorporateSuffix(toks_[c.last].low)) {
        // "Johnson Controls Inc": "Johnson Controls" names the company too.
        int l = c.last - 1;
        if (l > c.first && Low(l) == "&") --l;
        known_[Key(c.first, l)] = {EntityType::kOrg, kOrgSuffix};
      }
      if (c.last > c.first) {
        for (int i = c.first; i <= c.last; ++i) in_multi_.insert(toks_[i].low);
        if (c.type == EntityType::kOrg && c.strength == kStrong && !toks_[c.first].common)
          org_parts_.insert(toks_[c.first].low);
      }
    }
  }

  std::string Key(int first, int last) const {
    std::string k;
    for (int i = first; i <= last; ++i) {
      if (!k.empty()) k += ' ';
      k += toks_[i].low;
    }
    return k;
  }

  // Headlines: a token is a name when the gazetteer, the name lists or the body say so, or
  // when it is no ordinary English word.
  void ChunkWeakCaseSentence(int b, int e) {
    int i = b;
    while (i < e) {
      const Tok& t = toks_[i];
      if (!t.word || t.Is(kStopName) || (!t.cap && !t.allcaps && !t.particle_name)) { ++i; continue; }
      // Longest known name (gazetteer or body) first.
      const GazetteerEntry* g = nullptr;
      int gl = GazetteerAt(i, e - 1, &g);
      int kl = -1;
      EntityType ktype = EntityType::kPerson;
      {
        std::string key;
        for (int j = i; j < e && j < i + 6; ++j) {
          if (!toks_[j].word) break;
          if (!key.empty()) key += ' ';
          key += toks_[j].low;
          auto it = known_.find(key);
          if (it != known_.end()) { kl = j; ktype = it->second.first; }
          if (toks_[j].ends_chunk) break;
        }
      }
      if (kl >= 0 && kl >= gl) {
        AddCandidate(i, kl, ktype, kContext, "document", {});
        i = kl + 1;
        continue;
      }
      if (gl >= 0 && !(gl == i && g->common_word && g->type == EntityType::kOrg)) {
        AddCandidate(i, gl, g->type, kStrong, "gazetteer:" + g->kind.substr(0, g->kind.find(':')), {});
        i = gl + 1;
        continue;
      }
      // Unknown words that are no ordinary English words.
      int j = i;
      while (j < e && toks_[j].word && (toks_[j].cap || toks_[j].allcaps || toks_[j].particle_name) &&
             !toks_[j].Is(kStopName | kFunctionWord) &&
             (!toks_[j].common || person_parts_.count(toks_[j].low) || in_multi_.count(toks_[j].low) ||
              (j == i && GivenNameBeforeName(j, e))) &&
             TitleStartingAt(j, j) < 0) {
        if (toks_[j].ends_chunk) { ++j; break; }
        ++j;
      }
      if (j > i) {
        TypeAndAdd(i, j - 1, {});
        i = j;
        continue;
      }
      ++i;
    }
  }

  // "Mark Hughes" in a title-case line: a given name that is also a word ("mark", "dean"),
  // followed by a capitalised word that is no ordinary word.
  bool GivenNameBeforeName(int j, int e) const {
    if (!toks_[j].Is(kGivenName) || toks_[j].ends_chunk) return false;
    int n = j + 1;
    return n < e && toks_[n].word && (toks_[n].cap || toks_[n].allcaps) && !toks_[n].common &&
           !toks_[n].Is(kStopName) && toks_[n].facts->gazetteer == nullptr;
  }

  // A weak mention takes the type the document gives the same name with better evidence; a
  // single word that is the last part of a person's name is that person.
  static bool IsCorporateSuffix(std::string_view w) {
    return w == "inc" || w == "inc." || w == "corp" || w == "corp." || w == "co" || w == "co." ||
           w == "ltd" || w == "ltd." || w == "plc" || w == "llc" || w == "ag" || w == "sa" ||
           w == "nv" || w == "bv" || w == "gmbh" || w == "spa" || w == "s.a." || w == "n.v." ||
           w == "corporation" || w == "holdings" || w == "group" || w == "bhd" || w == "pty";
  }

  void PropagateTypes() {
    for (Candidate& c : cands_) {
      if (c.type != EntityType::kOrg && c.rule.compare(0, 9, "gazetteer") != 0 && c.rule != "title+name"sv) {
        auto kn = known_.find(Key(c.first, c.last));
        if (kn != known_.end() && kn->second.second == kOrgSuffix) {
          c.type = EntityType::kOrg;
          c.rule += "+company";
          continue;
        }
      }
      if (c.strength == kStrong) continue;
      std::string key = Key(c.first, c.last);
      if (c.first == c.last) {
        auto pp = person_parts_.find(key);
        auto kn = known_.find(key);
        bool strong_other = kn != known_.end() && kn->second.second > kStrong &&
                            kn->second.first != EntityType::kPerson;
        if (pp != person_parts_.end() && pp->second >= 2 && !strong_other) {
          if (c.type != EntityType::kPerson) c.rule += "+surname";
          c.type = EntityType::kPerson;
          continue;
        }
      }
      if (c.first == c.last && c.strength == kWeak && c.type == EntityType::kOrg &&
          (c.rule == "capitalized"sv || c.rule == "context:the"sv) && person_parts_.count(key) &&
          !org_parts_.count(key)) {
        // "Randall" after "Randall Cunningham": a part of a person's full name.
        c.type = EntityType::kPerson;
        c.rule += "+name-part";
        continue;
      }
      if (c.first == c.last && c.strength == kWeak && org_parts_.count(key) && c.type != EntityType::kOrg) {
        c.type = EntityType::kOrg;
        c.rule += "+org-part";
        continue;
      }
      auto it = known_.find(key);
      if (it != known_.end() && it->second.second > c.strength + 1) {
        c.type = it->second.first;
        c.rule += "+document";
        continue;
      }
      if (c.first == c.last) {
        auto pp = person_parts_.find(key);
        if (pp != person_parts_.end() && pp->second >= 2) {
          c.type = EntityType::kPerson;
          c.rule += "+surname";
        }
      }
    }
  }

  // Demonyms a place name x may take: x + "n", "an", "ian", "ese" or "i", and for x in "-a"
  // the stem + "an" (Valdoria -> Valdorian, Japan -> Japanese, Iraq -> Iraqi), each also
  // with a plural "s"; x has four letters or more (a-z and '-' only). PlacesOf(d) is the
  // other way round: every x that has `d` among its demonyms.
  static std::vector<std::string> PlacesOf(std::string_view d) {
    std::vector<std::string> out;
    auto add = [&](std::string_view stem, std::string_view plus) {
      if (stem.size() + plus.size() < 4) return;
      for (char ch : stem)
        if (!((ch >= 'a' && ch <= 'z') || ch == '-')) return;
      out.emplace_back(stem);
      out.back() += plus;
    };
    for (int plural = 0; plural < 2; ++plural) {
      std::string_view e = d;  // the demonym without its plural "s"
      if (plural == 1) {
        if (e.empty() || e.back() != 's') break;
        e.remove_suffix(1);
      }
      auto ends = [&](std::string_view suf) { return e.size() >= suf.size() && e.substr(e.size() - suf.size()) == suf; };
      if (ends("n")) add(e.substr(0, e.size() - 1), "");
      if (ends("an")) add(e.substr(0, e.size() - 2), ""), add(e.substr(0, e.size() - 2), "a");
      if (ends("ian")) add(e.substr(0, e.size() - 3), "");
      if (ends("ese")) add(e.substr(0, e.size() - 3), "");
      if (ends("i")) add(e.substr(0, e.size() - 1), "");
    }
    return out;
  }

  // Weak typing that document-level place evidence may override.
  static bool WeakRule(const std::string& rule) {
    std::string_view base = std::string_view(rule).substr(0, rule.find('+'));
    return base == "capitalized" || base == "name-shape" || base == "surname-shape" ||
           base == "context:the" || base == "capitalized-org" || base == "context:person" ||
           base == "family-name" || base == "context:place" || base == "given-name" ||
           base == "acronym";
  }

  // "the country of X", "the city of X": a place by what the text calls it.
  bool PlaceNounBefore(int first) const {
    int p = first - 1;
    if (p < 1 || toks_[p].sentence != toks_[first].sentence || Low(p) != "of") return false;
    return toks_[p - 1].Is(kPlaceNoun);
  }

  // Names the lexicons do not know: a word that is the demonym of a place named in the same
  // document is a people (NORP); a name whose demonym the document uses, or that the text
  // calls a country or city, is a place unless stronger evidence says otherwise.
  void ApplyDemonyms() {
    std::unordered_map<std::string, int> single;  // key of a one-word candidate -> count
    for (const Candidate& c : cands_)
      if (c.first == c.last) single[toks_[c.first].low]++;
    std::unordered_set<std::string> places, demonyms;
    // Pairs of one-word candidates (x, d) with d a demonym of x that is no English word,
    // found from the demonyms' side (far fewer lookups than trying every demonym of every x).
    for (const auto& [d, cnt] : single) {
      (void)cnt;
      for (const std::string& x : PlacesOf(d)) {
        if (!single.count(x) || lex_.english.Contains(x)) continue;
        places.insert(x);
        demonyms.insert(d);
      }
    }
    for (const Candidate& c : cands_) {
      if (PlaceNounBefore(c.first)) places.insert(Key(c.first, c.last));
      // "in Dervo Palan", "from Dervo Palan": where things happen, a place.
      int p = c.first - 1;
      if (c.type == EntityType::kGpe && c.rule.compare(0, 13, "context:place") == 0 && p >= 0 &&
          toks_[p].sentence == toks_[c.first].sentence &&
          (Low(p) == "in" || Low(p) == "from"))
        places.insert(Key(c.first, c.last));
    }
    if (places.empty() && demonyms.empty()) return;
    for (Candidate& c : cands_) {
      if (c.strength == kStrong && !(c.rule == "given-name"sv && c.first != c.last)) continue;
      if (!WeakRule(c.rule)) continue;
      // A demonym the document already reads as part of a person's name keeps that reading.
      if (c.type != EntityType::kPerson && c.first == c.last && demonyms.count(toks_[c.first].low) && !places.count(toks_[c.first].low)) {
        if (c.type != EntityType::kNorp) {
          c.type = EntityType::kNorp;
          c.rule += "+demonym";
        }
        continue;
      }
      std::string key = Key(c.first, c.last);
      if (places.count(key) && c.type != EntityType::kGpe && c.type != EntityType::kLoc) {
        c.type = EntityType::kGpe;
        c.rule += "+place";
      }
    }
  }

  // A report on team sports: cup ties, league tables, innings and goals.
  bool TeamSportsDocument() const {
    int team = 0, single = 0;
    for (const Tok& t : toks_) {
      if (!t.word) continue;
      if (t.Is(kTeamSport)) ++team;
      else if (t.Is(kSingleSport)) ++single;
    }
    return team >= 3 && team >= 2 * single;
  }

  bool IsNumberTok(int i) const {
    return i >= 0 && i < static_cast<int>(toks_.size()) && !toks_[i].word &&
           toks_[i].low.size() > 0 && toks_[i].low[0] >= '0' && toks_[i].low[0] <= '9';
  }

  // A plain score ("3", not "3-45" or "1996-08-30") right after token `i`.
  bool ScoreAfter(int i) const {
    int n = i + 1;
    if (!IsNumberTok(n) || toks_[n].sentence != toks_[i].sentence) return false;
    for (char ch : toks_[n].low)
      if (ch < '0' || ch > '9') return false;
    return toks_[n].low.size() <= 3;
  }

  // A dateline: a place opening a sentence, a date after it ("LONDON 1996-08-30").
  bool Dateline(const Candidate& c) const {
    if (!toks_[c.first].sent_start) return false;
    int n = c.last + 1;
    if (n < static_cast<int>(toks_.size()) && toks_[n].sentence == toks_[c.first].sentence &&
        Low(n) == ",")
      ++n;
    if (n >= static_cast<int>(toks_.size()) || toks_[n].sentence != toks_[c.first].sentence) return true;
    std::string_view t = toks_[n].low;
    return IsNumberTok(n) && t.find('-') != std::string_view::npos;
  }

  static bool IsVenuePreposition(std::string_view w) {
    return w == "in" || w == "from" || w == "near" || w == "at";
  }

  // Where a match was played: a place opening a results line before a colon ("Hove :
  // Sussex 363"), or a place describing a team ("the Moscow club", "the Volgograd side").
  bool Venue(const Candidate& c) const {
    const int ntok = static_cast<int>(toks_.size());
    int n = c.last + 1;
    if (n >= ntok || toks_[n].sentence != toks_[c.first].sentence) return false;
    if (toks_[c.first].sent_start && Low(n) == ":") return true;
    if (toks_[c.first].sent_start && Low(n) == "(") {
      // "London ( The Oval ) : Warwickshire 195".
      for (int k = n + 1; k < ntok && k <= n + 8 && toks_[k].sentence == toks_[c.first].sentence; ++k)
        if (Low(k) == ")") return k + 1 < ntok && Low(k + 1) == ":";
    }
    int p = c.first - 1;
    bool the = p >= 0 && toks_[p].sentence == toks_[c.first].sentence && Low(p) == "the";
    std::string_view w = toks_[n].low;
    return the && (w == "club" || w == "side" || w == "team" || w == "outfit");
  }

  // Cities and regions in team sports are clubs and teams ("Leicestershire beat Somerset",
  // "Karlsruhe 3 Bochum 1"); so are unknown names next to scores.
  void TypeTeams() {
    // Places after "in", "at", "from", "near" are where things happen, and so is the place
    // after a comma that follows one ("at Edgbaston , Birmingham").
    std::unordered_set<int> located_end;
    for (const Candidate& c : cands_) {
      int p = c.first - 1;
      if (p >= 0 && toks_[p].sentence == toks_[c.first].sentence && IsVenuePreposition(toks_[p].low))
        located_end.insert(c.last);
    }
    for (Candidate& c : cands_) {
      bool place = c.type == EntityType::kGpe && (c.rule == "gazetteer:city"sv || c.rule == "gazetteer:region"sv);
      bool unknown = c.strength != kStrong && c.type != EntityType::kOrg;
      if (!place && !unknown) continue;
      if (Dateline(c) || Venue(c)) continue;
      if (c.rule.compare(0, 17, "context:scorecard") == 0) continue;
      int p = c.first - 1;
      bool same_prev = p >= 0 && toks_[p].sentence == toks_[c.first].sentence;
      if (same_prev && IsVenuePreposition(toks_[p].low)) continue;
      if (same_prev && Low(p) == "," && located_end.count(p - 1)) continue;
      if (unknown && !place) {
        // A results line: "Karlsruhe 3 Bochum 1", this name and another each before a score.
        // A name of several words counts only when nothing said it is a person's.
        bool shape_only = c.rule == "name-shape"sv || c.rule == "capitalized"sv || c.rule == "family-name"sv;
        if ((c.first != c.last && !shape_only) || !ScoreAfter(c.last)) continue;
        int others = 0;
        for (const Candidate& o : cands_)
          if (&o != &c && toks_[o.first].sentence == toks_[c.first].sentence && ScoreAfter(o.last)) ++others;
        if (others == 0) continue;
      }
      c.type = EntityType::kOrg;
      c.rule += "+team";
    }
  }

  // Parenthetical aliases "Southern Defence Forces (SDF)", "known as the Najda", and
  // role appositions "X, the deputy head of Y,".
  void LinkAliases() {
    std::sort(cands_.begin(), cands_.end(), [](const Candidate& a, const Candidate& b) {
      return a.first < b.first || (a.first == b.first && a.last > b.last);
    });
    // Drop overlaps (keep the earlier, longer).
    std::vector<Candidate> kept;
    int covered = -1;
    for (Candidate& c : cands_) {
      if (c.first <= covered) continue;
      covered = c.last;
      kept.push_back(std::move(c));
    }
    cands_ = std::move(kept);
    std::unordered_map<int, int> by_first;
    for (size_t k = 0; k < cands_.size(); ++k) by_first[cands_[k].first] = static_cast<int>(k);
    const int ntok = static_cast<int>(toks_.size());
    for (size_t k = 0; k < cands_.size(); ++k) {
      Candidate& c = cands_[k];
      int j = c.last + 1;
      if (j >= ntok || toks_[j].sentence != toks_[c.last].sentence) continue;
      // "X (Y)".
      if (Low(j) == "(" && j + 1 < ntok) {
        auto it = by_first.find(j + 1);
        if (it != by_first.end()) {
          Candidate& a = cands_[it->second];
          if (a.last + 1 < ntok && Low(a.last + 1) == ")" && ParentheticalAlias(c, a)) {
            a.alias_of = static_cast<int>(k);
            // "Saraya Al-Fajr (SAF)": a name abbreviated by its initials is an organisation,
            // not a person, unless a title said otherwise.
            std::string_view inner = Raw(toks_[a.first].start, toks_[a.last].end);
            bool weak_person = c.rule == "name-shape"sv || c.rule == "name-particles"sv ||
                               c.rule == "capitalized"sv || c.rule == "family-name"sv;
            // Not "Alan John Percivale (A.J.P.)": initials with periods abbreviate people too.
            if (c.type == EntityType::kPerson && weak_person && c.last > c.first &&
                inner.find('.') == std::string_view::npos && MakeNameKey(inner).acronym) {
              c.type = EntityType::kOrg;
              c.rule += "+acronym";
            }
            if (a.strength != kStrong) a.type = c.type;
            a.rule += "+alias";
          }
        }
        continue;
      }
      // "X, known as (the) Y", "X, also known as Y", "X aka Y".
      int m = j;
      if (m < ntok && Low(m) == ",") ++m;
      while (m < ntok && (Low(m) == "also" || Low(m) == "widely" || Low(m) == "better" ||
                          Low(m) == "commonly" || Low(m) == "locally" || Low(m) == "often"))
        ++m;
      bool aka = false;
      if (m + 1 < ntok && Low(m) == "known" && Low(m + 1) == "as") { aka = true; m += 2; }
      else if (m < ntok && (Low(m) == "aka" || Low(m) == "a.k.a.")) { aka = true; m += 1; }
      else if (m + 1 < ntok && Low(m) == "or" && Low(m + 1) == "simply") { aka = false; }
      if (aka) {
        while (m < ntok && (Low(m) == "the" || Low(m) == "\"" || Low(m) == "\xE2\x80\x9C")) ++m;
        auto it = by_first.find(m);
        if (it != by_first.end() && it->second != static_cast<int>(k)) {
          Candidate& a = cands_[it->second];
          a.alias_of = static_cast<int>(k);
          if (a.strength != kStrong || a.type == EntityType::kPerson) a.type = c.type;
          a.rule += "+alias";
        }
        continue;
      }
      // "X, the deputy head of Y, ..." / "X, Iran's top general, ...".
      if (c.type == EntityType::kPerson && Low(j) == ",") {
        int s = j + 1;
        int end = s;
        bool role = false;
        while (end < ntok && end - s < 14 && toks_[end].sentence == toks_[c.last].sentence) {
          std::string_view w = toks_[end].low;
          if (w == "," || w == "." || w == ";" || w == ")" || w == "(" || w == "said" || w == "who") break;
          if (toks_[end].Is(kRoleNoun)) role = true;
          ++end;
        }
        if (role && end > s && (end >= ntok || Low(end) != "said")) {
          int rs = s;
          if (Low(rs) == "the" || Low(rs) == "a" || Low(rs) == "an") ++rs;
          if (rs < end) c.titles.emplace_back(Raw(toks_[rs].start, toks_[end - 1].end));
        }
      }
    }
  }

  // "Southern Defence Forces (SDF)": an acronym of the name, or the same kind of name
  // ("Najda (al-Shaabi)"); not "Merlene Ottey (Jamaica)".
  bool ParentheticalAlias(const Candidate& outer, const Candidate& inner) const {
    std::string inner_text(Raw(toks_[inner.first].start, toks_[inner.last].end));
    NameKey ik = MakeNameKey(inner_text);
    if (ik.acronym) {
      NameKey ok = MakeNameKey(Raw(toks_[outer.first].start, toks_[outer.last].end));
      return ok.parts.size() >= 2 && (ok.initials == ik.initials || ok.initials_all == ik.initials);
    }
    return inner.strength != kStrong && outer.type != EntityType::kPerson &&
           inner.type == outer.type;
  }

  void Emit() {
    doc_->entities.clear();
    doc_->entities.reserve(cands_.size());
    for (const Candidate& c : cands_) {
      EntityMention m;
      m.span = Span{toks_[c.first].start, toks_[c.last].end};
      m.type = c.type;
      m.titles = c.titles;
      m.alias_of = c.alias_of;
      m.rule = c.rule;
      doc_->entities.push_back(std::move(m));
    }
  }

  Document* doc_;
  const EntityLexicons& lex_;
  std::vector<Tok> toks_;
  std::vector<int> sent_first_;
  std::vector<Candidate> cands_;
  std::unordered_map<std::string, std::pair<EntityType, Strength>> known_;
  std::unordered_map<std::string, int> person_parts_;
  std::unordered_set<std::string> in_multi_;
  std::unordered_set<std::string> org_parts_;
};

}  // namespace

void FindEntities(Document* doc) {
  doc->entities.clear();
  if (doc->tokens.empty()) return;
  MentionFinder finder(doc);
  finder.Run();
}

}  // namespace dossier
