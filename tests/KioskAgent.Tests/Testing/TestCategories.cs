namespace KioskAgent.Tests.Testing;

/// <summary>Trait values for [Trait("Category", ...)]: filter with --filter Category=Unit.</summary>
public static class TestCategories
{
    public const string Unit = "Unit";

    /// <summary>Real external components: mosquitto, pcscd, serial ptys, agent processes.</summary>
    public const string Integration = "Integration";

    /// <summary>The real UI in headless Chromium against a running agent.</summary>
    public const string E2E = "E2E";
}
