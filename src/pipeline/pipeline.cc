// The coding pipeline: segment, recognise, code, resolve. Stateless per document, so one instance
// serves every thread.
#include "sitrep/pipeline.h"
#include "sitrep/text.h"

namespace sitrep {

namespace {

class CodingPipeline : public Pipeline {
 public:
  std::vector<Event> Code(const Document& doc) const override {
    SegmentedText seg = Segment(doc.text);
    (void)seg;
    return {};
  }
};

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::Open(const PipelineOptions& options) {
  (void)options;
  return std::unique_ptr<Pipeline>(new CodingPipeline());
}

}  // namespace sitrep
