// Ingest: from command-line paths to decoded inputs, one per document.
//
// Accepts files, folders (recursive, sorted), and "-" for stdin. Formats: plain text, HTML,
// JSON Lines ({"url", "title", "text" or "html", "published", "outlet"} per line), and gzip
// of any of these. Bytes are decoded to UTF-8 (BOM, then validity, then ICU's charset
// detector); invalid bytes become U+FFFD, never a crash.
#ifndef DOSSIER_INGEST_READER_H_
#define DOSSIER_INGEST_READER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace dossier {

// Limits that protect the process from hostile input.
struct IngestLimits {
  size_t max_document_bytes = 32u << 20;    // one document (a file, or one JSONL line)
  size_t max_decompressed_bytes = 256u << 20;  // gzip output of one file
};

// One document's input, decoded to UTF-8, before cleaning.
struct RawInput {
  std::string path;         // as given; "file:LINE" for a JSON Lines record
  std::string bytes;        // UTF-8
  SourceFormat format = SourceFormat::kText;
  std::string charset;      // detected source encoding
  Metadata given;           // metadata stated by the container (JSON Lines fields)
};

// Expands folders recursively into their files (sorted, hidden files skipped). Paths that do
// not exist are reported in `errors` ("PATH: no such file or directory").
std::vector<std::string> ExpandPaths(const std::vector<std::string>& args,
                                     std::vector<std::string>* errors);

// Reads one path ("-" is stdin) into one or more inputs. Problems with single JSONL records
// go to `errors` (naming "file:line") while the other records are still returned; a problem
// with the whole file is the returned Status, whose message names the file.
Status ReadPath(const std::string& path, const IngestLimits& limits, std::vector<RawInput>* out,
                std::vector<std::string>* errors);

// Reads a single document from bytes already in memory (for annotate --batch).
// `format_hint` is "text", "html" or "" (detect).
Status DecodeInput(const std::string& name, std::string bytes, const std::string& format_hint,
                   const IngestLimits& limits, RawInput* out);

// Decodes bytes in any common encoding to valid UTF-8. Sets *charset to the source encoding.
std::string ToUtf8(const std::string& bytes, std::string* charset);

// True when the bytes look like HTML markup.
bool LooksLikeHtml(const std::string& bytes);

// Stable document id: 16 hex digits of a 64-bit hash of the decoded content.
std::string ContentId(const std::string& bytes);

// ContentId(inputs[i].bytes) for every input, computed four inputs at a time (about three
// times faster than one by one: the hash is a chain of multiplications).
std::vector<std::string> ContentIds(const std::vector<RawInput>& inputs);

}  // namespace dossier

#endif  // DOSSIER_INGEST_READER_H_
