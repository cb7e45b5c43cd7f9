namespace KioskAgent.Tests.Testing.Layout;

/// <summary>One headless Chromium shared by the tests of a class (xUnit class fixture).</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public ChromiumBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync() => Chromium = await ChromiumBrowser.LaunchAsync();

    public async Task DisposeAsync() => await Chromium.DisposeAsync();
}
