using Microsoft.Playwright;

namespace Stampede.Reports.Tests.Support;

/// <summary>
/// The system's Chromium driven by Playwright's bundled driver (no browser download): headless, no sandbox, no
/// background networking, in a fresh profile folder that is deleted afterwards.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private HeadlessChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("stampede-chromium-").FullName;
        // A persistent context is how Playwright takes a user-data-dir of our choosing.
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Timeout = 30_000,
        });
        return new HeadlessChromium(playwright, context, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be releasing files; the temp folder is cleaned by the system eventually.
        }
    }
}
