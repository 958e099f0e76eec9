// Calendar dates as plain values, and the precision with which a report pins an event in time.
#ifndef SITREP_DATE_H_
#define SITREP_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sitrep {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  bool valid() const;
  // Days since 1970-01-01 (proleptic Gregorian); negative before.
  int64_t ToDays() const;
  static Date FromDays(int64_t days);
  Date AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  // 0 = Monday .. 6 = Sunday.
  int Weekday() const;
  std::string ToString() const;  // YYYY-MM-DD
  // Accepts exactly YYYY-MM-DD with a real calendar day.
  static std::optional<Date> Parse(std::string_view text);
  static int DaysInMonth(int year, int month);

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date& a, const Date& b) = default;
};

enum class DatePrecision { kDay, kRange, kMonth, kYear };
std::string_view DatePrecisionName(DatePrecision p);

}  // namespace sitrep

#endif  // SITREP_DATE_H_
