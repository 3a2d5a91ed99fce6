// The Document: one input page, its clean text, its structure and its annotation layers.
//
// Every stage of the per-document pipeline reads a Document and adds one layer. All spans
// are half-open byte ranges into Document::text (UTF-8). Nothing re-parses text that another
// stage already parsed: later stages use the sentence, token, entity and timex layers.
//
// Ownership is simple: a Document owns all its strings; layers refer to each other by index
// into the owning vector (e.g. EventMention::attribution indexes Document::attributions).
#ifndef DOSSIER_CORE_DOCUMENT_H_
#define DOSSIER_CORE_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

// Half-open byte range [start, end) into Document::text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end > start ? end - start : 0; }
  bool empty() const { return end <= start; }
  bool Contains(Span o) const { return start <= o.start && o.end <= end; }
  bool Overlaps(Span o) const { return start < o.end && o.start < end; }
  bool operator==(const Span&) const = default;
};

// ---------------------------------------------------------------- structure

enum class SourceFormat { kText, kHtml, kJsonl };

// What kind of page the document is; later stages weigh claims by it.
enum class DocKind { kNews, kBlog, kQA, kUnknown };

// Who speaks in a block: the article (author), or a part of a Q&A thread.
enum class Role { kArticle, kQuestion, kAnswer, kComment };

// Structural kind of a block of clean text.
enum class BlockKind {
  kTitle, kByline, kDateline, kHeading, kParagraph, kListItem, kBlockQuote, kCaption
};

// One contribution of a Q&A thread (the question, an answer, a comment) or the article.
struct ThreadPart {
  Role role = Role::kArticle;
  int score = 0;          // votes, when the page shows them
  bool has_score = false;
  std::string author;     // comment or answer author when stated
  std::string date;       // ISO date/time of the contribution when stated
  int parent = -1;        // for comments: index of the part they comment on
};

// A block of clean text: a paragraph, list item, quote, title... Blocks tile the clean text
// in order, separated by "\n\n" (list items and lines of one block by "\n").
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int part = 0;           // index into Document::parts
  Span span;
};

// Piecewise map from clean text back to the original bytes: clean [clean, clean+length)
// came from raw [raw, raw+length). Pieces are sorted by `clean`. For HTML the raw offset is
// the start of the text node's source when known.
struct OriginPiece {
  uint32_t clean = 0;
  uint32_t raw = 0;
  uint32_t length = 0;
};

// ---------------------------------------------------------------- metadata

enum class DatePrecision { kNone, kYear, kMonth, kDay, kMinute, kSecond };

// Publication date (the document creation time, DCT).
struct PubDate {
  std::string value;        // ISO 8601 cut to precision: "2020-01-07", "2020-01-07T00:43"
  DatePrecision precision = DatePrecision::kNone;
  std::string tz;           // as written ("IST") or numeric ("+05:30"); empty when unknown
  bool inferred = false;    // true when read from content rather than stated as the date
  std::string earliest;     // when inferred: the range of plausible days, ISO dates
  std::string latest;
  std::string evidence;     // the text the date was read from
  bool known() const { return !value.empty(); }
};

struct Metadata {
  std::string title;
  std::string outlet;
  std::string author;
  std::string url;
  PubDate published;
};

// ---------------------------------------------------------------- layers

struct Sentence {
  Span span;
  int block = -1;           // index into Document::blocks
};

enum TokenFlag : uint16_t {
  kTokWord = 1 << 0,        // letters (may contain ' - . inside: "al-Muhandis", "U.S.")
  kTokNumber = 1 << 1,      // starts with a digit
  kTokPunct = 1 << 2,
  kTokCapitalized = 1 << 3, // first letter upper case
  kTokAllCaps = 1 << 4,     // every letter upper case, at least two letters
  kTokSentenceStart = 1 << 5,
};

struct Token {
  Span span;
  uint16_t flags = 0;
  int sentence = -1;
};

enum class EntityType { kPerson, kOrg, kGpe, kLoc, kFac, kNorp };

// A name in the text. Titles/roles describing the same person ("Gen.", "Prime Minister",
// "deputy commander of the Popular Mobilization Forces") are kept as attributes.
struct EntityMention {
  Span span;
  EntityType type = EntityType::kPerson;
  std::vector<std::string> titles;   // titles and roles, as written
  int alias_of = -1;                 // index of a mention this one names too (apposition, aka)
  std::string rule;                  // what found it ("gazetteer:country", "title+name", ...)
  int entity = -1;                   // corpus entity index after resolution (-1 before)
};

enum class TimexType { kDate, kTime, kDuration, kSet };

// A temporal expression normalized to a TIMEX3 value.
struct Timex {
  Span span;
  TimexType type = TimexType::kDate;
  std::string value;        // "2020-01-03", "2019-W52", "P3D", "PRESENT_REF", "XXXX-10"
  std::string mod;          // TIMEX3 mod: MID, START, END, APPROX, BEFORE, AFTER, ...
  std::string anchor;       // "dct" or the value of the narrative date it was resolved from
  std::string rule;         // which pattern produced it
};

