// Where a long document is cut into coding windows (see CodeBudget in sitrep/pipeline.h).
// Internal.
#ifndef SITREP_SRC_PIPELINE_WINDOWS_H_
#define SITREP_SRC_PIPELINE_WINDOWS_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace sitrep {

struct TextWindow {
  size_t start = 0, size = 0;  // bytes of the document text
};

// Cuts `text` into consecutive windows of at most `target` bytes that together cover it. Each cut
// falls in the last quarter of its window: after a blank line if there is one, else after a
// sentence end (". ", "! ", "? ", or the same before a line break), else after white space, else at
// the last UTF-8 character boundary. One window when the text fits (or target is 0).
std::vector<TextWindow> SplitIntoWindows(std::string_view text, size_t target);

}  // namespace sitrep

#endif  // SITREP_SRC_PIPELINE_WINDOWS_H_
