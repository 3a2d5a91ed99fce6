#include "core/data_dir.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#ifndef DOSSIER_DATA_DIR
#define DOSSIER_DATA_DIR "data"
#endif

namespace dossier {

std::string DataDir() {
  if (const char* env = std::getenv("DOSSIER_DATA"); env != nullptr && *env != '\0') return env;
  return DOSSIER_DATA_DIR;
}

std::vector<std::vector<std::string>> ReadDataTable(const std::string& name) {
  const std::string path = DataDir() + "/" + name;
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "dossier: cannot read lexicon %s (set DOSSIER_DATA to the data/ folder)\n",
                 path.c_str());
    std::exit(3);
  }
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    size_t pos = 0;
    while (true) {
      size_t tab = line.find('\t', pos);
      cols.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    rows.push_back(std::move(cols));
  }
  return rows;
}

}  // namespace dossier
