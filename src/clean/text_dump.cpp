// Cleaning text that was already extracted from a web page: the page's lines with its
// navigation, banners, share bars, vote counts and footers still in them.
//
// Each line is classified (boilerplate by lexicon or shape, date line, byline, bare number,
// bullet, Q&A chrome, text); the header gives title, byline and date; Q&A threads are cut
// into question, answers and comments; the rest becomes paragraph, heading and list blocks.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "clean/dates.h"
#include "clean/page.h"

namespace dossier {
namespace {

struct Line {
  size_t begin = 0;          // raw offset of the trimmed text
  std::string_view text;     // trimmed
  int indent = 0;            // leading spaces
  bool blank = true;
};

std::vector<Line> SplitLines(std::string_view raw) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos <= raw.size()) {
    size_t nl = raw.find('\n', pos);
    if (nl == std::string_view::npos) nl = raw.size();
    std::string_view full = raw.substr(pos, nl - pos);
    Line l;
    std::string_view t = TrimSpace(full);
    l.text = t;
    l.blank = t.empty();
    l.begin = t.empty() ? pos : static_cast<size_t>(t.data() - raw.data());
    for (char c : full) {
      if (c == ' ') ++l.indent;
      else if (c == '\t') l.indent += 4;
      else break;
    }
    lines.push_back(l);
    if (nl == raw.size()) break;
    pos = nl + 1;
  }
  return lines;
}

// The number of words of `s`, counting no further than `limit` (lines can be whole
// paragraphs, and most callers only compare the count with a small number).
int CountWords(std::string_view s, int limit) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\t' || c == '\n';
    if (!sp && !in && ++n == limit) break;
    in = !sp;
  }
  return n;
}

bool HasLetter(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isalpha(c)) return true;
    if (c >= 0xC3 && c < 0xF0) return true;  // Latin-1 supplement letters and beyond
  }
  return false;
}

bool IsBareNumber(std::string_view s) {
  if (s.empty() || s.size() > 8) return false;
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

int ToInt(std::string_view s) {
  int sign = 1, v = 0;
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) sign = s[0] == '-' ? -1 : 1, i = 1;
  for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) v = v * 10 + (s[i] - '0');
  return sign * v;
}

bool EndsSentence(std::string_view s) {
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == '"' || c == '\'' || c == ')') { s.remove_suffix(1); continue; }
    if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99")) {
      s.remove_suffix(3);
      continue;
    }
    break;
  }
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?') return true;
  return s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xA6";  // …
}

// "HomeQuizzoneWhatsappShare Flash Reads": words glued by a menu's missing separators.
bool LooksLikeGluedMenu(std::string_view s) {
  if (CountWords(s, 9) > 8 || EndsSentence(s)) return false;
  int glue = 0;
  for (size_t i = 1; i < s.size(); ++i) {
    if (std::islower(static_cast<unsigned char>(s[i - 1])) && std::isupper(static_cast<unsigned char>(s[i]))) ++glue;
  }
  return glue >= 2;
}

// "News | Sport | Business", "Home › World › Middle East".
bool LooksLikeLinkList(std::string_view s) {
  if (EndsSentence(s)) return false;
  int seps = 0;
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] == ' ' && (s[i + 1] == '|' || s[i + 1] == '>' || s[i + 1] == '/') && s[i + 2] == ' ') ++seps;
    if (s.compare(i, 3, "\xE2\x80\xBA") == 0 || s.compare(i, 2, "\xC2\xBB") == 0) ++seps;
  }
  return seps >= 2;
}

// A navigation menu with its separators lost: "Home World Business Tech Video Live TV".
// Five or more short capitalised words, no digits, no punctuation but "&" and "-", and
// no function word (a Title Case headline almost always has one: "In", "Of", "To", "The").
bool LooksLikeNavLine(std::string_view s) {
  static const char* kFunction[] = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with",
                                    "and", "or", "but", "as", "after", "over", "into", "is", "are", "was", "were",
                                    "be", "has", "have", "had", "will", "says", "said", "his", "her", "its", "their",
                                    "not", "no", "who", "what", "why", "how", "amid", "against", "than", "up", "out"};
  if (s.size() > 120) return false;
  int words = 0, letters = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    std::string_view w = s.substr(b, i - b);
    if (w == "&" || w == "-" || w == "/") continue;
    ++words;
    if (!std::isupper(static_cast<unsigned char>(w[0]))) return false;
    for (char c : w) {
      unsigned char u = static_cast<unsigned char>(c);
      if (std::isalpha(u)) ++letters;
      else if (c != '&' && c != '-') return false;
    }
    std::string low(w);
    for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* f : kFunction)
      if (low == f) return false;
  }
  return words >= 5 && letters <= words * 8;
}

