// A private temporary folder for a test, removed with its contents when the test ends.
#ifndef DOSSIER_TESTS_TEMP_DIR_H_
#define DOSSIER_TESTS_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace dossier_test {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "dossier_test_XXXXXX").string();
    char* p = mkdtemp(tmpl.data());
    if (p != nullptr) path_ = p;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // The path of `name` inside the folder (not created).
  std::string Path(const std::string& name) const { return (std::filesystem::path(path_) / name).string(); }
  // Writes `bytes` to `name` (creating sub-folders) and returns its path.
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::string p = Path(name);
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }

 private:
  std::string path_;
};

}  // namespace dossier_test

#endif  // DOSSIER_TESTS_TEMP_DIR_H_
