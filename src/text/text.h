// The text stage: sentences, tokens and quotation spans over the clean text.
//
// Sentences come from ICU's sentence break iterator, corrected for the abbreviations news
// uses (Gen., Maj., Lt., U.S., Jan., St., No.), never crossing a block boundary (titles, list
// items and headlines are units of their own), and kept whole inside quotations that span
// several sentences when the quote is short.
#ifndef DOSSIER_TEXT_TEXT_H_
#define DOSSIER_TEXT_TEXT_H_

#include "core/document.h"

namespace dossier {

// Fills doc->sentences, doc->tokens and doc->quotes from doc->text and doc->blocks.
void AnalyzeText(Document* doc);

}  // namespace dossier

#endif  // DOSSIER_TEXT_TEXT_H_
