// Time expressions in a report, resolved against its date. Internal.
#ifndef SITREP_SRC_EXTRACT_TIME_EXPRESSIONS_H_
#define SITREP_SRC_EXTRACT_TIME_EXPRESSIONS_H_

#include <vector>

#include "sitrep/date.h"
#include "sitrep/text.h"

namespace sitrep {

struct TimeMention {
  uint32_t first_token = 0, token_count = 0;
  Date from, to;  // inclusive bounds
  DatePrecision precision = DatePrecision::kDay;
};

// Every time expression sitrep understands, in text order, resolved against `doc_date`.
std::vector<TimeMention> FindTimeExpressions(const SegmentedText& seg, std::string_view text,
                                             Date doc_date);

}  // namespace sitrep

#endif  // SITREP_SRC_EXTRACT_TIME_EXPRESSIONS_H_
