package org.bertology4j.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** End-to-end: pages written by {@link ViewerPage} load offline in headless Chromium and react to the controls. */
@Tag("browser")
class ViewerBrowserTest {
    /** Screenshots land here so a person can look at them. */
    private static final Path OUT = Path.of("target", "viewer-screenshots");

    @TempDir static Path tmp;
    private static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        driver = HeadlessChromium.start(tmp.resolve("chromium-profile"));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) driver.quit();
    }

    private static WebElement load(Path html) {
        driver.get(html.toUri().toString());
        WebElement root = driver.findElement(By.id("b4j-root"));
        waitFor(root, "data-ready", "true");
        waitFor(root, "data-model-ready", "true");
        return root;
    }

    private static void waitFor(WebElement root, String attribute, String value) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> value.equals(root.getAttribute(attribute)));
    }

    private static String pixels(String canvasId) {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.getElementById(arguments[0]).toDataURL()", canvasId);
    }

    @SuppressWarnings("unchecked")
    private static List<Number> matrix(String measure, int layer, int head, String level) {
        return (List<Number>) ((JavascriptExecutor) driver).executeScript(
                "return window.bertology4j.matrix(arguments[0], arguments[1], arguments[2], arguments[3])", measure, layer, head, level);
    }

    private static int attr(WebElement root, String name) {
        return Integer.parseInt(root.getAttribute(name));
    }

    /** Saves a screenshot and checks it is not blank: many colours and a fair share of non-white pixels. */
    private static void screenshot(String name) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) nonWhite++;
            }
        }
        long sampled = (long) ((img.getHeight() + 1) / 2) * ((img.getWidth() + 1) / 2);
        assertTrue(colours.size() > 50, name + ": only " + colours.size() + " colours");
        assertTrue(nonWhite > sampled / 50, name + ": only " + nonWhite + " of " + sampled + " sampled pixels are not white");
    }

    @Test
    void smallInputRendersAndReactsToHeadsLayersWordLevelAndZoom() throws IOException {
        ViewerData data = SyntheticViewerData.small(2, 3, true);
        Path html = tmp.resolve("small.html");
        ViewerPage.write(html, data);
        WebElement root = load(html);

        assertEquals(7, attr(root, "data-token-count"));
        assertEquals(7, attr(root, "data-drawn-tokens"));
        assertEquals(3, attr(root, "data-head-count"));
        assertEquals(3, driver.findElements(By.className("b4j-head-box")).size());
        assertEquals(6, driver.findElements(By.className("b4j-cell")).size());
        assertEquals("0", root.getAttribute("data-layer"));
        assertEquals("0,1,2", root.getAttribute("data-selected-heads"));

        // the numbers behind the drawing are the ones we embedded (float32: exact)
        List<Number> shown = matrix("attention", 1, 2, "piece");
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) assertEquals(data.attention()[1][2][i][j], shown.get(7 * i + j).floatValue());
        }

        String before = pixels("b4j-head-canvas");
        driver.findElement(By.id("b4j-head-0")).click();
        assertEquals("1,2", root.getAttribute("data-selected-heads"));
        String oneHeadOff = pixels("b4j-head-canvas");
        assertNotEquals(before, oneHeadOff, "hiding head 1 did not change the drawing");

        new Select(driver.findElement(By.id("b4j-layer"))).selectByValue("1");
        assertEquals("1", root.getAttribute("data-layer"));
        assertNotEquals(oneHeadOff, pixels("b4j-head-canvas"), "layer 2 looks like layer 1");

        // hovering a token on the left keeps only its lines
        int allLines = attr(root, "data-drawn-lines");
        WebElement canvas = driver.findElement(By.id("b4j-head-canvas"));
        int canvasTop = -canvas.getSize().getHeight() / 2;
        int canvasLeft = -canvas.getSize().getWidth() / 2;
        new Actions(driver).moveToElement(canvas, canvasLeft + 10, canvasTop + 26 + 18 * 2 + 9).perform();
        assertEquals("left:2", root.getAttribute("data-hover-token"));
        int hoverLines = attr(root, "data-drawn-lines");
        assertTrue(hoverLines > 0 && hoverLines < allLines, "hover lines " + hoverLines + " of " + allLines);
        new Actions(driver).moveToElement(driver.findElement(By.id("b4j-header"))).perform();
        assertEquals("", root.getAttribute("data-hover-token"));

        // model view: enlarge layer 2, head 3
        driver.findElement(By.id("b4j-cell-1-2")).click();
        assertEquals("2-3", driver.findElement(By.id("b4j-zoom-label")).getText());
        assertEquals("2-3", root.getAttribute("data-zoom"));
        screenshot("small-pieces.png");

        // word level: 7 pieces -> [CLS] the cats sat down [SEP]
        String piecesZoom = pixels("b4j-zoom-canvas");
        driver.findElement(By.id("b4j-word-level")).click();
        waitFor(root, "data-model-ready", "true");
        assertEquals(6, attr(root, "data-token-count"));
        assertEquals(6, attr(root, "data-drawn-tokens"));
        assertNotEquals(piecesZoom, pixels("b4j-zoom-canvas"));
        double[][] expected = SyntheticViewerData.wordLevel(data.attention()[0][1], data.wordIndex());
        List<Number> words = matrix("attention", 0, 1, "word");
        for (int i = 0; i < 6; i++) {
            double rowSum = 0;
            for (int j = 0; j < 6; j++) {
                assertEquals(expected[i][j], words.get(6 * i + j).doubleValue(), 1e-6, "word-level [" + i + "][" + j + "]");
                rowSum += words.get(6 * i + j).doubleValue();
            }
            assertEquals(1.0, rowSum, 1e-5, "word-level row " + i + " must still sum to 1");
        }

        // DeepLIFT colouring
        String plain = pixels("b4j-head-canvas");
        driver.findElement(By.id("b4j-deeplift")).click();
        assertEquals("0", root.getAttribute("data-deeplift"));
        assertNotEquals(plain, pixels("b4j-head-canvas"), "DeepLIFT colouring changed nothing");
        screenshot("small-words-deeplift.png");

        // G* has one map per layer
        new Select(driver.findElement(By.id("b4j-measure"))).selectByValue("2");
        waitFor(root, "data-model-ready", "true");
        assertEquals("gstar", root.getAttribute("data-measure"));
        assertEquals(1, attr(root, "data-head-count"));
        assertEquals(1, driver.findElements(By.className("b4j-head-box")).size());
        assertEquals(2, driver.findElements(By.className("b4j-cell")).size());
        assertTrue(attr(root, "data-drawn-lines") > 0);
        screenshot("small-gstar.png");
    }

    @Test
    void longInputUsesTheSparseEncodingAndStillRenders() throws IOException {
        int t = 300;
        ViewerData data = SyntheticViewerData.longInput(t, 2, 3, false);
        Path html = tmp.resolve("long.html");
        ViewerPage.write(html, data);
        WebElement root = load(html);
        assertEquals(t, attr(root, "data-token-count"));
        assertEquals(t, attr(root, "data-drawn-tokens"));
        assertEquals(3, attr(root, "data-head-count"));
        assertEquals(6, driver.findElements(By.className("b4j-cell")).size());

        // the page decodes exactly what the Java decoder reads, which is within half a quantum of the original
        String b64 = MatrixCodec.encodeSparse(data.attention()[1][0], ViewerPage.EncodingOptions.DEFAULT.relThreshold(),
                ViewerPage.EncodingOptions.DEFAULT.maxPerRow());
        float[][] javaSide = MatrixCodec.decode(MatrixCodec.Kind.SPARSE_U8, b64, t);
        List<Number> shown = matrix("attention", 1, 0, "piece");
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) assertEquals(javaSide[i][j], shown.get(t * i + j).floatValue(), 1e-7f);
        }

        String before = pixels("b4j-head-canvas");
        driver.findElement(By.id("b4j-head-1")).click();
        assertEquals("0,2", root.getAttribute("data-selected-heads"));
        assertNotEquals(before, pixels("b4j-head-canvas"));
        driver.findElement(By.id("b4j-word-level")).click();
        waitFor(root, "data-model-ready", "true");
        assertEquals(data.words().size() + 2, attr(root, "data-token-count"));
        screenshot("long-words.png");
    }

    @Test
    void rolloutFlowAndValueNormAreMeasuresWithWordLevel() throws IOException {
        ViewerData data = SyntheticViewerData.withAttentionMaps(SyntheticViewerData.small(2, 3, false));
        Path html = tmp.resolve("maps.html");
        ViewerPage.write(html, data);
        WebElement root = load(html);
        Select measure = new Select(driver.findElement(By.id("b4j-measure")));
        assertEquals(List.of("attention", "rollout", "flow", "value-norm", "value-norm-mixed"),
                measure.getOptions().stream().map(o -> {
                    measure.selectByValue(o.getAttribute("value"));
                    return root.getAttribute("data-measure");
                }).toList());
        String[] ids = {"rollout", "flow", "value-norm", "value-norm-mixed"};
        float[][][][][] maps = {perLayer(data.rollout()), perLayer(data.attentionFlow()), data.valueNorm(), perLayer(data.valueNormMixed())};
        String previous = "";
        for (int k = 0; k < ids.length; k++) {
            measure.selectByValue(String.valueOf(k + 1));
            waitFor(root, "data-model-ready", "true");
            int heads = maps[k][0].length;
            assertEquals(ids[k], root.getAttribute("data-measure"));
            assertEquals(heads, attr(root, "data-head-count"), ids[k]);
            assertEquals(2 * heads, driver.findElements(By.className("b4j-cell")).size(), ids[k]);
            assertTrue(attr(root, "data-drawn-lines") > 0, ids[k] + " draws no line");
            String drawn = pixels("b4j-head-canvas");
            assertNotEquals(previous, drawn, ids[k] + " looks like the measure before it");
            previous = drawn;
            // float32 embedding: the page's numbers are the data's, and word level follows the attention rule
            List<Number> shown = matrix(ids[k], 1, heads - 1, "piece");
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 7; j++) assertEquals(maps[k][1][heads - 1][i][j], shown.get(7 * i + j).floatValue(), ids[k]);
            }
            double[][] expected = SyntheticViewerData.wordLevel(maps[k][0][0], data.wordIndex());
            List<Number> words = matrix(ids[k], 0, 0, "word");
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    assertEquals(expected[i][j], words.get(6 * i + j).doubleValue(), 1e-5, ids[k] + " word-level [" + i + "][" + j + "]");
                }
            }
        }
        driver.findElement(By.id("b4j-cell-1-0")).click();
        assertEquals("\u2016\u03a3\u03b1f\u2016 2", root.getAttribute("data-zoom"));
        driver.findElement(By.id("b4j-word-level")).click();
        waitFor(root, "data-model-ready", "true");
        assertEquals(6, attr(root, "data-drawn-tokens"));
        screenshot("small-value-norm-words.png");
    }

    private static float[][][][] perLayer(float[][][] maps) {
        float[][][][] out = new float[maps.length][][][];
        for (int l = 0; l < maps.length; l++) out[l] = new float[][][] {maps[l]};
        return out;
    }

    @Test
    void colouringSwitchesBetweenAttributionMethodsAndTheirRows() throws IOException {
        ViewerData base = SyntheticViewerData.small(2, 3, true);
        float[][] ig = {{0f, -1f, 2f, 0.5f, -0.25f, 1f, 0f}};
        float[][] attnGrad = {{0f, 1f, 0f, 0f, 0f, 0f, 3f}, {1f, 0f, 0f, -2f, 0f, 0f, 0f}};
        ViewerData.Builder b = ViewerData.builder().tokens(base.tokens(), base.wordIndex(), base.words())
                .segmentIds(base.segmentIds()).attention(base.attention()).deepLift(base.deepLift())
                .tokenScores("ig", "Integrated gradients", List.of("word embeddings"), ig)
                .tokenScores("attn-grad", "Attention x gradient", List.of("layer 1", "layer 2"), attnGrad);
        Path html = tmp.resolve("methods.html");
        ViewerPage.write(html, b.build());
        WebElement root = load(html);
        assertEquals("deeplift", root.getAttribute("data-score-set"));
        driver.findElement(By.id("b4j-deeplift")).click();
        String deeplift = pixels("b4j-head-canvas");
        Select method = new Select(driver.findElement(By.id("b4j-dl-method")));
        assertEquals(3, method.getOptions().size());
        method.selectByValue("1");
        assertEquals("ig", root.getAttribute("data-score-set"));
        assertEquals(1, new Select(driver.findElement(By.id("b4j-dl-layer"))).getOptions().size());
        String igPixels = pixels("b4j-head-canvas");
        assertNotEquals(deeplift, igPixels, "IG colouring looks like DeepLIFT's");
        method.selectByValue("2");
        assertEquals("attn-grad", root.getAttribute("data-score-set"));
        new Select(driver.findElement(By.id("b4j-dl-layer"))).selectByValue("1");
        assertEquals("1", root.getAttribute("data-deeplift"));
        assertNotEquals(igPixels, pixels("b4j-head-canvas"), "attention x gradient, layer 2, looks like IG");
        screenshot("small-methods.png");
    }

    @Test
    void bertBaseSizedInputOfMaximumLengthLoads() throws IOException {
        // 12 layers x 12 heads x 512 pieces: the size the page must still handle (sparse, canvas-only rendering)
        ViewerData data = SyntheticViewerData.longInput(512, 12, 12, false);
        Path html = tmp.resolve("max.html");
        ViewerPage.write(html, data);
        WebElement root = load(html);
        assertEquals(512, attr(root, "data-token-count"));
        assertEquals(512, attr(root, "data-drawn-tokens"));
        assertEquals(144, driver.findElements(By.className("b4j-cell")).size());
        // canvas rendering: the DOM stays small however long the input is
        long elements = (Long) ((JavascriptExecutor) driver).executeScript("return document.getElementsByTagName('*').length");
        assertTrue(elements < 400, elements + " DOM elements");
        driver.findElement(By.id("b4j-cell-11-11")).click();
        assertEquals("12-12", root.getAttribute("data-zoom"));
        screenshot("max-length.png");
    }
}
