// JsonWriter: writes compact JSON text straight into a string, for the hot paths that
// serialize many objects of a known shape (the dossier's events) without building a tree.
//
// Output is byte-identical to nlohmann::json::dump() of the same values with
// error_handler_t::replace: the same escapes, and invalid UTF-8 replaced the same way.
// The caller writes object keys in sorted order (as nlohmann's std::map holds them); the
// writer places the commas and colons.
#ifndef DOSSIER_CORE_JSON_WRITER_H_
#define DOSSIER_CORE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // An object member's key; the value written next belongs to it.
  void Key(std::string_view k);

  void String(std::string_view s);
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Bool(bool b);
  void Null();
  void StringArray(const std::vector<std::string>& items);
  // A value already in JSON form, written as is.
  void Raw(std::string_view json);

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Open(char c);
  void Close(char c);
  void Separate();  // the comma before a value, unless it is the first or follows a key

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace dossier

#endif  // DOSSIER_CORE_JSON_WRITER_H_
