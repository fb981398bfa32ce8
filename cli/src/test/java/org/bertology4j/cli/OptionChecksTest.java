package org.bertology4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Option values are checked before a command runs: every numeric and path option of every command has a rule, the
 * defaults pass it and out-of-range values fail it; the cases of issue 15's table give a message naming the option
 * and the value, with a model that does not exist (so nothing was loaded first).
 */
class OptionChecksTest {
    private static final Set<Class<?>> NUMBERS = Set.of(int.class, long.class, double.class, float.class,
            Integer.class, Long.class, Double.class, Float.class);
    /** Path options checked where they are used: GUM's directory only matters for the GUM tasks. */
    private static final Set<String> PATHS_CHECKED_LATER = Set.of("--gum");

    @TempDir
    Path tmp;

    @Test
    void everyNumericAndPathOptionOfEveryCommandHasARuleThatItsDefaultPasses() {
        List<String> seen = new ArrayList<>();
        walk(new CommandLine(new Main()), seen);
        assertTrue(seen.size() > 60, "options walked: " + seen.size());
    }

    private static final java.util.Set<String> SIGNED = java.util.Set.of("--seed", "--null-threshold");

    private static void walk(CommandLine cmd, List<String> seen) {
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            boolean number = NUMBERS.contains(o.type()), path = o.type() == Path.class;
            if (!number && !path) continue;
            String name = cmd.getCommandName() + " " + o.longestName();
            if (path && PATHS_CHECKED_LATER.contains(o.longestName())) continue;
            OptionChecks.Rule rule = OptionChecks.rule(cmd.getCommandName(), o.longestName());
            assertNotNull(rule, name + " has no rule in OptionChecks");
            seen.add(name);
            if (number && o.defaultValue() != null) {
                boolean real = o.type() == double.class || o.type() == Double.class;
                Object dflt = real ? (Object) Double.parseDouble(o.defaultValue()) : (Object) Long.parseLong(o.defaultValue());
                assertNull(rule.problem(dflt), name + "'s default " + o.defaultValue() + " fails its own rule");
                // a seed (any option ending in "seed"), and the no-answer threshold of QA decoding (negative thresholds
                // answer more often), may be negative
                if (!o.longestName().endsWith("seed") && !SIGNED.contains(o.longestName())) {
                    assertNotNull(rule.problem(real ? (Object) (-5.0) : (Object) (-5L)), name + " accepts -5");
                }
                if (real && !o.longestName().equals("--seed")) assertNotNull(rule.problem(Double.NaN), name + " accepts NaN");
            }
        }
        cmd.getSubcommands().values().forEach(c -> walk(c, seen));
    }

    @Test
    void topMinusOneNamesTheOptionBeforeAnyModelLoads() {
        Run r = run("fill-mask", "--model", tmp.resolve("no-model").toString(), "--text", "a [MASK] b", "--top", "-1");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("error: --top -1: must be at least 1"), r.err);
    }

    @Test
    void outputThatIsAnExistingFileIsRefusedBeforeAnyModelLoads() throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        for (String command : new String[]{"attention", "flow"}) {
            Run r = run(command, "--model", tmp.resolve("no-model").toString(), "--text", "hi", "--out", file.toString());
            assertEquals(2, r.code, r.err);
            assertTrue(r.err.startsWith("error: --out " + file + ": is an existing file, not a directory"), r.err);
        }
        Run r = run("heads", "--model", tmp.resolve("no-model").toString(), "--conllu", file.toString(), "--out", file.resolve("sub").toString());
        assertTrue(r.err.startsWith("error: --out " + file.resolve("sub") + ": cannot be created: " + file + " is a file"), r.err);
    }

    @Test
    void unwritableOutputIsRefusedBeforeAnyModelLoads() throws Exception {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Path out = locked.resolve("out");
        locked.toFile().setWritable(false, false);
        try {
            if (canCreateIn(locked)) out = Path.of("/sys/bertology4j-out"); // root ignores permission bits; sysfs refuses files
            assumeTrue(!canCreateIn(out.getParent()), "no unwritable directory on this machine");
            Run r = run("attention", "--model", tmp.resolve("no-model").toString(), "--text", "hi", "--out", out.toString());
            assertEquals(2, r.code, r.err);
            assertTrue(r.err.startsWith("error: --out " + out + ": is not writable (in " + out.getParent() + "): "), r.err);
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    @Test
    void missingInputsAndOtherRangesAreNamed() throws Exception {
        Path model = tmp.resolve("no-model");
        Run r = run("heads", "--model", model.toString(), "--conllu", tmp.resolve("none.conllu").toString(), "--out", tmp.resolve("o").toString());
        assertTrue(r.err.startsWith("error: --conllu " + tmp.resolve("none.conllu") + ": does not exist"), r.err);
        Path conllu = Files.writeString(tmp.resolve("a.conllu"), "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n");
        r = run("heads", "--model", model.toString(), "--conllu", conllu.toString(), "--out", tmp.resolve("o").toString(), "--limit", "0");
        assertTrue(r.err.startsWith("error: --limit 0: must be -1 (all) or at least 1"), r.err);
        r = run("view", "--model", model.toString(), "--text", "hi", "--out", tmp.toString());
        assertTrue(r.err.startsWith("error: --out " + tmp + ": is a directory"), r.err);
        r = run("finetune", "--model", model.toString(), "--task", "gum-genre", "--out", tmp.resolve("f").toString(), "--dropout", "1");
        assertTrue(r.err.startsWith("error: --dropout 1.0: must be at least 0 and below 1"), r.err);
        assertTrue(!Files.exists(tmp.resolve("o")) && !Files.exists(tmp.resolve("f")), "nothing created for a refused command");
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }
}
