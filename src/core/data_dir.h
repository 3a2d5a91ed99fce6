// Where the lexicons in data/ are found at run time, and a reader for their line format.
//
// Data files are UTF-8 text. Lines starting with '#' are comments (every file opens with a
// header saying what it is and where its knowledge comes from); blank lines are skipped.
// Columns are separated by a TAB.
#ifndef DOSSIER_CORE_DATA_DIR_H_
#define DOSSIER_CORE_DATA_DIR_H_

#include <string>
#include <vector>

namespace dossier {

// $DOSSIER_DATA if set, else the data/ folder of the source tree the binary was built from.
std::string DataDir();

// The non-comment, non-blank lines of data/<name>, each split on TAB into columns.
// Aborts with a message naming the file when it cannot be read: a missing lexicon is a
// broken installation, not bad input.
std::vector<std::vector<std::string>> ReadDataTable(const std::string& name);

}  // namespace dossier

#endif  // DOSSIER_CORE_DATA_DIR_H_
