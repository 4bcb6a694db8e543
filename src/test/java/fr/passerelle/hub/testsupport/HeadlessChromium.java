package fr.passerelle.hub.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver: nothing is downloaded (the driver is named, so
 * Selenium Manager never runs). Fails, never skips, when they are missing.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final WebDriver browser;

    private HeadlessChromium(Dimension window) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Pages are tested in Debian's chromium: " + CHROMIUM + " and "
                    + CHROMEDRIVER + " are needed. Install them with: apt-get install chromium chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            profile = Files.createTempDirectory("passerelle-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(window);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    /** A phone-sized window (390 × 844), as a referent opens a link from an e-mail. */
    public static HeadlessChromium phone() {
        return new HeadlessChromium(new Dimension(390, 844));
    }

    /** A desktop-sized window. */
    public static HeadlessChromium desktop() {
        return new HeadlessChromium(new Dimension(1280, 1024));
    }

    public WebDriver browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.quit();
        FileSystemUtils.deleteRecursively(profile.toFile());
    }
}
