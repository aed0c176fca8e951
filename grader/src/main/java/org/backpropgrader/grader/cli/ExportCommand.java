package org.backpropgrader.grader.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.deploy.PlatformExport;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.policy.PolicyException;
import org.backpropgrader.grader.policy.PolicyLoader;
import org.backpropgrader.grader.report.Json;

/** {@code grader export gradescope|prairielearn}: this grader, wrapped for a grading platform ({@link PlatformExport}). */
final class ExportCommand implements Command {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String usage() {
        return "gradescope|prairielearn --out FILE.zip|DIR [--policy FILE] [--exercise ID[,ID...]]";
    }

    @Override
    public String summary() {
        return "writes Gradescope's autograder.zip or PrairieLearn's external grader (Dockerfile, entry point, info.json)";
    }

    @Override
    public int maxArguments() {
        return 1;
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder()
                        .longOpt("out")
                        .hasArg()
                        .argName("FILE.zip|DIR")
                        .required()
                        .desc("gradescope: the zip to upload; prairielearn: the folder for the image's files")
                        .get())
                .addOption(Option.builder()
                        .longOpt("policy")
                        .hasArg()
                        .argName("FILE")
                        .desc("the course's policy, hidden seeds included: it goes into the bundle as given (--exercise"
                                + " sets its include list)")
                        .get())
                .addOption(Option.builder()
                        .longOpt("exercise")
                        .hasArg()
                        .argName("ID[,ID...]")
                        .desc("the exercises of the homework (default: the policy's include list, else all)")
                        .get());
    }

    @Override
    public ExitCode run(CommandLine line, PrintStream out, PrintStream err) throws CommandException {
        List<String> args = line.getArgList();
        String platform = args.isEmpty() ? null : args.get(0);
        if (platform == null || !AutogradeCommand.PLATFORMS.contains(platform)) {
            throw CommandException.usage(
                    platform == null
                            ? "which platform? expected gradescope or prairielearn"
                            : "unknown platform '" + platform + "': expected gradescope or prairielearn");
        }
        Policy policy = Policy.defaults();
        String policyJson = "{}\n";
        if (line.hasOption("policy")) {
            Path file = Path.of(line.getOptionValue("policy"));
            try {
                policy = PolicyLoader.load(file); // refuse a bad policy now, not on the platform for every student
                policyJson = Files.readString(file, StandardCharsets.UTF_8);
            } catch (PolicyException e) {
                throw new CommandException(ExitCode.DATA, e.getMessage(), e);
            } catch (IOException e) {
                throw new CommandException(ExitCode.DATA, "cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (line.hasOption("exercise")) {
            List<Exercise<?, ?>> exercises = Arguments.exercises(line, policy);
            policyJson = withInclude(policyJson, exercises);
        }
        Path target = Path.of(line.getOptionValue("out"));
        try {
            if (platform.equals("gradescope")) {
                PlatformExport.gradescope(target, policyJson);
                err.println("wrote " + target + ": upload it on the assignment's Configure Autograder page");
            } else {
                PlatformExport.prairieLearn(target, policyJson, policy);
                err.println("wrote " + target + ": build and push its Dockerfile's image privately, then paste"
                        + " info.json's externalGradingOptions (with your image's name) into the question's info.json");
            }
        } catch (IOException e) {
            throw new CommandException(ExitCode.DATA, "cannot write " + target + ": " + e.getMessage(), e);
        }
        return ExitCode.OK;
    }

    /** The policy with {@code include} naming exactly {@code exercises}: the platform grades what the handout holds. */
    private static String withInclude(String policyJson, List<Exercise<?, ?>> exercises) {
        JsonObject policy = JsonParser.parseString(policyJson).getAsJsonObject();
        JsonArray include = new JsonArray();
        Exercises.all().stream().filter(exercises::contains).forEach(e -> include.add(e.id()));
        policy.add("include", include);
        return Json.PRETTY.toJson(policy) + "\n";
    }
}
