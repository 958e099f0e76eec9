// The coding pipeline: segment, recognise, code, resolve. Stateless per document, so one instance
// serves every thread.
#include "sitrep/pipeline.h"

#include "sitrep/gazetteer.h"
#include "src/extract/coder.h"

namespace sitrep {

namespace {

class CodingPipeline : public Pipeline {
 public:
  CodingPipeline(std::unique_ptr<Gazetteer> g, std::unique_ptr<CoderResources> r)
      : gazetteer_(std::move(g)), resources_(std::move(r)) {}
  std::vector<Event> Code(const Document& doc) const override {
    return CodeDocument(*resources_, doc);
  }

 private:
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<CoderResources> resources_;
};

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::Open(const PipelineOptions& options) {
  std::string path =
      options.gazetteer_path.empty() ? DefaultGazetteerPath() : options.gazetteer_path;
  std::unique_ptr<Gazetteer> gazetteer;
  auto g = Gazetteer::Open(path);
  if (g.ok()) {
    gazetteer = std::move(g).value();
  } else if (options.require_gazetteer) {
    return g.status();
  }
  auto resources = LoadCoderResources(gazetteer.get(), options.data_dir);
  if (!resources.ok()) return resources.status();
  return std::unique_ptr<Pipeline>(
      new CodingPipeline(std::move(gazetteer), std::move(resources).value()));
}

}  // namespace sitrep
