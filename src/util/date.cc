#include "sitrep/date.h"

namespace sitrep {

namespace {
bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
}  // namespace

int Date::DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool Date::valid() const {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
int64_t Date::ToDays() const {
  int64_t y = year - (month <= 2);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::FromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  Date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2));
  return d;
}

int Date::Weekday() const {
  int64_t days = ToDays();  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

std::string Date::ToString() const {
  // Hand-formatted: three of these per output event.
  std::string s(10, '0');
  int y = year;
  for (int i = 3; i >= 0; --i, y /= 10) s[static_cast<size_t>(i)] = static_cast<char>('0' + y % 10);
  s[4] = s[7] = '-';
  s[5] = static_cast<char>('0' + month / 10);
  s[6] = static_cast<char>('0' + month % 10);
  s[8] = static_cast<char>('0' + day / 10);
  s[9] = static_cast<char>('0' + day % 10);
  return s;
}

std::optional<Date> Date::Parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len, int* out) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  Date d;
  if (!num(0, 4, &d.year) || !num(5, 2, &d.month) || !num(8, 2, &d.day) || !d.valid()) {
    return std::nullopt;
  }
  return d;
}

std::string_view DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay: return "day";
    case DatePrecision::kRange: return "range";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kYear: return "year";
  }
  return "range";
}

}  // namespace sitrep