// A site or section label: "World News | Wire", "Politics | Opinion": one " | " with at most
// three words on each side.
bool LooksLikeSiteLabel(std::string_view s) {
  if (s.size() > 60 || EndsSentence(s)) return false;
  size_t bar = s.find(" | ");
  if (bar == std::string_view::npos || s.find(" | ", bar + 3) != std::string_view::npos) return false;
  std::string_view left = TrimSpace(s.substr(0, bar)), right = TrimSpace(s.substr(bar + 3));
  int l = CountWords(left, 4), r = CountWords(right, 4);
  return l >= 1 && r >= 1 && l <= 3 && r <= 3;
}

// The news agency credit of a dateline: "PARIS, March 3 (AFP) - ..." gives "AFP".
bool DatelineCredit(std::string_view s, std::string* credit) {
  static const RE2 re("^\\p{Lu}[^()\\n]{1,80}?,[^()\\n]{0,60}?\\((\\p{Lu}[\\p{L}&.]*(?: \\p{Lu}[\\p{L}&.]*){0,3})\\)\\s*(?:-|–|—|:)\\s");
  if (s.size() < 20) return false;
  re2::StringPiece in(s.data(), std::min<size_t>(s.size(), 300));
  // The pattern needs a comma before the first of "()\n", which must be "(": most first
  // paragraphs fail this, and the regex is slow to fail.
  std::string_view head(in.data(), in.size());
  size_t open = head.find_first_of("()\n");
  if (open == std::string_view::npos || head[open] != '(' || head.substr(0, open).find(',') == std::string_view::npos)
    return false;
  return RE2::PartialMatch(in, re, credit);
}

// "Continental Press Agency" for "CPA": the initials of the line's capitalised words.
bool InitialsMatch(std::string_view line, std::string_view acronym) {
  if (line.size() > 60 || acronym.size() < 2) return false;
  std::string ini;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size()) break;
    size_t b = i;
    while (i < line.size() && line[i] != ' ') ++i;
    std::string_view w = line.substr(b, i - b);
    if (std::isupper(static_cast<unsigned char>(w[0]))) ini += w[0];
    else if (w != "of" && w != "and" && w != "the" && w != "for" && w != "de") return false;
  }
  if (ini.size() != acronym.size()) return false;
  for (size_t k = 0; k < ini.size(); ++k)
    if (ini[k] != acronym[k]) return false;
  return true;
}

// Bullet characters that start a list item or a Q&A comment: "•", "·", "▪", "*", "-".
size_t BulletLength(std::string_view s) {
  if (s.size() >= 3 && (s.compare(0, 3, "\xE2\x80\xA2") == 0 || s.compare(0, 3, "\xE2\x96\xAA") == 0 ||
                        s.compare(0, 3, "\xE2\x80\xA3") == 0))
    return 3;
  if (s.size() >= 2 && s.compare(0, 2, "\xC2\xB7") == 0) return 2;
  if (s.size() >= 2 && (s[0] == '*') && s[1] == ' ') return 1;
  return 0;
}

// "– BobE": the author line of a Q&A comment.
bool AuthorLine(std::string_view s, std::string_view* name) {
  size_t n = 0;
  if (s.compare(0, 3, "\xE2\x80\x93") == 0 || s.compare(0, 3, "\xE2\x80\x94") == 0) n = 3;
  else if (!s.empty() && s[0] == '-') n = 1;
  if (n == 0) return false;
  std::string_view rest = TrimSpace(s.substr(n));
  if (rest.empty() || CountWords(rest, 5) > 4 || EndsSentence(rest)) return false;
  *name = rest;
  return true;
}

