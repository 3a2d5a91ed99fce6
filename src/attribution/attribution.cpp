// The attribution stage. One attribution per sentence:
//   - a reporting cue gives the source: "X said", "..., X said", "said X", "according to X",
//     "X told Reuters" (Reuters is the channel, X the source), "X said in a statement";
//   - the source is classified: outlet (wire agencies, newspapers, "Iraqi TV"), anonymous
//     ("officials", "two militia commanders", "sources", "speaking on condition of
//     anonymity"), or named; "he said" takes the source of the sentence it continues;
//   - a sentence with no cue inside a quotation that started earlier continues the quote's
//     source; otherwise it is the author's (or, with evaluative language, the author's
//     opinion); in a Q&A thread the answer, question or comment is the outermost link;
//     a block quote in an answer keeps the outlet the answer named before it.
#include "attribution/attribution.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "events/clause.h"
#include "events/lexicon.h"

namespace dossier {

// Words are compared with literals as views: the length first (std::string == const char*
// compares the bytes first, through strlen and memcmp calls).
using namespace std::string_view_literals;

namespace {

using events::Phrase;
using events::Word;
using events::Words;

bool IsCap(const Word& w) { return (w.flags & kTokCapitalized) != 0; }
bool IsPunct(const Word& w) { return (w.flags & kTokPunct) != 0; }

bool IsPronoun(std::string_view x) {
  return x == "he" || x == "she" || x == "they" || x == "it" || x == "we" || x == "i";
}

// Is the phrase an outlet ("Reuters", "the Associated Press", "Iraqi TV", "Fars news agency")?
bool IsOutlet(const Document& doc, Words w, Phrase p) {
  for (size_t i = p.begin; i < p.end; ++i) {
    size_t len = 0;
    if (events::CueAt(w, i, events::Categories().outlet, &len) && i + len <= p.end) {
      // "Time", "Dawn", "Post" need a capital letter to be the outlet.
      if (IsCap(w[i]) || (w[i].flags & kTokAllCaps) || w[i].lower == "state"sv || w[i].lower == "local"sv ||
          w[i].lower == "media"sv || w[i].lower == "the"sv)
        return true;
    }
  }
  bool cap = false;
  for (size_t i = p.begin; i < p.end; ++i) cap = cap || IsCap(w[i]) || (w[i].flags & kTokAllCaps);
  if (!cap) return false;
  // Ends with an outlet word: "Iraqi TV", "a Lisbon newspaper", "Fars news agency".
  size_t last = p.end - 1;
  size_t len = 0;
  for (size_t i = p.begin; i < p.end; ++i)
    if (events::CueAt(w, i, events::Categories().outlet_word, &len) && i + len == p.end) return true;
  (void)last;
  (void)doc;
  return false;
}

bool IsAnonymous(const Document& doc, Words w, Phrase p, bool anon_cue_in_sentence,
                 const std::vector<int>& ents) {
  for (int e : events::EntitiesIn(doc, events::SpanOf(w, p), ents))
    if (doc.entities[e].type == EntityType::kPerson) return false;
  bool head = false;
  size_t head_at = p.end;
  for (size_t i = p.begin; i < p.end; ++i) {
    if (events::IsCueWord(w[i], events::Categories().anon_head) && !IsCap(w[i])) {
      head = true;
      head_at = i;
      break;  // the first head: "officials with the group", "sources briefed on"
    }
    if (w[i].lower == "unnamed"sv || w[i].lower == "anonymous"sv) return true;
  }
  if (!head) return false;
  // A capitalized name right after the head makes it named: "spokesman John Smith".
  if (head_at + 1 < p.end && IsCap(w[head_at + 1]) && !(w[head_at + 1].cls & events::kPrep)) return false;
  (void)anon_cue_in_sentence;
  return true;
}

struct Found {
  bool ok = false;
  Phrase source;
  Phrase channel;        // outlet the source spoke to ("told Reuters")
  std::string cue;
  size_t cue_word = 0;
};

// Trims a source phrase at a relative clause or participle ("officials, who spoke...").
Phrase CutSource(Words w, Phrase p) {
  for (size_t i = p.begin; i < p.end; ++i) {
    if (w[i].lower == ","sv || (w[i].cls & events::kRel)) {
      if (i > p.begin) p.end = i;
      break;
    }
  }
  return events::Trim(w, p);
}

// The source phrase after "according to" / "said": up to a comma or the end.
Phrase PhraseAfter(Words w, size_t pos) {
  size_t e = pos;
  while (e < w.size() && !(w[e].cls & (events::kStop | events::kQuote)) && w[e].lower != ","sv && e - pos < 14) ++e;
  Phrase p{pos, e};
  // Stop at a following verb: "five sources with knowledge of the meeting said".
  return events::Trim(w, p);
}

bool InQuote(const Document& doc, Span s) {
  for (Span q : doc.quotes)
    if (q.Contains(s)) return true;
  return false;
}

Found FindVerbCue(const Document& doc, Words w);

Found FindCue(const Document& doc, Words w) {
  Found f;
  // "according to X"
  for (size_t k = 0; k < w.size(); ++k) {
    size_t len = 0;
    if (events::CueAt(w, k, events::Categories().according, &len)) {
      if (InQuote(doc, w[k].span)) continue;
      Phrase p = PhraseAfter(w, k + len);
      if (p.empty()) continue;
      f.ok = true;
      f.source = p;
      f.cue = std::string(doc.Text(Span{w[k].span.start, w[k + len - 1].span.end}));
      f.cue_word = k;
      // "The IRGC confirmed ..., according to Fars": Fars is the channel, the IRGC speaks.
      Found inner = FindVerbCue(doc, w);
      bool pronoun = inner.ok && inner.source.end - inner.source.begin == 1 &&
                     (w[inner.source.begin].cls & events::kPron);
      if (inner.ok && inner.cue_word < k && !pronoun && w[inner.cue_word].lemma != "tell"sv) {
        inner.channel = p;
        inner.cue = f.cue + "; " + inner.cue;
        return inner;
      }
      return f;
    }
  }
  return FindVerbCue(doc, w);
}

// Reporting verbs outside quotations.
Found FindVerbCue(const Document& doc, Words w) {
  Found f;
  for (size_t k = 0; k < w.size(); ++k) {
    const Word& x = w[k];
    if (IsPunct(x) || !events::IsCueWord(x, events::Categories().report)) continue;
    if (IsCap(x) && !(x.flags & kTokSentenceStart)) continue;
    if (InQuote(doc, x.span)) continue;
    // A verb form, not a noun ("the report", "a statement").
    if (k > 0 && ((w[k - 1].cls & events::kDet) || w[k - 1].possessive)) continue;
    bool verb_form = x.lower != x.lemma || x.lower == "say"sv || x.lower == "tell"sv || x.lower == "report"sv;
    if (!verb_form) continue;
    if (x.ing && !(k > 0 && w[k - 1].lower == ","sv)) continue;  // "saying" only as ", saying"
    size_t g = events::VerbGroupStart(w, k);
    // "was reported", "were told": passive reporting is not a source.
    if (events::IsPassive(w, k) && x.lower != "said"sv) continue;
    // "a drone attack claimed by", "sources briefed on the meeting"
    if (k + 1 < w.size() && (w[k + 1].lower == "by"sv || w[k + 1].lower == "on"sv)) continue;
    Phrase subj = events::SubjectBefore(w, g, true);
    bool inverted = false;
    if (subj.empty() || (g > 0 && (w[g - 1].cls & events::kQuote))) {
      // ", said the militia sources", "” said X"
      if (g > 0 && ((w[g - 1].cls & events::kQuote) || w[g - 1].lower == ","sv)) {
        Phrase after = events::ObjectAfter(w, k + 1, w.size());
        if (!after.empty() && !(w[after.begin].cls & events::kPron && !IsPronoun(w[after.begin].lower))) {
          subj = after;
          inverted = true;
        }
      }
    }
    subj = CutSource(w, subj);
    if (subj.empty()) continue;
    // A lone "it" or "this" is rarely a source.
    if (subj.end - subj.begin == 1 && (w[subj.begin].lower == "this"sv || w[subj.begin].lower == "that"sv)) continue;
    f.ok = true;
    f.source = subj;
    f.cue_word = k;
    f.cue = std::string(doc.Text(x.span));
    size_t after = inverted ? subj.end : k + 1;
    // "told Reuters", "confirmed to the Associated Press", "said in a statement"
    size_t j = after;
    if (j < w.size() && w[j].lower == "to"sv) ++j;
    Phrase obj = events::ObjectAfter(w, j, w.size());
    obj = events::Trim(w, obj);
    if (!obj.empty() && IsOutlet(doc, w, obj)) f.channel = obj;
    for (size_t q = k + 1; q + 2 < w.size() && q < k + 5; ++q) {
      if (w[q].lower == "in"sv && (w[q + 1].lower == "a"sv || w[q + 1].lower == "an"sv) &&
          events::IsCueWord(w[q + 2], events::Categories().report_noun)) {
        f.cue = std::string(doc.Text(Span{x.span.start, w[q + 2].span.end}));
        break;
      }
    }
    return f;
  }
  return f;
}

// `ents`: the mentions of the sentence of `w` (events::EntitiesBySentence).
Sourcing Classify(const Document& doc, Words w, Phrase p, bool anon_cue,
                  const std::vector<int>& ents) {
  if (IsOutlet(doc, w, p)) return Sourcing::kOutlet;
  if (IsAnonymous(doc, w, p, anon_cue, ents)) return Sourcing::kAnonymous;
  if (anon_cue) {
    bool cap = false;
    for (size_t i = p.begin; i < p.end; ++i)
      if (IsCap(w[i]) && !(w[i].flags & kTokSentenceStart)) cap = true;
    for (int e : events::EntitiesIn(doc, events::SpanOf(w, p), ents))
      if (doc.entities[e].type == EntityType::kPerson) cap = true;
    if (!cap) return Sourcing::kAnonymous;
  }
  return Sourcing::kNamed;
}

bool HasCue(Words w, uint64_t category) {
  for (size_t k = 0; k < w.size(); ++k) {
    size_t len = 0;
    if (events::CueAt(w, k, category, &len)) return true;
  }
  return false;
}

int PartOf(const Document& doc, int sentence) {
  int b = doc.sentences[sentence].block;
  if (b < 0 || b >= static_cast<int>(doc.blocks.size())) return 0;
  return doc.blocks[b].part;
}

}  // namespace

void Attribute(Document* doc) {
  doc->attributions.clear();
  doc->attributions.reserve(doc->sentences.size());
  const std::vector<std::vector<int>> ents_of_sentence = events::EntitiesBySentence(*doc);
  const std::vector<Words>& words = events::DocumentWords(*doc);
  const events::CueCategories& cat = events::Categories();
  // For each sentence, the first block (in block order) containing its start offset.
  std::vector<int> first_block(doc->sentences.size(), -1);
  for (size_t bi = 0; bi < doc->blocks.size(); ++bi) {
    const Span& bs = doc->blocks[bi].span;
    auto it = std::lower_bound(doc->sentences.begin(), doc->sentences.end(), bs.start,
                               [](const Sentence& x, uint32_t off) { return x.span.start < off; });
    for (; it != doc->sentences.end() && it->span.start < bs.end; ++it) {
      int& fb = first_block[static_cast<size_t>(it - doc->sentences.begin())];
      if (fb < 0) fb = static_cast<int>(bi);
    }
  }
  for (size_t si = 0; si < doc->sentences.size(); ++si) {
    const Sentence& s = doc->sentences[si];
    Words w = words[si];
    Attribution a;
    a.span = s.span;
    a.sentence = static_cast<int>(si);
    // doc->RoleAt(s.span.start) and RoleLink, from the first block containing the offset.
    Role role = Role::kArticle;
    int fb = first_block[si];
    if (fb >= 0) {
      const Block& b = doc->blocks[fb];
      if (b.part >= 0 && b.part < static_cast<int>(doc->parts.size())) role = doc->parts[b.part].role;
    }
    if (role != Role::kArticle) {
      SourceLink l;
      l.sourcing = role == Role::kAnswer ? Sourcing::kAnswer
                   : role == Role::kComment ? Sourcing::kComment
                                            : Sourcing::kQuestion;
      l.source = doc->parts[doc->blocks[fb].part].author;
      if (l.source.empty()) l.source = ToString(role);
      a.chain.push_back(l);
    }
    // A block quote inside an answer: the outlet the answer named before it.
    int block = s.block;
    if (role == Role::kAnswer && block >= 0 && block < static_cast<int>(doc->blocks.size()) &&
        doc->blocks[block].kind == BlockKind::kBlockQuote) {
      for (size_t k = doc->attributions.size(); k > 0; --k) {
        const Attribution& prev = doc->attributions[k - 1];
        if (PartOf(*doc, prev.sentence) != PartOf(*doc, static_cast<int>(si))) break;
        int pb = doc->sentences[prev.sentence].block;
        bool prev_quote = pb >= 0 && doc->blocks[pb].kind == BlockKind::kBlockQuote;
        const SourceLink* outlet = nullptr;
        for (const SourceLink& l : prev.chain)
          if (l.sourcing == Sourcing::kOutlet) outlet = &l;
        if (outlet != nullptr && !prev_quote) {
          a.chain.push_back(*outlet);
          break;
        }
        if (!prev_quote) {
          // "According to this BBC article" style mentions without a reporting verb.
          Words pw = words[prev.sentence];
          bool found = false;
          for (size_t i = 0; i < pw.size() && !found; ++i) {
            size_t len = 0;
            if (events::CueAt(pw, i, cat.outlet, &len) && (IsCap(pw[i]) || (pw[i].flags & kTokAllCaps))) {
              SourceLink l;
              l.span = Span{pw[i].span.start, pw[i + len - 1].span.end};
              l.source = std::string(doc->Text(l.span));
              l.sourcing = Sourcing::kOutlet;
              a.chain.push_back(l);
              found = true;
            }
          }
          if (found) break;
        }
      }
    }
    bool anon_cue = HasCue(w, cat.anon_cue);
    a.hedged = HasCue(w, cat.hedge);
    Found f = FindCue(*doc, w);
    if (f.ok) {
      a.cue = f.cue;
      if (!f.channel.empty()) {
        SourceLink l;
        l.span = events::SpanOf(w, f.channel);
        l.source = std::string(doc->Text(l.span));
        l.sourcing = Sourcing::kOutlet;
        bool known = false;
        for (const SourceLink& c : a.chain) known = known || (c.sourcing == Sourcing::kOutlet && c.source == l.source);
        if (!known) a.chain.push_back(l);
      }
      SourceLink src;
      src.span = events::SpanOf(w, f.source);
      src.source = std::string(doc->Text(src.span));
      src.sourcing = Classify(*doc, w, f.source, anon_cue, ents_of_sentence[si]);
      if (src.sourcing == Sourcing::kOutlet) {
        // "New Yorker reporter Dexter Filkins": the outlet is the channel, the person speaks.
        for (int e : events::EntitiesIn(*doc, src.span, ents_of_sentence[si])) {
          const EntityMention& m = doc->entities[e];
          if (m.type != EntityType::kPerson || m.span.start <= src.span.start) continue;
          SourceLink outlet;
          outlet.span = Span{src.span.start, m.span.start};
          while (outlet.span.end > outlet.span.start && doc->text[outlet.span.end - 1] == ' ') --outlet.span.end;
          outlet.source = std::string(doc->Text(outlet.span));
          outlet.sourcing = Sourcing::kOutlet;
          a.chain.push_back(outlet);
          src.span = m.span;
          src.source = std::string(doc->Text(m.span));
          src.sourcing = Sourcing::kNamed;
          break;
        }
      }
      // "he said": the source of the sentence this one continues, or the last person named.
      if (f.source.end - f.source.begin == 1 && IsPronoun(w[f.source.begin].lower)) {
        bool resolved = false;
        std::string_view pron = w[f.source.begin].lower;
        if (pron == "he" || pron == "she") {
          for (size_t e = doc->entities.size(); e > 0; --e) {
            const EntityMention& m = doc->entities[e - 1];
            if (m.type == EntityType::kPerson && m.span.end <= w[f.source.begin].span.start &&
                (si < 2 || m.span.start >= doc->sentences[si - 2].span.start)) {
              src.span = m.span;
              src.source = std::string(doc->Text(m.span));
              src.sourcing = Sourcing::kNamed;
              resolved = true;
              break;
            }
          }
        }
        for (size_t k = doc->attributions.size(); !resolved && k > 0 && doc->attributions.size() - k < 4; --k) {
          const Attribution& prev = doc->attributions[k - 1];
          bool it = pron == "it";
          if ((!it && (prev.sourcing == Sourcing::kNamed || prev.sourcing == Sourcing::kAnonymous)) ||
              (it && (prev.sourcing == Sourcing::kOutlet || prev.sourcing == Sourcing::kNamed))) {
            src.source = prev.source;
            src.span = prev.source_span;
            src.sourcing = prev.sourcing;
            // Keep the outlet that carried the earlier statement.
            for (const SourceLink& l : prev.chain)
              if (l.sourcing == Sourcing::kOutlet && l.source != src.source) {
                bool known = false;
                for (const SourceLink& c : a.chain) known = known || c.source == l.source;
                if (!known) a.chain.push_back(l);
              }
            resolved = true;
            break;
          }
        }
        if (!resolved) {
          for (size_t e = doc->entities.size(); e > 0; --e) {
            const EntityMention& m = doc->entities[e - 1];
            if (m.type == EntityType::kPerson && m.span.end <= w[f.source.begin].span.start &&
                (si < 3 || m.span.start >= doc->sentences[si - 3].span.start)) {
              src.span = m.span;
              src.source = std::string(doc->Text(m.span));
              resolved = true;
              break;
            }
          }
        }
      }
      // The outlet is the channel when it is also the source ("Reuters reported").
      if (!(src.sourcing == Sourcing::kOutlet && !a.chain.empty() && a.chain.back().sourcing == Sourcing::kOutlet &&
            a.chain.back().source == src.source))
        a.chain.push_back(src);
      a.source = src.source;
      a.source_span = src.span;
      a.sourcing = src.sourcing;
    } else {
      // A quotation that began in an earlier sentence continues that sentence's source.
      bool continued = false;
      for (Span q : doc->quotes) {
        if (q.start < s.span.start && q.end > s.span.start && !doc->attributions.empty()) {
          const Attribution& prev = doc->attributions.back();
          if (!prev.chain.empty() && prev.sourcing != Sourcing::kAuthor) {
            a.chain = prev.chain;
            a.source = prev.source;
            a.source_span = prev.source_span;
            a.sourcing = prev.sourcing;
            a.cue = "quote continued";
            continued = true;
          }
          break;
        }
      }
      if (!continued) {
        if (!a.chain.empty()) {
          a.sourcing = a.chain.back().sourcing;
          a.source = a.chain.back().source;
          a.source_span = a.chain.back().span;
        } else {
          a.sourcing = HasCue(w, cat.evaluative) ? Sourcing::kOpinion : Sourcing::kAuthor;
          a.source = doc->meta.author;
        }
      }
    }
    doc->attributions.push_back(std::move(a));
  }
}

}  // namespace dossier
