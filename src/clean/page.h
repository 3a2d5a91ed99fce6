// What the format-specific cleaners (text dumps, HTML) hand to CleanDocument: the page's
// blocks of clean text with their raw offsets, its thread parts, and the metadata the page
// states. CleanDocument then lays the blocks out as Document::text, merges the metadata
// with what the caller gave, and infers a date range when no date is stated.
#ifndef DOSSIER_CLEAN_PAGE_H_
#define DOSSIER_CLEAN_PAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace dossier {

// One block of clean text. `origin` maps block-relative offsets to raw offsets (the
// `clean` member of each piece is relative to the start of `text`).
struct PageBlock {
  BlockKind kind = BlockKind::kParagraph;
  int part = 0;
  std::string text;
  std::vector<OriginPiece> origin;
};

struct Page {
  DocKind kind = DocKind::kUnknown;
  std::vector<ThreadPart> parts{ThreadPart{}};
  std::vector<PageBlock> blocks;
  Metadata meta;                  // as stated by the page; empty fields are unknown
  std::vector<std::string> outlet_hints;  // outlet names seen in boilerplate, best first
};

// Text already extracted from a web page (a "text dump"): line-level boilerplate removal,
// Q&A thread structure, metadata read from the header and from boilerplate lines.
void CleanTextDump(std::string_view raw, Page* page);

// HTML: metadata from <head>, JSON-LD and <time>; main content by readability-style
// scoring of containers; blocks from headings, paragraphs, lists, quotes and captions.
void CleanHtml(std::string_view raw, Page* page);

// True when a whole line is user-interface boilerplate by the data/boilerplate.tsv lexicon
// ("Advertisement", "Next Article", "Read more on: ...", cookie banners, sign-up prompts).
bool IsBoilerplateLine(std::string_view line);

// An outlet name read from a boilerplate line ("Cookies on the X website", "Visit X's
// homepage", "© 2020 X. All rights reserved"), or "" (data/clean_outlet_patterns.tsv).
std::string OutletFromLine(std::string_view line);

// Removes a leading rubric label from a headline ("WATCH | ", "LIVE: ", "VIDEO - ").
std::string_view StripRubric(std::string_view title);

// Trims ASCII and Unicode white space (NBSP, thin spaces, zero-width) from both ends.
std::string_view TrimSpace(std::string_view s);

// Collapses runs of white space (including NBSP) to one ASCII space, trimming the ends.
std::string CollapseSpace(std::string_view s);

// The site name for a URL's host: "https://www.example.co.uk/x" -> "example.co.uk".
std::string HostOf(std::string_view url);

// Infers a publication date range from the content of an undated page: Q&A contribution
// dates (the question came before the earliest of them), the latest explicit date and
// weekday phrases near it, or the latest year mentioned. Sets inferred = true.
bool InferPublished(const Page& page, PubDate* out);

}  // namespace dossier

#endif  // DOSSIER_CLEAN_PAGE_H_