struct Regexes {
  RE2 answers{"(?i)^(\\d+)\\s+answers?(?:\\s+\\d+)?$"};
  RE2 commented{"(?i)(?:^|\\s)(?:[-–—]\\s*(\\S[^\\n]{0,40}?)\\s+)?commented\\s+(.{6,40})$"};
  RE2 posted{"(?i)^(asked|answered|edited|modified|viewed|posted)\\s+(.{6,40})$"};
  RE2 min_read{"(?i)\\b\\d+\\s*min(?:ute)?s?\\s+read"};
  RE2 label{"(?i)^(?:date|dated|published|published on|posted|posted on|updated|last updated|"
            "first published|updated on|on|[|·•–—-])\\s*:?\\s*$"};
  RE2 by{"^(?i:by|written by|words by|author:?)\\s+(\\p{Lu}[\\p{L}.'’-]*(?:\\s+(?:\\p{Lu}[\\p{L}.'’-]*|de|van|von|al|bin|and))*)"};
  RE2 reputation{"^[\\d.,kKmM\\s•·]+$"};
};

const Regexes& Res() {
  static const Regexes* r = new Regexes();
  return *r;
}

// Necessary conditions for some of the patterns above, tested first because most lines
// fail them and a pattern run costs more than the test. Each is implied by its pattern
// (RE2's (?i) gives the ASCII letters tested here no other equivalents: only k and s have
// non-ASCII twins): `answers` starts with a digit, `posted` with the first letter of one
// of its verbs, `reputation` with one of its characters, and `min_read` holds "min".
bool MayBeAnswers(std::string_view s) { return !s.empty() && s[0] >= '0' && s[0] <= '9'; }

bool MayBePosted(std::string_view s) {
  return !s.empty() && std::string_view("aAeEmMvVpP").find(s[0]) != std::string_view::npos;
}

bool MayBeReputation(std::string_view s) {
  return !s.empty() && std::string_view("0123456789.,kKmM \t\n\v\f\r\xE2\xC2").find(s[0]) != std::string_view::npos;
}

bool MayBeMinRead(std::string_view s) {
  for (size_t i = 0; i + 3 <= s.size(); ++i)
    if ((s[i] | 0x20) == 'm' && (s[i + 1] | 0x20) == 'i' && (s[i + 2] | 0x20) == 'n') return true;
  return false;
}

re2::StringPiece Piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

// A short line of 2-4 capitalized name words: "Christian Baghai".
bool LooksLikeName(std::string_view s) {
  if (s.size() > 50 || EndsSentence(s)) return false;
  int words = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    std::string_view w = s.substr(b, i - b);
    ++words;
    unsigned char c = static_cast<unsigned char>(w[0]);
    if (!(std::isupper(c) || c >= 0xC3)) return false;
    for (char ch : w)
      if (std::isdigit(static_cast<unsigned char>(ch)) || ch == ':' || ch == '|' || ch == ',') return false;
  }
  return words >= 2 && words <= 4;
}

// The date of a line that is (nearly) only a date, with labels like "date", "Published",
// "6 min read" around it. Fills *date and the date's byte range within the line.
bool DateLine(std::string_view s, FoundDate* date) {
  if (s.size() > 120) return false;
  if (!FindDate(s, date)) return false;
  std::string rest(s.substr(0, date->begin));
  rest += ' ';
  rest += std::string(s.substr(date->end));
  if (MayBeMinRead(rest)) RE2::GlobalReplace(&rest, Res().min_read, "");
  std::string_view r = TrimSpace(rest);
  if (r.empty()) return true;
  if (RE2::FullMatch(std::string(r), Res().label)) return true;
  // "Updated: 2020-01-04 | 5 min read" and similar labels: short, no sentence.
  return r.size() <= 24 && CountWords(r, 4) <= 3 && !EndsSentence(r) && r.find_first_of("0123456789") == std::string_view::npos &&
         (r.find(':') != std::string_view::npos || r.find('|') != std::string_view::npos);
}

// Photo credit at the end of a caption: "(Office of X via AP)", "(AP Photo/Name)".
bool LooksLikeCaption(std::string_view s) {
  if (s.empty() || s.back() != ')') return false;
  size_t open = s.rfind('(');
  if (open == std::string_view::npos) return false;
  std::string_view credit = s.substr(open);
  static const char* kCredit[] = {"via ", "AP", "AFP", "Reuters", "Getty", "Photo", "photo", "Images", "File", "EPA", "Xinhua"};
  for (const char* c : kCredit)
    if (credit.find(c) != std::string_view::npos) return credit.size() < 80;
  return false;
}

