// The clean stage: runs the format's cleaner, drops repeated blocks, lays the blocks out
// as Document::text with the origin map, and merges the page's metadata with the caller's.
#include "clean/clean.h"

#include <string>
#include <unordered_set>

#include "clean/dates.h"
#include "clean/page.h"

namespace dossier {
namespace {

// Removes blocks that repeat an earlier block word for word: in text dumps a block equal to
// one of the two before it (an image caption shown twice), in HTML a repeated caption.
// Short blocks ("Edit:", a name) may repeat.
void DropRepeatedBlocks(bool html, Page* page) {
  std::unordered_set<std::string> captions;  // HTML captions seen, spaces collapsed
  std::vector<PageBlock> kept;
  kept.reserve(page->blocks.size());
  for (PageBlock& b : page->blocks) {
    bool repeat = false;
    if (html) {
      if (b.kind == BlockKind::kCaption) {
        std::string key = CollapseSpace(b.text);
        repeat = key.size() >= 30 && !captions.insert(std::move(key)).second;
      }
    } else if (b.text.size() >= 30) {
      for (size_t k = kept.size(); k > 0 && k + 2 > kept.size(); --k)
        if (kept[k - 1].text == b.text) repeat = true;
    }
    if (repeat) continue;
    kept.push_back(std::move(b));
  }
  page->blocks = std::move(kept);
}

// Replaces runs of blank lines inside a block by a single line break, so that "\n\n"
// separates blocks only.
void NormalizeBlockText(PageBlock* b) {
  if (b->text.find("\n\n") == std::string::npos) return;
  std::string t;
  std::vector<OriginPiece> origin;
  // Rebuild: keep the origin pieces aligned by shifting them as characters are dropped.
  size_t piece = 0;
  int64_t shift = 0;
  for (size_t i = 0; i < b->text.size(); ++i) {
    while (piece < b->origin.size() && b->origin[piece].clean <= i) {
      OriginPiece p = b->origin[piece++];
      p.clean = static_cast<uint32_t>(p.clean - shift);
      origin.push_back(p);
    }
    if (b->text[i] == '\n' && !t.empty() && t.back() == '\n') {
      ++shift;
      continue;
    }
    t += b->text[i];
  }
  b->text = std::move(t);
  // Pieces may now overlap where characters were dropped; clamp their lengths.
  for (size_t k = 0; k + 1 < origin.size(); ++k)
    if (origin[k].clean + origin[k].length > origin[k + 1].clean)
      origin[k].length = origin[k + 1].clean - origin[k].clean;
  b->origin = std::move(origin);
}

void Layout(Page* page, Document* doc) {
  doc->text.clear();
  doc->blocks.clear();
  doc->origin.clear();
  for (PageBlock& b : page->blocks) {
    NormalizeBlockText(&b);
    if (b.text.empty()) continue;
    if (!doc->text.empty()) doc->text += "\n\n";
    uint32_t at = static_cast<uint32_t>(doc->text.size());
    doc->text += b.text;
    uint32_t end = static_cast<uint32_t>(doc->text.size());
    int part = b.part >= 0 && b.part < static_cast<int>(page->parts.size()) ? b.part : 0;
    doc->blocks.push_back(Block{b.kind, part, {at, end}});
    for (const OriginPiece& p : b.origin) {
      if (p.length == 0 || p.clean >= b.text.size()) continue;
      OriginPiece q = p;
      q.clean += at;
      if (q.clean + q.length > end) q.length = end - q.clean;
      doc->origin.push_back(q);
    }
  }
  doc->parts = page->parts;
}

void MergeMetadata(const Page& page, Document* doc) {
  Metadata& m = doc->meta;
  if (m.title.empty()) m.title = page.meta.title;
  if (m.author.empty()) m.author = page.meta.author;
  if (m.url.empty()) m.url = page.meta.url;
  if (m.outlet.empty()) m.outlet = page.meta.outlet;
  if (m.outlet.empty() && !page.outlet_hints.empty()) m.outlet = page.outlet_hints.front();
  if (m.outlet.empty() && !m.url.empty()) m.outlet = HostOf(m.url);

  PubDate& p = m.published;
  if (p.value.empty() && !p.evidence.empty()) {
    // The caller gave a date string that is not ISO: read it like a page date.
    PubDate d;
    if (ParseDateValue(p.evidence, &d)) p = d;
  }
  if (p.value.empty()) {
    if (page.meta.published.known()) {
      p = page.meta.published;
    } else {
      PubDate d;
      if (InferPublished(page, &d)) p = d;
    }
  }
}

}  // namespace

void UseRawText(Document* doc) {
  doc->text = doc->raw;
  doc->blocks.clear();
  doc->blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(doc->text.size())}});
  doc->origin = {OriginPiece{0, 0, static_cast<uint32_t>(doc->text.size())}};
}

Status CleanDocument(Document* doc) {
  Page page;
  if (doc->format == SourceFormat::kHtml) {
    CleanHtml(doc->raw, &page);
  } else {
    CleanTextDump(doc->raw, &page);
  }
  DropRepeatedBlocks(doc->format == SourceFormat::kHtml, &page);
  Layout(&page, doc);
  if (doc->kind == DocKind::kUnknown) doc->kind = page.kind == DocKind::kUnknown ? DocKind::kNews : page.kind;
  MergeMetadata(page, doc);
  if (doc->text.empty()) return Status::Error("no text left after cleaning");
  return Status::Ok();
}

}  // namespace dossier