// Whom the document attributes a claim to.
enum class Sourcing {
  kAuthor,      // the author's own statement, no source given
  kNamed,       // a named person or organisation ("Abdul Mahdi said")
  kOutlet,      // another news outlet ("Reuters reported")
  kAnonymous,   // "officials speaking on condition of anonymity", "sources said"
  kOpinion,     // the author's opinion: evaluative language, no source
  kAnswer,      // a Q&A answer
  kComment,     // a reader comment
  kQuestion,    // the question of a Q&A thread
};

// One link of an attribution chain: "an answer" -> "Reuters" -> "militia commanders".
struct SourceLink {
  std::string source;       // as written
  Span span;                // where in the text (empty for implicit: the author, the answer)
  Sourcing sourcing = Sourcing::kAuthor;
};

struct Attribution {
  Span span;                // the claim (a sentence or clause)
  int sentence = -1;
  std::string source;       // the innermost source, as written ("two militia commanders")
  Span source_span;
  Sourcing sourcing = Sourcing::kAuthor;
  bool hedged = false;      // "likely", "reportedly", "appears to"
  std::vector<SourceLink> chain;  // outermost first
  std::string cue;          // the reporting verb or phrase ("said", "according to", "told")
};

enum class Modality { kAsserted, kHedged, kDenied, kThreatened, kPlanned, kHypothetical, kNegated };

// An argument of an event mention: a stretch of text, linked to an entity mention when any.
struct EventArg {
  std::string text;
  Span span;
  int mention = -1;         // index into Document::entities
};

// A number of people reported for an event slot ("killed", "injured", "missing", "arrested").
struct Count {
  std::string slot;
  int64_t value = 0;
  int64_t high = 0;         // upper bound for ranges ("dozens"); equals value otherwise
  std::string qualifier;    // "", "at_least", "more_than", "at_most", "about", "range"
  Span span;                // the evidence phrase
};

struct EventMention {
  Span span;                // the clause or sentence that reports it
  int sentence = -1;
  Span trigger;
  std::string cameo;        // "186", "1952", ...
  std::string plover;       // "ASSAULT", "FIGHT", ...
  std::string mode;         // PLOVER mode: "drone", "targeted", "aerial", ...
  std::vector<EventArg> source;
  std::vector<EventArg> target;
  EventArg place;
  EventArg instrument;
  int timex = -1;           // index into Document::timexes
  std::string date;         // ISO date the event is dated to (from the timex or the anchor)
  std::vector<Count> counts;
  Modality modality = Modality::kAsserted;
  int attribution = -1;     // index into Document::attributions
};

// ---------------------------------------------------------------- the document

struct Document {
  std::string id;           // stable: hex of the content hash
  std::string path;         // as given on the command line ("-" for stdin; "file#line" for JSONL)
  std::string raw;          // original bytes, decoded to UTF-8
  SourceFormat format = SourceFormat::kText;
  DocKind kind = DocKind::kUnknown;
  std::string charset;      // detected source encoding

  std::string text;         // clean text
  Metadata meta;
  std::vector<ThreadPart> parts{ThreadPart{}};
  std::vector<Block> blocks;
  std::vector<OriginPiece> origin;

  // Annotation layers, each added by one stage.
  std::vector<Sentence> sentences;       // text/
  std::vector<Token> tokens;             // text/
  std::vector<Span> quotes;              // text/: quotation spans, marks included
  std::vector<EntityMention> entities;   // entities/
  std::vector<Timex> timexes;            // time/
  std::vector<Attribution> attributions; // attribution/
  std::vector<EventMention> events;      // events/

  std::string_view Text(Span s) const {
    if (s.end > text.size() || s.start > s.end) return {};
    return std::string_view(text).substr(s.start, s.size());
  }
  // Role of the thread part that contains byte `offset` (kArticle for plain articles).
  Role RoleAt(uint32_t offset) const;
  // Index of the sentence containing byte `offset`, or -1.
  int SentenceAt(uint32_t offset) const;
  // Offset in `raw` that clean-text `offset` came from, or -1 when unknown.
  int64_t RawOffset(uint32_t offset) const;
};

const char* ToString(EntityType t);
const char* ToString(TimexType t);
const char* ToString(Sourcing s);
const char* ToString(Modality m);
const char* ToString(Role r);
const char* ToString(BlockKind k);
const char* ToString(DocKind k);
const char* ToString(DatePrecision p);

// The inverses of ToString for the names stored and exchanged as text; an unknown name gives
// the default (PERSON, author, article).
EntityType EntityTypeFromString(std::string_view s);
Sourcing SourcingFromString(std::string_view s);
Role RoleFromString(std::string_view s);

}  // namespace dossier

#endif  // DOSSIER_CORE_DOCUMENT_H_
