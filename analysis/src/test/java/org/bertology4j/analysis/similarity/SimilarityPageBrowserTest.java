package org.bertology4j.analysis.similarity;

import org.bertology4j.viewer.HeadlessChromium;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The similarity page's pair view in headless Chromium: hovering a word outlines the other text's words by cosine. */
@Tag("browser")
class SimilarityPageBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void hoveringAWordShowsItsCosineWithEveryWordOfTheOtherText() throws Exception {
        SimilarityResult r = SimilarityResultTest.catAndKitten(4);
        r.write(tmp.resolve("out"));
        double[][] cos = r.wordCosines();
        ChromeDriver driver = HeadlessChromium.start(tmp.resolve("profile"));
        try {
            driver.get(tmp.resolve("out/similarity.html").toUri().toString());
            int u = 2;
            new Actions(driver).moveToElement(driver.findElement(By.id("a-" + u))).perform();
            assertEquals("a-" + u, driver.findElement(By.tagName("body")).getAttribute("data-pair"));
            int best = r.a().words().get(u).counterparts()[0];
            for (int j = 0; j < cos[u].length; j++) {
                WebElement w = driver.findElement(By.id("b-" + j));
                assertEquals(String.format(Locale.ROOT, "%.2f", cos[u][j]), w.getAttribute("data-cos"), "b-" + j);
                String shadow = w.getCssValue("box-shadow");
                if (j == best) assertTrue(shadow.startsWith("rgb(255, 140, 0)"), "closest word's outline: " + shadow);
            }
            java.nio.file.Files.createDirectories(Path.of("target", "viewer-screenshots"));
            java.nio.file.Files.write(Path.of("target", "viewer-screenshots", "similarity-pair.png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            // a word of B: the column of the matrix, on text A's words
            new Actions(driver).moveToElement(driver.findElement(By.id("b-1"))).perform();
            assertEquals("b-1", driver.findElement(By.tagName("body")).getAttribute("data-pair"));
            for (int i = 0; i < cos.length; i++) {
                assertEquals(String.format(Locale.ROOT, "%.2f", cos[i][1]), driver.findElement(By.id("a-" + i)).getAttribute("data-cos"), "a-" + i);
            }
            assertNull(driver.findElement(By.id("b-0")).getAttribute("data-cos"), "text B's own words stay plain");
            new Actions(driver).moveToElement(driver.findElement(By.tagName("h1"))).perform();
            assertNull(driver.findElement(By.id("a-0")).getAttribute("data-cos"), "leaving the word clears the outlines");
            assertEquals("", driver.findElement(By.tagName("body")).getAttribute("data-pair"));
        } finally {
            driver.quit();
        }
    }
}
