// A test suite over the bundled example corpus, built once (for the whole suite) into a
// store by the dossier command.
#ifndef DOSSIER_TESTS_EXAMPLES_STORE_H_
#define DOSSIER_TESTS_EXAMPLES_STORE_H_

#include <gtest/gtest.h>

#include <string>

#include "shell.h"
#include "temp_dir.h"

namespace dossier_test {

class ExamplesStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->Path("examples.db");
    std::string out;
    ASSERT_EQ(BuildStore(db_, ExamplesCorpus(), &out), 0) << out;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  inline static TempDir* dir_ = nullptr;  // holds the store; tests may put copies beside it
  inline static std::string db_;          // the store's path
};

}  // namespace dossier_test

#endif  // DOSSIER_TESTS_EXAMPLES_STORE_H_