// Builds blocks with their raw-origin pieces.
class BlockBuilder {
 public:
  explicit BlockBuilder(Page* page) : page_(page) {}

  void Add(BlockKind kind, int part, std::string_view raw_base, std::string_view text) {
    PageBlock b;
    b.kind = kind;
    b.part = part;
    b.text = std::string(text);
    b.origin.push_back(OriginPiece{0, static_cast<uint32_t>(text.data() - raw_base.data()),
                                   static_cast<uint32_t>(text.size())});
    page_->blocks.push_back(std::move(b));
  }
  // Appends a line to the last block after `sep`.
  void Append(std::string_view raw_base, std::string_view text, const char* sep) {
    PageBlock& b = page_->blocks.back();
    b.text += sep;
    b.origin.push_back(OriginPiece{static_cast<uint32_t>(b.text.size()),
                                   static_cast<uint32_t>(text.data() - raw_base.data()),
                                   static_cast<uint32_t>(text.size())});
    b.text += std::string(text);
  }

 private:
  Page* page_;
};

// True when the bullet line `i` starts a Q&A comment rather than a list item: its text is a
// vote count, or a comment date follows before the next bullet or blank line.
bool StartsComment(const std::vector<Line>& lines, size_t i, size_t bullet) {
  std::string_view t = TrimSpace(lines[i].text.substr(bullet));
  if (IsBareNumber(t)) return true;
  for (size_t k = i; k < lines.size() && k < i + 12; ++k) {
    if (lines[k].blank || (k > i && BulletLength(lines[k].text) > 0)) break;
    std::string_view s = lines[k].text;
    if (s.find("ommented ") != std::string_view::npos && RE2::PartialMatch(Piece(s), Res().commented)) return true;
    std::string_view name;
    if (k > i && AuthorLine(lines[k].text, &name)) return true;
  }
  return false;
}

}  // namespace

