// ICU's own verdict on UTF-8, what tests hold the reader's output and checker against.
#ifndef DOSSIER_TESTS_ICU_UTF8_H_
#define DOSSIER_TESTS_ICU_UTF8_H_

#include <unicode/utf8.h>

#include <cstdint>
#include <string_view>

namespace dossier_test {

// True when every byte of `s` belongs to a well-formed UTF-8 sequence, as ICU reads them.
inline bool IcuValidUtf8(std::string_view s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace dossier_test

#endif  // DOSSIER_TESTS_ICU_UTF8_H_
