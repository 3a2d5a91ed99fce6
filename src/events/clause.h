// A light clause analysis over the words of one sentence: noun phrases to the left and
// right of a verb, passive voice ("was killed by"), reduced relatives ("Soleimani, killed in
// an airstrike"), appositions and relative pronouns, and the linking of a phrase to the
// entity mentions it contains. No tagger: closed-class words, verb morphology and the
// lexicons decide.
#ifndef DOSSIER_EVENTS_CLAUSE_H_
#define DOSSIER_EVENTS_CLAUSE_H_

#include <vector>

#include "core/document.h"
#include "events/lexicon.h"

namespace dossier {
namespace events {

// A half-open range of word indexes.
struct Phrase {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return end <= begin; }
};

// True when a word looks like a finite or participial verb form that ends a noun phrase
// ("said", "killed", "was", "will").
bool LooksLikeVerb(Words w, size_t i);

// Start of the verb group whose main verb is at `v` (auxiliaries, modals, adverbs and
// negation before it: "had not yet been"); returns `v` when there is none.
size_t VerbGroupStart(Words w, size_t v);

// True when the verb at `v` is passive: a past participle after a form of "be"/"get" in
// its verb group.
bool IsPassive(Words w, size_t v);

// The noun phrase that ends just before word `pos` (the subject of a verb starting at
// `pos`), skipping an apposition between commas and resolving a relative pronoun to its
// antecedent.
// With `long_phrase`, prepositional modifiers stay inside ("two militia leaders loyal to
// Iran", "sources with knowledge of the meeting"), as speakers are often described.
Phrase SubjectBefore(Words w, size_t pos, bool long_phrase = false);

// The noun phrase starting at or after `pos` (skipping determiners), with coordinated
// names ("Soleimani and al-Muhandis") and "of" complements.
Phrase ObjectAfter(Words w, size_t pos, size_t limit);

// The byte span of a phrase.
Span SpanOf(Words w, Phrase p);

// Drops leading determiners and trailing punctuation from a phrase.
Phrase Trim(Words w, Phrase p);

// Entity mentions of `doc` lying inside `span`, in text order (indexes into doc.entities).
std::vector<int> EntitiesIn(const Document& doc, Span span);

// The same, looking only at the mentions `among` (ascending indexes): equal to the above when
// `among` holds every mention overlapping or inside a sentence containing `span`.
std::vector<int> EntitiesIn(const Document& doc, Span span, const std::vector<int>& among);

// For each sentence of `doc`, the indexes (ascending) of the entity mentions overlapping it
// or inside it; one pass over the mentions.
std::vector<std::vector<int>> EntitiesBySentence(const Document& doc);

// The entity mention index covering `span` (the smallest that contains it), or -1.
int EntityCovering(const Document& doc, Span span);

}  // namespace events
}  // namespace dossier

#endif  // DOSSIER_EVENTS_CLAUSE_H_
