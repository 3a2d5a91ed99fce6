// Errors as values at module edges (LevelDB style). A Status is ok, or carries a message
// that names the file and the problem, ready to print.
#ifndef DOSSIER_CORE_STATUS_H_
#define DOSSIER_CORE_STATUS_H_

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

}  // namespace dossier

#endif  // DOSSIER_CORE_STATUS_H_
