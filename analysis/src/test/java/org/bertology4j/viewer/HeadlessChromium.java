package org.bertology4j.viewer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the system's headless Chromium through the system's chromedriver, or skips the calling test (via
 * Assumptions) when either is missing. The driver path is set explicitly so Selenium Manager never downloads.
 */
public final class HeadlessChromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** A headless Chromium with its profile in {@code userDataDir}; skips the calling test when there is none. */
    public static ChromeDriver start(Path userDataDir) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER), "no " + BROWSER + ": browser tests skipped");
        Assumptions.assumeTrue(Files.isExecutable(DRIVER), "no " + DRIVER + ": browser tests skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--force-device-scale-factor=1",
                "--user-data-dir=" + Files.createDirectories(userDataDir).toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
