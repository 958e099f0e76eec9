// Temporal expressions of news reports, resolved against the report's date.
//
// News writes relative time: a weekday means the most recent such day (the report's own day when
// they match: "Wednesday" in a Wednesday report is that day; "on Tuesday" the day before),
// "overnight" spans the night before, "since Friday" runs from that Friday to the report date,
// "last week" is the previous Monday-to-Sunday. Absolute dates without a year take the report's
// year, or the year before when that would put them after the report. Years ("in 1998", "the
// 1990s", "20 years ago") have year precision. Anything else is left to the caller, which gives an
// event the week up to the report date rather than inventing a day.
//
// Known limits: "next Tuesday" and other future references are read as past; "the weekend" is the
// last Saturday and Sunday; times of day ("at dawn") add nothing.
#include "src/extract/time_expressions.h"

#include <array>
#include <charconv>
#include <unordered_set>

namespace sitrep {

namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

int WeekdayIndex(std::string_view w) {
  for (size_t i = 0; i < kWeekdays.size(); ++i) {
    if (w == kWeekdays[i]) return static_cast<int>(i);
  }
  return -1;
}

int MonthIndex(std::string_view w) {  // 1..12, or 0
  static constexpr std::array<std::string_view, 12> kFull = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  static constexpr std::array<std::string_view, 12> kShort = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  for (size_t i = 0; i < 12; ++i) {
    if (w == kFull[i] || w == kShort[i]) return static_cast<int>(i + 1);
  }
  if (w == "sept") return 9;
  return 0;
}

bool Number(std::string_view s, int* out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

int SmallNumber(std::string_view w) {
  static constexpr std::array<std::string_view, 21> kWords = {
      "zero",     "one",     "two",     "three",     "four",     "five",     "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  for (size_t i = 0; i < kWords.size(); ++i) {
    if (w == kWords[i]) return static_cast<int>(i);
  }
  if (w == "a") return 1;
  int n;
  return Number(w, &n) ? n : -1;
}

class Finder {
 public:
  Finder(const SegmentedText& seg, Date doc) : seg_(seg), doc_(doc) {}

  std::vector<TimeMention> Run() {
    std::vector<TimeMention> out;
    for (const Sentence& s : seg_.sentences) {
      uint32_t end = s.first_token + s.token_count;
      for (uint32_t k = s.first_token; k < end;) {
        TimeMention m;
        if (Match(k, end, &m)) {
          m.first_token = k;
          out.push_back(m);
          k += m.token_count;
        } else {
          ++k;
        }
      }
    }
    return out;
  }

 private:
  std::string_view W(uint32_t k) const { return seg_.norm(seg_.tokens[k]); }
  bool Is(uint32_t k, uint32_t end, std::string_view w) const { return k < end && W(k) == w; }

  // The most recent `weekday` on or before the report date.
  Date LastWeekday(int weekday) const {
    int back = (doc_.Weekday() - weekday + 7) % 7;
    return doc_.AddDays(-back);
  }
  Date MonthDay(int month, int day) const {
    Date d{doc_.year, month, day};
    if (!d.valid()) return Date{};
    if (d > doc_) d.year -= 1;
    return d.valid() ? d : Date{};
  }
  static void Set(TimeMention* m, uint32_t len, Date from, Date to, DatePrecision p) {
    m->token_count = len;
    m->from = from;
    m->to = to;
    m->precision = p;
  }

  // Words that can open a time expression: most tokens are not, and leave at once.
  static bool CanStart(std::string_view w) {
    static const std::unordered_set<std::string_view> kStarts = [] {
      std::unordered_set<std::string_view> s = {"since",     "overnight", "today",   "this",
                                                "yesterday", "last",      "earlier", "in",
                                                "during",    "by",        "sept",    "a"};
      for (auto d : kWeekdays) s.insert(d);
      s.insert("over");  // over the weekend
      s.insert("at");    // at the weekend
      for (auto m :
           {"january",  "february",  "march",   "april",    "may",       "june",     "july",
            "august",   "september", "october", "november", "december",  "jan",      "feb",
            "mar",      "apr",       "jun",     "jul",      "aug",       "sep",      "oct",
            "nov",      "dec",       "one",     "two",      "three",     "four",     "five",
            "six",      "seven",     "eight",   "nine",     "ten",       "eleven",   "twelve",
            "thirteen", "fourteen",  "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen",
            "twenty"}) {
        s.insert(m);
      }
      return s;
    }();
    return !w.empty() && ((w[0] >= '0' && w[0] <= '9') || kStarts.count(w));
  }

  bool Match(uint32_t k, uint32_t end, TimeMention* m) const {
    std::string_view w = W(k);
    if (!CanStart(w)) return false;
    // since <weekday | month | date>
    if (w == "since" && k + 1 < end) {
      TimeMention inner;
      if (Match(k + 1, end, &inner)) {
        Set(m, 1 + inner.token_count, inner.from, doc_, DatePrecision::kRange);
        return true;
      }
      return false;
    }
    if (int wd = WeekdayIndex(w); wd >= 0) {
      Date d = LastWeekday(wd);
      uint32_t len = 1;
      if (Is(k + 1, end, "night") || Is(k + 1, end, "morning") || Is(k + 1, end, "evening") ||
          Is(k + 1, end, "afternoon")) {
        len = 2;
      }
      Set(m, len, d, d, DatePrecision::kDay);
      return true;
    }
    // "over the weekend", "at the weekend": the last Saturday and Sunday.
    if ((w == "over" || w == "at") && Is(k + 1, end, "the") && Is(k + 2, end, "weekend")) {
      Date sunday = LastWeekday(6);
      Set(m, 3, sunday.AddDays(-1), sunday, DatePrecision::kRange);
      return true;
    }
    if (w == "overnight") {
      Set(m, 1, doc_.AddDays(-1), doc_, DatePrecision::kRange);
      return true;
    }
    if (w == "today" || (w == "this" && (Is(k + 1, end, "morning") || Is(k + 1, end, "afternoon") ||
                                         Is(k + 1, end, "evening")))) {
      Set(m, w == "today" ? 1 : 2, doc_, doc_, DatePrecision::kDay);
      return true;
    }
    if (w == "yesterday") {
      Set(m, 1, doc_.AddDays(-1), doc_.AddDays(-1), DatePrecision::kDay);
      return true;
    }
    if (w == "last" || w == "this") {
      bool last = w == "last";
      if (Is(k + 1, end, "week")) {
        Date monday = doc_.AddDays(-doc_.Weekday());
        if (last)
          Set(m, 2, monday.AddDays(-7), monday.AddDays(-1), DatePrecision::kRange);
        else
          Set(m, 2, monday, doc_, DatePrecision::kRange);
        return true;
      }
      if (Is(k + 1, end, "weekend")) {
        Date sunday = LastWeekday(6);
        Set(m, 2, sunday.AddDays(-1), sunday, DatePrecision::kRange);
        return true;
      }
      if (Is(k + 1, end, "month")) {
        Date first{doc_.year, doc_.month, 1};
        if (last) {
          Date prev_last = first.AddDays(-1);
          Set(m, 2, Date{prev_last.year, prev_last.month, 1}, prev_last, DatePrecision::kMonth);
        } else {
          Set(m, 2, first, doc_, DatePrecision::kRange);
        }
        return true;
      }
      if (last && Is(k + 1, end, "year")) {
        Set(m, 2, Date{doc_.year - 1, 1, 1}, Date{doc_.year - 1, 12, 31}, DatePrecision::kYear);
        return true;
      }
      if (int wd = k + 1 < end ? WeekdayIndex(W(k + 1)) : -1; wd >= 0 && last) {
        Date d = LastWeekday(wd);
        if (d == doc_) d = d.AddDays(-7);
        Set(m, 2, d, d, DatePrecision::kDay);
        return true;
      }
    }
    if (w == "earlier" && Is(k + 1, end, "this") &&
        (Is(k + 2, end, "month") || Is(k + 2, end, "week"))) {
      Date from =
          W(k + 2) == "month" ? Date{doc_.year, doc_.month, 1} : doc_.AddDays(-doc_.Weekday());
      Set(m, 3, from, doc_.AddDays(-1) < from ? from : doc_.AddDays(-1), DatePrecision::kRange);
      return true;
    }
    // <N> <days|weeks|months|years> ago
    if (int n = SmallNumber(w); n >= 0 && k + 2 < end && W(k + 2) == "ago") {
      std::string_view unit = W(k + 1);
      if (unit == "days" || unit == "day") {
        Date d = doc_.AddDays(-n);
        Set(m, 3, d, d, DatePrecision::kDay);
        return true;
      }
      if (unit == "weeks" || unit == "week") {
        Set(m, 3, doc_.AddDays(-7 * n - 3), doc_.AddDays(-7 * n + 3), DatePrecision::kRange);
        return true;
      }
      if (unit == "years" || unit == "year") {
        int y = doc_.year - n;
        Set(m, 3, Date{y, 1, 1}, Date{y, 12, 31}, DatePrecision::kYear);
        return true;
      }
    }
    // <Month> <day>[, <year>] | <day> <Month>[ <year>] | <Month> <year> | in <Month>
    if (int month = MonthIndex(w); month > 0 && seg_.tokens[k].is(kCapitalized)) {
      uint32_t j = k + 1;
      if (Is(j, end, ".")) ++j;  // "Aug." is split from its stop when it ends a sentence
      int day = 0, year = 0;
      if (j < end && Number(W(j), &day) && day >= 1 && day <= 31) {
        uint32_t len = j + 1 - k;
        if (Is(j + 1, end, ",") && j + 2 < end && Number(W(j + 2), &year) && year > 999) len += 2;
        Date d = year ? Date{year, month, day} : MonthDay(month, day);
        if (!d.valid()) return false;
        Set(m, len, d, d, DatePrecision::kDay);
        return true;
      }
      if (j < end && Number(W(j), &year) && year > 999 && year < 3000) {
        Date from{year, month, 1};
        Set(m, j + 1 - k, from, Date{year, month, Date::DaysInMonth(year, month)},
            DatePrecision::kMonth);
        return true;
      }
      // A bare month ("since May", "in March"): needs a preposition, since "May" is also a verb.
      if (k > 0 && (W(k - 1) == "in" || W(k - 1) == "since" || W(k - 1) == "until")) {
        int y = month > doc_.month ? doc_.year - 1 : doc_.year;
        Set(m, 1, Date{y, month, 1}, Date{y, month, Date::DaysInMonth(y, month)},
            DatePrecision::kMonth);
        return true;
      }
      return false;
    }
    if (int day = 0; Number(w, &day) && day >= 1 && day <= 31 && k + 1 < end) {
      if (int month = MonthIndex(W(k + 1)); month > 0 && seg_.tokens[k + 1].is(kCapitalized)) {
        int year = 0;
        uint32_t len = 2;
        if (k + 2 < end && Number(W(k + 2), &year) && year > 999) len = 3;
        Date d = year ? Date{year, month, day} : MonthDay(month, day);
        if (!d.valid()) return false;
        Set(m, len, d, d, DatePrecision::kDay);
        return true;
      }
    }
    // in 1998 / in the 1990s / since 2012
    if ((w == "in" || w == "during" || w == "by") && k + 1 < end) {
      uint32_t j = k + 1;
      if (W(j) == "the" && j + 1 < end) ++j;
      std::string_view y = W(j);
      int year;
      if (y.size() == 5 && y.back() == 's' && Number(y.substr(0, 4), &year) && year % 10 == 0) {
        Set(m, j + 1 - k, Date{year, 1, 1}, Date{year + 9, 12, 31}, DatePrecision::kRange);
        return true;
      }
      if (j == k + 1 && Number(y, &year) && year >= 1900 && year <= doc_.year) {
        Set(m, 2, Date{year, 1, 1}, year == doc_.year ? doc_ : Date{year, 12, 31},
            DatePrecision::kYear);
        return true;
      }
    }
    if (int year;
        Number(w, &year) && year >= 1900 && year <= doc_.year && k > 0 && W(k - 1) == "since") {
      Set(m, 1, Date{year, 1, 1}, Date{year, 12, 31}, DatePrecision::kYear);
      return true;
    }
    // "a 2012 insurrection", "the 2022 military operation": a year naming an earlier event
    if (int year;
        Number(w, &year) && year >= 1900 && year < doc_.year && k > 0 &&
        (W(k - 1) == "a" || W(k - 1) == "the" || W(k - 1) == "its" || W(k - 1) == "their")) {
      Set(m, 1, Date{year, 1, 1}, Date{year, 12, 31}, DatePrecision::kYear);
      return true;
    }
    return false;
  }

  const SegmentedText& seg_;
  Date doc_;
};

}  // namespace

std::vector<TimeMention> FindTimeExpressions(const SegmentedText& seg, std::string_view,
                                             Date doc_date) {
  return Finder(seg, doc_date).Run();
}

}  // namespace sitrep
