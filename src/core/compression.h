// zlib and gzip streams, made and read by libdeflate: at its fastest level it deflates the
// store's document layers about three times as fast as zlib's fastest, and smaller; it
// inflates gzip input about twice as fast. The formats are the standard ones (RFC 1950 and
// 1952), so zlib, gzip and SQLite's own functions read what is written here, and this reads
// what they write.
#ifndef DOSSIER_CORE_COMPRESSION_H_
#define DOSSIER_CORE_COMPRESSION_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dossier {

// `in` as one zlib stream (RFC 1950), deflated at the fastest level, appended to *out.
void ZlibCompress(std::string_view in, std::string* out);

// Inflates the zlib stream of `n` bytes at `in` into *out (replacing its contents). The
// stream must inflate to exactly `size` bytes: false when it is damaged, cut short, or of
// another size (then *out is unspecified).
bool ZlibInflate(const void* in, size_t n, size_t size, std::string* out);

// Inflates gzip data (one member or several, as `cat a.gz b.gz` makes) into *out (replacing
// its contents; its capacity is reused). An error when the data is damaged or cut short, or
// when it would inflate to more than `limit` bytes (a gzip bomb); *out is then empty.
Status Gunzip(std::string_view in, size_t limit, std::string* out);

}  // namespace dossier

#endif  // DOSSIER_CORE_COMPRESSION_H_
