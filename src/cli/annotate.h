// `dossier annotate`: one document (or a JSON Lines batch) through the per-document
// pipeline, printed as JSON in the annotate shape of DESIGN.md.
#ifndef DOSSIER_CLI_ANNOTATE_H_
#define DOSSIER_CLI_ANNOTATE_H_

#include <string>

namespace dossier {

// Annotates FILE (or "-") and prints one JSON object. Returns the exit code.
int RunAnnotate(const std::string& path, bool raw, const std::string& dct);

// Reads {"id","text","dct"?,"raw"?,"format"?} lines on stdin and prints one JSON object per
// line, in input order, with the same "id" ({"id","error"} for a bad line). Uses every core.
int RunAnnotateBatch(int threads);

}  // namespace dossier

#endif  // DOSSIER_CLI_ANNOTATE_H_
