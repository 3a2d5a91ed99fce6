// The clean stage: from a page's raw bytes to clean text with structure and metadata.
//
// Removes boilerplate (consent banners, navigation, "Advertisement", share bars, "Next
// Article", "Read more on ...", related-link lines, sign-up prompts, vote counts, footers)
// from HTML and from text already extracted from web pages, keeps every sentence of the
// article, its quotes and lists, and marks Q&A question, answers and comments by role.
#ifndef DOSSIER_CLEAN_CLEAN_H_
#define DOSSIER_CLEAN_CLEAN_H_

#include "core/document.h"
#include "core/status.h"

namespace dossier {

// Reads doc->raw (UTF-8) according to doc->format and fills doc->text, blocks, parts,
// origin and kind, and doc->meta (title, outlet, author, url, published) for the fields
// that are still empty: metadata given by the caller (JSON Lines fields, --dct) wins.
// Never fails on odd input; returns an error only when nothing readable is left
// (for example a binary file), with a message naming the problem (not the file: the
// caller adds the path).
Status CleanDocument(Document* doc);

// For --raw: the text is the input itself, one paragraph block, identity origin map.
void UseRawText(Document* doc);

}  // namespace dossier

#endif  // DOSSIER_CLEAN_CLEAN_H_
