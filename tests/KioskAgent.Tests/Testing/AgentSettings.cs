namespace KioskAgent.Tests.Testing;

/// <summary>How a test runs the agent. Ports and the data directory are fresh per agent unless given.</summary>
public sealed record AgentSettings
{
    public string KioskId { get; init; } = $"test-{Guid.NewGuid().ToString("N")[..8]}";

    public string SiteId { get; init; } = "test-site";

    public string DataDirectory { get; init; } = TestPaths.NewTempDirectory("kiosk-data");

    public int UiPort { get; init; } = FreePort.Next();

    public int GrpcPort { get; init; } = FreePort.Next();

    public int BrokerPort { get; init; }

    public bool EmbeddedBroker { get; init; }

    public bool Demo { get; init; }

    /// <summary>Written as appsettings.json into the agent's config directory (the /etc/kiosk-agent stand-in).</summary>
    public string? ConfigFileContent { get; init; }

    /// <summary>
    /// Trust the test run's central key (<see cref="TestCentralKey"/>) as Central:SigningKeys:0, so
    /// messages signed by <see cref="TestCentral"/> and <see cref="MqttProbe"/> are accepted. False:
    /// no key unless <see cref="Extra"/> gives one.
    /// </summary>
    public bool TrustTestCentralKey { get; init; } = true;

    /// <summary>Further configuration, as KIOSK_ environment variables (Section__Key).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
