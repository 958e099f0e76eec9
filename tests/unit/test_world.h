// The gazetteer and coder resources the unit tests share: the build's whole cities500
// gazetteer, opened once per test binary.
#ifndef SITREP_TESTS_UNIT_TEST_WORLD_H_
#define SITREP_TESTS_UNIT_TEST_WORLD_H_

#include <gtest/gtest.h>

#include <memory>

#include "sitrep/gazetteer.h"
#include "src/extract/coder.h"

namespace sitrep::testing {

inline const Gazetteer& World() {
  static std::unique_ptr<Gazetteer> g = [] {
    auto r = Gazetteer::Open(SITREP_TEST_GAZETTEER);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }();
  return *g;
}

inline const CoderResources& WorldResources() {
  static std::unique_ptr<CoderResources> r = std::move(LoadCoderResources(&World())).value();
  return *r;
}

}  // namespace sitrep::testing

#endif  // SITREP_TESTS_UNIT_TEST_WORLD_H_
