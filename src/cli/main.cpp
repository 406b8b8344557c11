// fossa: the command line. Parses arguments and hands over to the sub-commands (cli/commands.h).
#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "fossa/version.h"

int main(int argc, char** argv) {
  using namespace fossa::cli;
  CLI::App app{"Fossa: what is causing pain behind the knee, and how urgently to get care.\n"
               "Fossa informs and does not replace a clinician."};
  app.name("fossa");
  GlobalOptions global;
  int exit_code = 0;
  app.add_option("--kb", global.kb_dir, "Knowledge base directory (default: the built-in one)")->check(CLI::ExistingDirectory);
  app.set_version_flag("--version", [&global] {
    auto kb = load_kb(global);
    std::string text = std::string("fossa ") + fossa::kVersion;
    if (kb) text += "\nknowledge base " + kb->name + " " + kb->version + " (" + kb->hash + ")";
    return text;
  });
  app.require_subcommand(1);
  app.fallthrough();  // global options such as --kb may also follow the sub-command
  add_assess(app, global, exit_code);
  add_eval(app, global, exit_code);
  add_interview(app, global, exit_code);
  add_kb(app, global, exit_code);
  add_parse(app, global, exit_code);
  add_serve(app, global, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "fossa: internal error: %s\n", error.what());
    return 3;
  }
  return exit_code;
}
