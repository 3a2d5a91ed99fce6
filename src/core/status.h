// Errors as values at module edges (LevelDB style). A Status is ok, or carries a message
// that names the file and the problem, ready to print.
#ifndef DOSSIER_CORE_STATUS_H_
#define DOSSIER_CORE_STATUS_H_

#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>

namespace dossier {

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }
  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string m) : failed_(true), message_(std::move(m)) {}
  bool failed_ = false;
  std::string message_;
};

// `n` bytes as a message gives them: "12.3 MB".
inline std::string Megabytes(size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / (1024.0 * 1024.0));
  return buf;
}

}  // namespace dossier

#endif  // DOSSIER_CORE_STATUS_H_
