// A fast reader for the usual JSON Lines record: one object whose members are all strings
// (or null, true, false), as in {"url": "...", "title": "...", "text": "..."}.
//
// nlohmann::json stays the authority on JSON: this reader only answers when the line has
// that flat shape and is valid JSON, and then answers exactly as nlohmann::json::parse
// followed by a string lookup would (escapes decoded, surrogate pairs joined, "\u0000"
// kept, the last of repeated members wins, a member that is not a string reads as "").
// For anything else (numbers, arrays, nested objects, any syntax error, invalid UTF-8) it
// returns false having decided nothing, and the caller parses the line with nlohmann.
// It exists because nlohmann's lexer copies and checks one character at a time: on the
// benchmark's JSON Lines it was ~40% of the build's reader thread.
#ifndef DOSSIER_INGEST_FLAT_JSON_H_
#define DOSSIER_INGEST_FLAT_JSON_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace dossier {

// Reads `line` when it is a flat JSON object (see above). On true, values[k] holds the
// string value of member keys[k] ("" when absent or not a string) for k < n. On false the
// contents of values[] are unspecified.
bool ReadFlatJsonObject(std::string_view line, const std::string_view* keys, size_t n,
                        std::string* values);

}  // namespace dossier

#endif  // DOSSIER_INGEST_FLAT_JSON_H_
