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

    /// <summary>The provisioning listener (TLS), on loopback so that tests never listen on the LAN.</summary>
    public int ProvisioningPort { get; init; } = FreePort.Next();

    public bool EmbeddedBroker { get; init; }

    public bool Demo { get; init; }

    /// <summary>
    /// Keep the card readers of the shipped appsettings.json (a PC/SC reader). Otherwise the test
    /// agent's first reader is Simulated, so taps can be made through the device simulator.
    /// </summary>
    public bool ShippedDevices { get; init; }

    /// <summary>
    /// Keep the shipped Provisioning:ShowEnrollmentScreen (true): the unenrolled test agent shows the
    /// enrollment screen in place of idle. False (the default for tests): idle, as on an enrolled kiosk.
    /// </summary>
    public bool EnrollmentScreen { get; init; }

    /// <summary>Written as appsettings.json into the agent's config directory (the /etc/kiosk-agent stand-in).</summary>
    public string? ConfigFileContent { get; init; }

    /// <summary>Environment variables as they are (no KIOSK_ prefix), e.g. what systemd sets or the runtime's DOTNET_GC* settings.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Trust the test run's central key (<see cref="TestCentralKey"/>) as Central:SigningKeys:0, so
    /// messages signed by <see cref="TestCentral"/> and <see cref="MqttProbe"/> are accepted. False:
    /// no key unless <see cref="Extra"/> gives one.
    /// </summary>
    public bool TrustTestCentralKey { get; init; } = true;

    /// <summary>
    /// Run the agent inside this network namespace (<see cref="NetworkNamespace"/>), with the
    /// shipped provisioning address (every interface) instead of the test default of loopback.
    /// The test's loopback does not reach it: start it with <see cref="AgentProcess.Launch"/>.
    /// </summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>Command-line arguments after the agent's dll, e.g. <c>supervise</c> for the update supervisor.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>
    /// Another build of the agent to start (a published apphost, or a .dll run with dotnet), e.g. a
    /// ReadyToRun or trimmed publish the budget benchmark compares; null: the solution's build.
    /// </summary>
    public string? Executable { get; init; }

    /// <summary>Further configuration, as KIOSK_ environment variables (Section__Key).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
