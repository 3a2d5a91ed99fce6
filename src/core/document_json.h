// JSON form of a Document: the `annotate` output shape of DESIGN.md, and the form in which
// the store keeps each analyzed document. Round-trips every layer except tokens (derived
// from the text again when needed).
#ifndef DOSSIER_CORE_DOCUMENT_JSON_H_
#define DOSSIER_CORE_DOCUMENT_JSON_H_

#include <nlohmann/json_fwd.hpp>

#include "core/document.h"
#include "core/status.h"

namespace dossier {

// The annotate shape: id, title, outlet, published, text, sentences, entities, timex,
// events, attributions, plus structure (blocks, parts) and metadata details.
nlohmann::json DocumentToJson(const Document& doc);

// One event mention in the annotate shape, and back (throws nlohmann::json::exception on
// malformed input).
nlohmann::json EventMentionToJson(const Document& doc, const EventMention& e);
EventMention EventMentionFromJson(const nlohmann::json& j);

// Reads what DocumentToJson wrote (raw bytes are not part of it).
Status DocumentFromJson(const nlohmann::json& j, Document* doc);

}  // namespace dossier

#endif  // DOSSIER_CORE_DOCUMENT_JSON_H_
