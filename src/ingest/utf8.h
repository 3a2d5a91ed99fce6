// UTF-8 well-formedness, checked fast: ingest checks every document it reads, and the HTML
// cleaner checks the script content it lets the parser skip.
#ifndef DOSSIER_INGEST_UTF8_H_
#define DOSSIER_INGEST_UTF8_H_

#include <string_view>

namespace dossier {

// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF), the rule of ICU's U8_NEXT and of JSON parsers. ASCII runs are checked
// eight bytes at a time.
bool IsWellFormedUtf8(std::string_view s);

}  // namespace dossier

#endif  // DOSSIER_INGEST_UTF8_H_
