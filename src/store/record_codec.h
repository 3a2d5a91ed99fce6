// The stored form of an event record (the row fusion reads for each event mention): a
// compact binary encoding, written by the analysis workers and read back, a fusion part at
// a time, by the corpus stages. It replaces JSON, whose parse was a tenth of the corpus
// phase. Internal to the store; people see events, never records.
//
// Promises: DecodeEventRecord(EncodeEventRecord(r)) gives back every field fusion reads
// (the entity ids, filled from the resolution, excepted); an argument with no text is
// stored as an empty argument, as the JSON form did. A truncated or foreign blob decodes to
// false, never to a half-filled record taken as good.
#ifndef DOSSIER_STORE_RECORD_CODEC_H_
#define DOSSIER_STORE_RECORD_CODEC_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fusion/fusion.h"

namespace dossier {

std::string EncodeEventRecord(const EventRecord& r);
bool DecodeEventRecord(std::string_view bytes, EventRecord* out);

// What fusion reads of a record most often, as views into `bytes`, without decoding the
// rest: its document id, index and sentence. False when the bytes up to the sentence are
// not a record (the rest is checked by DecodeEventRecord).
struct EventRecordText {
  std::string_view doc;
  int index = -1;
  std::string_view sentence;
};
bool PeekEventRecord(std::string_view bytes, EventRecordText* out);

// The stored form of a document's entity mentions (one mention_records row a document): for
// each mention, in order, its type, text, titles (a JSON array) and the text of the mention
// it is an alias of. Decoded as views into the bytes; false (and *out cleared) when the
// bytes are not in that form.
struct StoredMention {
  std::string_view type, text, titles, alias;
};
std::string EncodeMentions(const std::vector<StoredMention>& mentions);
bool DecodeMentions(std::string_view bytes, std::vector<StoredMention>* out);

// The stored form of a document's layers (docs.layers): the JSON's length in 4 bytes, then
// the JSON deflated as one zlib stream. DecodeLayers gives the JSON back into *out, or false
// when the bytes are not in that form or do not inflate to the stated length.
std::string EncodeLayers(std::string_view json);
bool DecodeLayers(const void* bytes, size_t size, std::string* out);

}  // namespace dossier

#endif  // DOSSIER_STORE_RECORD_CODEC_H_
