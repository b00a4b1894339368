using Microsoft.Playwright;

namespace DanVan.Integration.Tests.Browser;

/// <summary>
/// The machine's Chromium, driven by Playwright. Playwright never downloads a browser here: the executable is
/// given, and a missing one skips the test on a developer's machine but fails it in CI (CI=true).
/// </summary>
public sealed class SystemChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] LaunchArgs =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _userDataDir;

    private SystemChromium(IPlaywright playwright, IBrowserContext context, string userDataDir)
    {
        _playwright = playwright;
        Context = context;
        _userDataDir = userDataDir;
    }

    public IBrowserContext Context { get; }

    /// <summary>Skips (or, in CI, fails) when the browser is not installed.</summary>
    public static void RequireInstalled()
    {
        var installed = File.Exists(ExecutablePath);
        if (!installed && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true but there is no Chromium at {ExecutablePath}; install it (apt-get install chromium).");
        }
        Skip.If(!installed, $"No Chromium at {ExecutablePath}; browser tests skipped (they are required when CI=true).");
    }

    public static async Task<SystemChromium> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var userDataDir = Directory.CreateTempSubdirectory("danvan-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = LaunchArgs,
                Locale = "vi-VN",
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                Timeout = 60_000,
            });
            return new SystemChromium(playwright, context, userDataDir);
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(userDataDir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_userDataDir, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
