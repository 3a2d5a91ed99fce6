// Minimal cleaner: blank-line paragraphs, first line as title. Replaced by the real
// boilerplate removal of the clean stage.
#include "clean/clean.h"

namespace dossier {

void UseRawText(Document* doc) {
  doc->text = doc->raw;
  doc->blocks.clear();
  doc->blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(doc->text.size())}});
  doc->origin = {OriginPiece{0, 0, static_cast<uint32_t>(doc->text.size())}};
}

Status CleanDocument(Document* doc) {
  doc->text.clear();
  doc->blocks.clear();
  doc->origin.clear();
  size_t pos = 0;
  const std::string& raw = doc->raw;
  while (pos < raw.size()) {
    size_t nl = raw.find("\n\n", pos);
    if (nl == std::string::npos) nl = raw.size();
    size_t s = pos, e = nl;
    while (s < e && isspace(static_cast<unsigned char>(raw[s]))) ++s;
    while (e > s && isspace(static_cast<unsigned char>(raw[e - 1]))) --e;
    if (e > s) {
      if (!doc->text.empty()) doc->text += "\n\n";
      uint32_t at = static_cast<uint32_t>(doc->text.size());
      doc->text.append(raw, s, e - s);
      BlockKind kind = doc->blocks.empty() ? BlockKind::kTitle : BlockKind::kParagraph;
      doc->blocks.push_back(Block{kind, 0, {at, static_cast<uint32_t>(doc->text.size())}});
      doc->origin.push_back(OriginPiece{at, static_cast<uint32_t>(s), static_cast<uint32_t>(e - s)});
      if (kind == BlockKind::kTitle && doc->meta.title.empty()) doc->meta.title = raw.substr(s, e - s);
    }
    pos = nl + 2;
  }
  if (doc->text.empty()) return Status::Error("no text left after cleaning");
  return Status::Ok();
}

}  // namespace dossier
