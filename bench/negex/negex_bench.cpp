// The context rules of knowledge/text/context.yaml on the public NegEx test set (chapmanbe/negex,
// negex.python/Annotations-1-120.txt: report, concept, sentence, Affirmed/Negated; not committed):
// each concept is found in its sentence and Extractor::assertion says whether it is negated.
// Prints accuracy, precision, recall and F1 of "negated" next to NegEx's published figures.
// Usage: fossa_negex_bench FILE   (bench/negex/run.sh)
#include <cstdio>
#include <fstream>
#include <string>

#include "fossa/extract.h"

namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// Runs of spaces as one (the concepts of the file are sometimes spaced out: "staph   bacteremia").
std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fossa_negex_bench Annotations-1-120.txt\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fossa_negex_bench: cannot open %s\n", argv[1]);
    return 1;
  }
  fossa::Extractor extractor(fossa::builtin_knowledge_base());
  size_t tp = 0, fp = 0, fn = 0, tn = 0, missing = 0, rows = 0;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      if (line.rfind("Report", 0) == 0) continue;
    }
    size_t a = line.find('\t');
    size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    size_t c = b == std::string::npos ? b : line.find('\t', b + 1);
    if (c == std::string::npos) continue;
    std::string term = squeeze(trim(line.substr(a + 1, b - a - 1)));
    std::string sentence = squeeze(trim(line.substr(b + 1, c - b - 1)));
    std::string gold = lower(trim(line.substr(c + 1)));
    ++rows;
    size_t at = lower(sentence).find(lower(term));
    bool negated = false;
    if (at == std::string::npos) {
      ++missing;  // read as affirmed
    } else {
      negated = extractor.assertion(sentence, at, at + term.size()).negated;
    }
    bool truth = gold.rfind("negated", 0) == 0;
    tp += truth && negated;
    fp += !truth && negated;
    fn += truth && !negated;
    tn += !truth && !negated;
  }
  auto ratio = [](size_t part, size_t whole) { return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0; };
  double precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn), specificity = ratio(tn, tn + fp);
  double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  // Chapman WW et al., J Biomed Inform 2001;34:301-310 (1,235 findings in discharge summaries).
  const double negex_precision = 0.845, negex_recall = 0.778, negex_specificity = 0.945;
  const double negex_f1 = 2 * negex_precision * negex_recall / (negex_precision + negex_recall);
  std::printf("sentences %zu (negated %zu, affirmed %zu; concept not found in its sentence: %zu)\n", rows, tp + fn, fp + tn, missing);
  std::printf("confusion: tp %zu  fp %zu  fn %zu  tn %zu\n", tp, fp, fn, tn);
  std::printf("%-26s %9s %9s %9s %11s %9s\n", "", "accuracy", "precision", "recall", "specificity", "f1");
  std::printf("%-26s %9.3f %9.3f %9.3f %11.3f %9.3f\n", "fossa (context.yaml)", ratio(tp + tn, rows), precision, recall, specificity, f1);
  std::printf("%-26s %9s %9.3f %9.3f %11.3f %9.3f\n", "NegEx, Chapman 2001", "-", negex_precision, negex_recall, negex_specificity, negex_f1);
  std::printf("negation F1 %s NegEx's published F1\n", f1 >= negex_f1 ? "at least" : "BELOW");
  return 0;
}
