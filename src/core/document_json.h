// JSON form of a Document: the `annotate` output shape of DESIGN.md, and the form in which
// the store keeps each analyzed document. Round-trips every layer except tokens (derived
// from the text again when needed).
#ifndef DOSSIER_CORE_DOCUMENT_JSON_H_
#define DOSSIER_CORE_DOCUMENT_JSON_H_

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/document.h"
#include "core/status.h"

namespace dossier {

// The annotate shape: id, title, outlet, published, text, sentences, entities, timex,
// events, attributions, plus structure (blocks, parts) and metadata details.
nlohmann::json DocumentToJson(const Document& doc);

// DocumentToJson(doc).dump() (compact, invalid UTF-8 replaced) written directly, without
// the tree: the same bytes, several times faster. Options leave members out or replace the
// id, as the store (text kept in a column of its own) and annotate --batch (the request's
// id, no origin map) need.
struct DocumentJsonOptions {
  bool text = true;
  bool origin = true;
  std::string id_json;  // when not empty: the JSON value written as "id" (e.g. 17, "a1")
};
std::string DocumentJsonText(const Document& doc, const DocumentJsonOptions& options = {});

// One event mention in the annotate shape, and back (throws nlohmann::json::exception on
// malformed input).
nlohmann::json EventMentionToJson(const Document& doc, const EventMention& e);
EventMention EventMentionFromJson(const nlohmann::json& j);

// Reads what DocumentToJson wrote (raw bytes are not part of it).
Status DocumentFromJson(const nlohmann::json& j, Document* doc);

}  // namespace dossier

#endif  // DOSSIER_CORE_DOCUMENT_JSON_H_