void CleanTextDump(std::string_view raw, Page* page) {
  const Regexes& re = Res();
  std::vector<Line> lines = SplitLines(raw);
  BlockBuilder out(page);

  std::vector<char> boiler(lines.size(), 0);
  for (size_t i = 0; i < lines.size(); ++i)
    if (!lines[i].blank) boiler[i] = IsBoilerplateLine(lines[i].text);

  // Metadata that only boilerplate states: read it before anything is dropped.
  for (const Line& l : lines) {
    if (l.blank || l.text.size() > 1200) continue;
    std::string o = OutletFromLine(l.text);
    if (!o.empty()) page->outlet_hints.push_back(o);
  }

  // Q&A thread?
  int answers_header = -1, comment_dates = 0, posted_lines = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank || lines[i].text.size() > 2000) continue;
    std::string_view t = lines[i].text;
    if (answers_header < 0 && MayBeAnswers(t) && RE2::FullMatch(Piece(t), re.answers)) answers_header = static_cast<int>(i);
    if (t.find("ommented ") != std::string_view::npos && RE2::PartialMatch(Piece(t), re.commented)) ++comment_dates;
    if (MayBePosted(t) && RE2::FullMatch(Piece(t), re.posted)) ++posted_lines;
  }
  const bool qa = answers_header >= 0 || comment_dates >= 2 || posted_lines >= 2;
  if (qa) {
    page->kind = DocKind::kQA;
    page->parts[0].role = Role::kQuestion;
  }

  // First body paragraph: where the header (title, byline, date) ends.
  size_t body_start = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.blank || BulletLength(l.text) > 0) continue;
    if (CountWords(l.text, 15) >= 15 && EndsSentence(l.text) && !boiler[i]) {
      body_start = i;
      break;
    }
  }
  // Last body paragraph: after it, short non-sentence lines are footer.
  size_t body_end = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (!l.blank && CountWords(l.text, 8) >= 8 && EndsSentence(l.text) && !boiler[i]) body_end = i;
  }

  // The title: the first header line that reads like a headline; a line of four words or
  // more beats an earlier short one (a site name or section label above the headline).
  int title_pick = -1;
  if (qa) {
    // The question's title: the nearest content line above the first "Asked ..." line, or
    // else the first header line that asks a question.
    int first_posted = -1;
    for (size_t i = 0; i < lines.size() && first_posted < 0; ++i)
      if (!lines[i].blank && lines[i].text.size() < 60 && MayBePosted(lines[i].text) &&
          RE2::FullMatch(Piece(lines[i].text), re.posted))
        first_posted = static_cast<int>(i);
    auto usable = [&](size_t i) {
      const Line& l = lines[i];
      FoundDate fd;
      return !l.blank && !boiler[i] && BulletLength(l.text) == 0 && HasLetter(l.text) && !IsBareNumber(l.text) &&
             !DateLine(l.text, &fd) && CountWords(l.text, 3) >= 3 && l.text.size() <= 300 && !LooksLikeNavLine(l.text) &&
             !LooksLikeLinkList(l.text) && !LooksLikeGluedMenu(l.text) && !(MayBePosted(l.text) && RE2::FullMatch(Piece(l.text), re.posted));
    };
    if (first_posted > 0) {
      for (int i = first_posted - 1; i >= 0 && i >= first_posted - 4; --i) {
        if (lines[i].blank) continue;
        if (usable(i)) title_pick = i;
        break;
      }
    }
    if (title_pick < 0) {
      for (size_t i = 0; i < body_start && i < lines.size(); ++i)
        if (usable(i) && lines[i].text.back() == '?' && CountWords(lines[i].text, 31) <= 30) {
          title_pick = static_cast<int>(i);
          break;
        }
    }
  } else {
    int nav_pick = -1;  // a navigation-shaped line, taken only when nothing else reads like a headline
    int first_short = -1;
    for (size_t i = 0; i < body_start && i < lines.size(); ++i) {
      const Line& l = lines[i];
      if (l.blank || BulletLength(l.text) > 0) continue;
      std::string_view title = StripRubric(l.text);
      if (boiler[i] && title.size() == l.text.size()) continue;
      FoundDate fd;
      if (!HasLetter(l.text) || DateLine(l.text, &fd)) continue;
      if (title.size() > 300 || CountWords(title, 2) < 2 || EndsSentence(title) || IsBoilerplateLine(title) ||
          LooksLikeGluedMenu(title) || LooksLikeLinkList(title) || LooksLikeSiteLabel(title))
        continue;
      if (LooksLikeNavLine(title)) {
        if (nav_pick < 0) nav_pick = static_cast<int>(i);
        continue;
      }
      if (CountWords(title, 4) >= 4) {
        title_pick = static_cast<int>(i);
        break;
      }
      if (first_short < 0) first_short = static_cast<int>(i);
    }
    if (title_pick < 0) title_pick = first_short;
    if (title_pick < 0) title_pick = nav_pick;
  }
  bool have_title = false;
  int title_line = -1;
  std::vector<PubDate> stated_dates;  // dates of date lines, in order
  int cur_post = 0;                   // the question or the current answer
  int cur_comment = -1;               // part index of the comment being read
  bool comment_has_text = false;
  bool have_pending_score = false;
  int pending_score = 0;
  bool in_answers = false;
  bool last_was_text = false;         // the previous line went into a paragraph block
  std::string_view author_name;

  auto end_comment = [&] {
    cur_comment = -1;
    comment_has_text = false;
  };

  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.blank) {
      last_was_text = false;
      if (cur_comment >= 0) end_comment();
      continue;
    }
    std::string_view t = l.text;
    const re2::StringPiece ts = Piece(l.text);  // the whole line, as `t` may be narrowed below
    const bool head = i < body_start;

    // ---- Q&A chrome.
    if (qa) {
      if (static_cast<int>(i) == answers_header) {
        in_answers = true;
        have_pending_score = false;
        last_was_text = false;
        end_comment();
        continue;
      }
      std::string who, when;
      if (MayBePosted(l.text) && RE2::FullMatch(ts, re.posted, &who, &when)) {
        PubDate d;
        int target = cur_comment >= 0 ? cur_comment : cur_post;
        if (ParseDateValue(when, &d) && page->parts[target].date.empty()) page->parts[target].date = d.value;
        last_was_text = false;
        continue;
      }
      if (cur_comment >= 0 && l.indent == 0 && BulletLength(t) == 0) end_comment();
      size_t bullet = BulletLength(t);
      if (bullet > 0 && StartsComment(lines, i, bullet)) {
        // A new comment on the current post.
        ThreadPart c;
        c.role = Role::kComment;
        c.parent = cur_post;
        page->parts.push_back(c);
        cur_comment = static_cast<int>(page->parts.size()) - 1;
        comment_has_text = false;
        have_pending_score = false;
        last_was_text = false;
        t = TrimSpace(t.substr(bullet));
        if (IsBareNumber(t)) {
          page->parts[cur_comment].score = ToInt(t);
          page->parts[cur_comment].has_score = true;
          continue;
        }
        // fall through with the comment's text on the bullet line
      }
      if (cur_comment >= 0) {
        std::string_view name;
        std::string tt(t);
        std::string author, when2;
        if (AuthorLine(t, &name)) {
          page->parts[cur_comment].author = std::string(name);
          continue;
        }
        size_t cut = t.size();
        re2::StringPiece m[3];
        if (tt.find("ommented ") != std::string::npos &&
            re.commented.Match(tt, 0, tt.size(), RE2::UNANCHORED, m, 3)) {
          PubDate d;
          std::string w(m[2].data(), m[2].size());
          if (ParseDateValue(w, &d)) page->parts[cur_comment].date = d.value;
          if (m[1].size() > 0) page->parts[cur_comment].author = std::string(m[1].data(), m[1].size());
          cut = static_cast<size_t>(m[0].data() - tt.data());
        }
        std::string_view text = TrimSpace(t.substr(0, cut));
        if (text.empty()) continue;
        if (!comment_has_text) {
          out.Add(BlockKind::kParagraph, cur_comment, raw, text);
          comment_has_text = true;
        } else {
          out.Append(raw, text, "\n");
        }
        continue;
      }
      if (IsBareNumber(t)) {
        pending_score = ToInt(t);
        have_pending_score = true;
        last_was_text = false;
        continue;
      }
    }

    // ---- Header: title, byline, dateline.
    FoundDate fd;
    if (DateLine(t, &fd)) {
      stated_dates.push_back(fd.date);
      std::string_view shown = t.substr(fd.begin, fd.end - fd.begin);
      // "By Jane Doe | Jan 7, 2020": the byline part.
      std::string author;
      if (RE2::PartialMatch(ts, re.by, &author) && page->meta.author.empty()) page->meta.author = author;
      out.Add(BlockKind::kDateline, cur_post, raw, shown);
      last_was_text = false;
      continue;
    }
    // ---- Lines that are never content.
    if (!HasLetter(t) || IsBareNumber(t)) {
      last_was_text = false;
      continue;
    }
    if (!have_title && static_cast<int>(i) == title_pick) {
      std::string_view title = StripRubric(t);
      {
        have_title = true;
        title_line = static_cast<int>(i);
        page->meta.title = CollapseSpace(title);
        out.Add(BlockKind::kTitle, 0, raw, title);
        last_was_text = false;
        continue;
      }
    }
    if (head || (have_title && static_cast<int>(i) <= title_line + 3)) {
      std::string author;
      if (RE2::PartialMatch(ts, re.by, &author) && t.size() < 80 && !EndsSentence(t)) {
        if (page->meta.author.empty()) page->meta.author = author;
        out.Add(BlockKind::kByline, 0, raw, t);
        last_was_text = false;
        continue;
      }
      // A bare name next to the date line or just under the title.
      bool near_date = false;
      for (size_t k = i + 1; k < lines.size() && k <= i + 2; ++k) {
        FoundDate f2;
        if (!lines[k].blank && DateLine(lines[k].text, &f2)) near_date = true;
      }
      if (LooksLikeName(t) && (near_date || (have_title && static_cast<int>(i) <= title_line + 2)) &&
          page->meta.author.empty()) {
        page->meta.author = std::string(t);
        author_name = t;
        out.Add(BlockKind::kByline, 0, raw, t);
        last_was_text = false;
        continue;
      }
    }

    // ---- Boilerplate.
    if ((t.size() == l.text.size() ? boiler[i] : IsBoilerplateLine(t)) || LooksLikeGluedMenu(t) || LooksLikeLinkList(t) ||
        (head && (LooksLikeNavLine(t) || LooksLikeSiteLabel(t)))) {
      last_was_text = false;
      continue;
    }
    if (!author_name.empty() && t == author_name) { last_was_text = false; continue; }
    if (MayBeReputation(l.text) && RE2::FullMatch(ts, re.reputation)) { last_was_text = false; continue; }
    if (MayBeMinRead(l.text)) {
      std::string stripped(l.text);
      if (RE2::GlobalReplace(&stripped, re.min_read, "") > 0 && TrimSpace(stripped).size() < 3) {
        last_was_text = false;
        continue;
      }
    }
    // Footer: short non-sentence lines after the last body paragraph.
    if (!qa && i > body_end && body_end > 0 && CountWords(t, 10) < 10 && !EndsSentence(t)) {
      last_was_text = false;
      continue;
    }

    // ---- Content.
    if (qa && in_answers && have_pending_score) {
      ThreadPart a;
      a.role = Role::kAnswer;
      a.score = pending_score;
      a.has_score = true;
      page->parts.push_back(a);
      cur_post = static_cast<int>(page->parts.size()) - 1;
      have_pending_score = false;
      last_was_text = false;
    } else if (qa && !in_answers && have_pending_score && cur_post == 0 && !page->parts[0].has_score) {
      page->parts[0].score = pending_score;
      page->parts[0].has_score = true;
      have_pending_score = false;
    } else if (qa && in_answers && cur_post == 0) {
      // Answer text before any score: still an answer.
      ThreadPart a;
      a.role = Role::kAnswer;
      page->parts.push_back(a);
      cur_post = static_cast<int>(page->parts.size()) - 1;
    }
    size_t bullet = BulletLength(t);
    if (bullet > 0) {
      out.Add(BlockKind::kListItem, cur_post, raw, TrimSpace(t.substr(bullet)));
      last_was_text = false;
      continue;
    }
    BlockKind kind = BlockKind::kParagraph;
    if (LooksLikeCaption(t)) kind = BlockKind::kCaption;
    else if (((CountWords(t, 11) <= 10 && !EndsSentence(t)) || (!qa && CountWords(t, 9) <= 8 && t.back() == '?')) &&
             t.back() != ':' && t.back() != ',' && t.back() != ';' && t.size() < 120)
      kind = BlockKind::kHeading;
    // Wrapped paragraph: a line that continues the previous one.
    if (last_was_text && !page->blocks.empty() && page->blocks.back().kind == BlockKind::kParagraph &&
        page->blocks.back().part == cur_post && !EndsSentence(page->blocks.back().text) && kind != BlockKind::kCaption) {
      out.Append(raw, t, "\n");
      last_was_text = true;
      continue;
    }
    out.Add(kind, cur_post, raw, t);
    last_was_text = kind == BlockKind::kParagraph;
  }

  // A wire dateline's agency credit ("QASR AMIN, March 3 (CPA) - "): the outlet, spelled out
  // by a header line whose initials it is ("Continental Press Agency") when there is one.
  if (body_start < lines.size()) {
    std::string credit;
    if (DatelineCredit(lines[body_start].text, &credit)) {
      std::string name = credit;
      for (size_t i = 0; i < body_start; ++i)
        if (!lines[i].blank && InitialsMatch(lines[i].text, credit)) {
          name = CollapseSpace(lines[i].text);
          break;
        }
      page->outlet_hints.push_back(name);
    }
  }

  // Published date: the most precise of the header's date lines on the first stated day.
  if (!stated_dates.empty()) {
    PubDate best = stated_dates[0];
    for (const PubDate& d : stated_dates) {
      if (d.value.compare(0, 10, best.value, 0, 10) == 0 && d.precision > best.precision) best = d;
    }
    page->meta.published = best;
  }
  if (page->kind == DocKind::kUnknown) {
    bool blog = false;
    for (size_t i = 0; i < lines.size() && i < 40 && !blog; ++i)
      blog = !lines[i].blank && lines[i].text.size() < 120 && MayBeMinRead(lines[i].text) &&
             RE2::PartialMatch(Piece(lines[i].text), re.min_read);
    page->kind = blog ? DocKind::kBlog : DocKind::kNews;
  }
}

}  // namespace dossier
