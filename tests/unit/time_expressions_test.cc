#include "src/extract/time_expressions.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

// Resolves the first time expression in `text` against a report dated `doc` (a Wednesday unless
// said otherwise); returns "from..to/precision" or "none".
std::string Resolve(const std::string& text, Date doc = {2021, 8, 11}) {
  SegmentedText seg = Segment(text);
  auto found = FindTimeExpressions(seg, text, doc);
  if (found.empty()) return "none";
  const TimeMention& t = found[0];
  return t.from.ToString() + ".." + t.to.ToString() + "/" +
         std::string(DatePrecisionName(t.precision));
}

TEST(TimeExpressionsTest, WeekdaysAreTheMostRecentSuchDay) {
  EXPECT_EQ(Resolve("The envoy arrived Wednesday."), "2021-08-11..2021-08-11/day");
  EXPECT_EQ(Resolve("Talks ended on Tuesday."), "2021-08-10..2021-08-10/day");
  EXPECT_EQ(Resolve("The town fell on Thursday."), "2021-08-05..2021-08-05/day");
  EXPECT_EQ(Resolve("Shelling began on Sunday night."), "2021-08-08..2021-08-08/day");
}

TEST(TimeExpressionsTest, RelativeSpans) {
  EXPECT_EQ(Resolve("Rockets hit the port overnight."), "2021-08-10..2021-08-11/range");
  EXPECT_EQ(Resolve("Nine towns have changed hands since Friday."), "2021-08-06..2021-08-11/range");
  EXPECT_EQ(Resolve("The offensive began last week."), "2021-08-02..2021-08-08/range");
  EXPECT_EQ(Resolve("Fighting has escalated since May."), "2021-05-01..2021-08-11/range");
  EXPECT_EQ(Resolve("Two bridges were cut earlier this month."), "2021-08-01..2021-08-10/range");
  EXPECT_EQ(Resolve("Police detained him yesterday."), "2021-08-10..2021-08-10/day");
  EXPECT_EQ(Resolve("The town was retaken over the weekend."), "2021-08-07..2021-08-08/range");
}

TEST(TimeExpressionsTest, CalendarDates) {
  EXPECT_EQ(Resolve("The ceasefire collapsed on Aug. 8."), "2021-08-08..2021-08-08/day");
  EXPECT_EQ(Resolve("The ceasefire collapsed on August 8."), "2021-08-08..2021-08-08/day");
  EXPECT_EQ(Resolve("The ceasefire collapsed on 8 August."), "2021-08-08..2021-08-08/day");
  // A day after the report date belongs to the year before.
  EXPECT_EQ(Resolve("The siege began on December 20."), "2020-12-20..2020-12-20/day");
  EXPECT_EQ(Resolve("The siege began on March 3, 2019."), "2019-03-03..2019-03-03/day");
}

TEST(TimeExpressionsTest, YearsAndTheDistantPast) {
  EXPECT_EQ(Resolve("The militia took the valley in 1998."), "1998-01-01..1998-12-31/year");
  EXPECT_EQ(Resolve("They ruled until their ouster 20 years ago."), "2001-01-01..2001-12-31/year");
  EXPECT_EQ(Resolve("Massacres marked the war in the 1990s."), "1990-01-01..1999-12-31/range");
  EXPECT_EQ(Resolve("The rebels have held the town since 2012."), "2012-01-01..2021-08-11/range");
}

TEST(TimeExpressionsTest, WordsThatOnlyLookLikeDates) {
  EXPECT_EQ(Resolve("Aid may arrive soon."), "none");
  EXPECT_EQ(Resolve("The march on the capital continued."), "none");
  EXPECT_EQ(Resolve("Casualties rose to 2000 in the north."), "none");
}

}  // namespace
}  // namespace sitrep
