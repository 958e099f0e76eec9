#include "sitrep/date.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(DateTest, ParsesOnlyRealDays) {
  EXPECT_EQ(Date::Parse("2021-08-11"), (Date{2021, 8, 11}));
  EXPECT_TRUE(Date::Parse("2024-02-29"));
  EXPECT_FALSE(Date::Parse("2023-02-29"));
  EXPECT_FALSE(Date::Parse("2021-13-01"));
  EXPECT_FALSE(Date::Parse("2021-8-11"));
  EXPECT_FALSE(Date::Parse("2021-08-11x"));
  EXPECT_FALSE(Date::Parse("abcd-ef-gh"));
}

TEST(DateTest, DayArithmeticRoundTrips) {
  Date d{2021, 8, 11};
  EXPECT_EQ(d.AddDays(-5), (Date{2021, 8, 6}));
  EXPECT_EQ(d.AddDays(21), (Date{2021, 9, 1}));
  EXPECT_EQ((Date{2020, 12, 31}).AddDays(1), (Date{2021, 1, 1}));
  for (int64_t n = -800000; n < 800000; n += 997) EXPECT_EQ(Date::FromDays(n).ToDays(), n);
}

TEST(DateTest, WeekdayIsMondayZero) {
  EXPECT_EQ((Date{2021, 8, 11}).Weekday(), 2);  // a Wednesday
  EXPECT_EQ((Date{2022, 2, 24}).Weekday(), 3);  // a Thursday
  EXPECT_EQ((Date{1970, 1, 1}).Weekday(), 3);
}

TEST(DateTest, FormatsWithZeroPadding) { EXPECT_EQ((Date{998, 1, 2}).ToString(), "0998-01-02"); }

}  // namespace
}  // namespace sitrep
